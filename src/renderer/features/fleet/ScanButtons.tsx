import { useState } from 'react';
import { useScanStore } from '../scan/scan-store';

interface ScanButtonsProps {
  selectedIds: readonly number[];
  total: number;
}

/** Starts a scan of the selected hosts or of the whole fleet; progress shows in the panel above. */
export function ScanButtons({ selectedIds, total }: ScanButtonsProps) {
  const start = useScanStore((state) => state.start);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function scan(hostIds?: number[]): Promise<void> {
    setBusy(true);
    const reply = await start(hostIds);
    setBusy(false);
    setError(reply.ok ? null : `Could not start the scan: ${reply.error.message}`);
  }

  return (
    <div className="toolbar-actions">
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
      <button
        type="button"
        disabled={busy || selectedIds.length === 0}
        onClick={() => {
          void scan([...selectedIds]);
        }}
      >
        Scan selected ({selectedIds.length})
      </button>
      <button
        type="button"
        className="primary"
        disabled={busy || total === 0}
        onClick={() => {
          void scan();
        }}
      >
        Scan all
      </button>
    </div>
  );
}
