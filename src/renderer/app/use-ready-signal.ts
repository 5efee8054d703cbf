import { useEffect } from 'react';
import { useSettingsStore } from '../features/settings/settings-store';

/**
 * Marks `<html data-app-ready="true">` once the page's first load has settled (the header's site
 * settings included), so end-to-end tests wait on a signal instead of sleeping. Pages render only
 * after `app.info` succeeded. A failed load counts as settled: the page is then showing its error.
 */
export function useReadySignal(pageSettled: boolean): void {
  const settingsSettled = useSettingsStore((state) => state.settings !== null || state.error !== null);
  useEffect(() => {
    if (pageSettled && settingsSettled) document.documentElement.dataset['appReady'] = 'true';
  }, [pageSettled, settingsSettled]);
}
