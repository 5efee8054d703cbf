import { useReadySignal } from '../../app/use-ready-signal';
import { LoadFailure } from '../../ui/LoadFailure';
import { LoadingNote } from '../../ui/LoadingNote';
import { Page } from '../../ui/Page';
import { useSettingsStore } from './settings-store';
import { RolloutPolicyForm } from './RolloutPolicyForm';
import { SiteSettingsForm } from './SiteSettingsForm';
import { ThemeChoice } from './ThemeChoice';

export function SettingsPage() {
  const settings = useSettingsStore((state) => state.settings);
  const loading = useSettingsStore((state) => state.loading);
  const error = useSettingsStore((state) => state.error);
  const load = useSettingsStore((state) => state.load);

  // Loaded at start and kept fresh by the shell (see Shell), so arriving here needs no load of its own.
  useReadySignal(settings !== null || error !== null);

  return (
    <Page title="Settings" actions={<LoadingNote loading={loading} />}>
      {error && (
        <LoadFailure
          what="settings"
          message={error}
          onRetry={() => {
            void load();
          }}
        />
      )}
      {settings && <SiteSettingsForm settings={settings} />}
      <RolloutPolicyForm />
      <ThemeChoice />
    </Page>
  );
}
