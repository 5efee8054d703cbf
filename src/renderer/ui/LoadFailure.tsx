interface LoadFailureProps {
  what: string;
  message: string;
  onRetry: () => void;
}

/** Why a list could not be loaded, with a way to try again. */
export function LoadFailure({ what, message, onRetry }: LoadFailureProps) {
  return (
    <div className="notice notice-error" role="alert">
      <span>
        Could not load {what}: {message}
      </span>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
