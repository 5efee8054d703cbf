/** A blank cell that says so to screen readers instead of reading out a dash. */
export function Unknown({ what = 'not known' }: { what?: string }) {
  return (
    <span className="muted" title={what}>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{what}</span>
    </span>
  );
}
