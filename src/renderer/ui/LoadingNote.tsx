/**
 * A quiet "Loading…" beside the page heading. It is a polite live region rather than
 * role="status", so it never competes with a page's own status message.
 */
export function LoadingNote({ loading }: { loading: boolean }) {
  return (
    <span className="loading-note" aria-live="polite">
      {loading ? 'Loading…' : ''}
    </span>
  );
}
