import { useEffect, useState } from 'react';

/**
 * Returns focus, when the calling component goes away, to whatever had it when it appeared (the
 * button that opened a form, say), so keyboard users are not dropped at the top of the page.
 */
export function useRestoreFocus(): void {
  // Captured on the first render, before the component's own effects move focus into it.
  const [opener] = useState(() => document.activeElement);
  useEffect(
    () => () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    },
    [opener],
  );
}
