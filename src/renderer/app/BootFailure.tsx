interface BootFailureProps {
  message: string;
  onRetry: () => void;
}

/** Shown instead of the app when its main side cannot be reached at all. */
export function BootFailure({ message, onRetry }: BootFailureProps) {
  return (
    <div className="boot-failure" role="alert">
      <h1>Cannot reach Patchwise: {message}</h1>
      <p>Check that Patchwise is still running, then try again.</p>
      <button type="button" className="primary" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
