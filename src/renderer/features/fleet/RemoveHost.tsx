import { useState } from 'react';
import type { Host } from '../../../shared/domain/host';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useFleetStore } from './fleet-store';

interface RemoveHostProps {
  host: Host;
  /** Called with null once removed (or kept), else with why the removal failed. */
  onDone: (failure: string | null) => void;
}

export function RemoveHost({ host, onDone }: RemoveHostProps) {
  const removeHost = useFleetStore((state) => state.removeHost);
  const [busy, setBusy] = useState(false);

  async function remove(): Promise<void> {
    setBusy(true);
    const reply = await removeHost(host.id);
    setBusy(false);
    onDone(reply.ok ? null : `Could not remove ${host.name}: ${reply.error.message}`);
  }

  return (
    <ConfirmDialog
      title={`Remove ${host.name}?`}
      body={`Patchwise stops managing ${host.address}. The removal is recorded in the audit log.`}
      confirmLabel="Remove"
      cancelLabel="Keep"
      busy={busy}
      onConfirm={() => {
        void remove();
      }}
      onCancel={() => {
        onDone(null);
      }}
    />
  );
}
