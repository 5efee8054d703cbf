import { useCallback, useEffect } from 'react';
import { useSettingsStore } from '../features/settings/settings-store';
import { BootFailure } from './BootFailure';
import { useBootStore } from './boot-store';
import { Shell } from './Shell';

export function App() {
  const boot = useBootStore((state) => state.boot);
  const start = useBootStore((state) => state.start);
  const loadSettings = useSettingsStore((state) => state.load);

  // The header's site name is loaded alongside app.info, so the first screen is complete.
  const begin = useCallback(() => {
    void start();
    void loadSettings();
  }, [start, loadSettings]);

  useEffect(begin, [begin]);

  switch (boot.status) {
    case 'starting':
      return <p className="boot-note">Starting Patchwise…</p>;
    case 'failed':
      return <BootFailure message={boot.message} onRetry={begin} />;
    case 'running':
      return <Shell info={boot.info} />;
  }
}
