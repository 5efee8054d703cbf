import { useAuditStore, type Verification } from './audit-store';

const entries = (count: number): string => (count === 1 ? '1 entry' : `${count} entries`);

function describe(verification: Verification): { text: string; failed: boolean } {
  switch (verification.status) {
    case 'idle':
      return { text: '', failed: false };
    case 'checking':
      return { text: 'Verifying…', failed: false };
    case 'failed':
      return { text: `Could not verify the chain: ${verification.message}`, failed: true };
    case 'done': {
      const { result } = verification;
      return result.ok
        ? { text: `Chain intact: ${entries(result.entries)} verified`, failed: false }
        : { text: `Tampering detected at entry ${result.firstBadSeq}: ${result.reason}`, failed: true };
    }
  }
}

/** Re-hashes the whole audit chain on the main side and says whether any entry was altered. */
export function VerifyChain() {
  const verification = useAuditStore((state) => state.verification);
  const verify = useAuditStore((state) => state.verify);
  const { text, failed } = describe(verification);
  return (
    <>
      {/* Always rendered, so screen readers announce the result when it arrives. */}
      <span role="status" className={failed ? 'verify-result verify-failed' : 'verify-result'}>
        {text}
      </span>
      <button
        type="button"
        disabled={verification.status === 'checking'}
        onClick={() => {
          void verify();
        }}
      >
        Verify chain
      </button>
    </>
  );
}
