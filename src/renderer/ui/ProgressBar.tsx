interface ProgressBarProps {
  label: string;
  done: number;
  total: number;
  /** Failed work shown in the danger colour, inside `done`. */
  failed?: number;
}

/** A determinate progress bar; screen readers hear "2 of 3 hosts done" rather than a percentage. */
export function ProgressBar({ label, done, total, failed = 0 }: ProgressBarProps) {
  const share = (count: number): string => `${total > 0 ? (count / total) * 100 : 0}%`;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done}
      aria-valuetext={`${String(done)} of ${String(total)} done`}
    >
      <span className="progress-fill" style={{ width: share(done - failed) }} />
      <span className="progress-fill progress-failed" style={{ width: share(failed) }} />
    </div>
  );
}
