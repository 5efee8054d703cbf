import { useEffect, useState } from 'react';
import type { Host } from '../../../shared/domain/host';
import { subscribe } from '../../api/client';
import { useReadySignal } from '../../app/use-ready-signal';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { LoadFailure } from '../../ui/LoadFailure';
import { LoadingNote } from '../../ui/LoadingNote';
import { Page } from '../../ui/Page';
import { useFleetStore } from './fleet-store';
import { HostForm } from './HostForm';
import { HostTable } from './HostTable';

type FormState = { open: false } | { open: true; host: Host | null };

export function FleetPage() {
  const hosts = useFleetStore((state) => state.hosts);
  const loading = useFleetStore((state) => state.loading);
  const error = useFleetStore((state) => state.error);
  const refresh = useFleetStore((state) => state.refresh);
  const removeHost = useFleetStore((state) => state.removeHost);
  const [form, setForm] = useState<FormState>({ open: false });
  const [removing, setRemoving] = useState<Host | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);

  // Another window, browser tab or CLI may change the fleet; the event keeps this list current.
  useEffect(() => {
    void refresh();
    return subscribe('fleet.change', () => {
      void refresh();
    });
  }, [refresh]);
  useReadySignal(hosts !== null || error !== null);

  async function remove(host: Host): Promise<void> {
    setRemoveBusy(true);
    const reply = await removeHost(host.id);
    setRemoveBusy(false);
    setRemoving(null);
    if (!reply.ok) {
      setRemoveError(`Could not remove ${host.name}: ${reply.error.message}`);
      return;
    }
    setRemoveError(null);
    if (form.open && form.host?.id === host.id) setForm({ open: false });
  }

  const actions = (
    <>
      <LoadingNote loading={loading} />
      {hosts && <span className="muted">{hosts.length === 1 ? '1 host' : `${hosts.length} hosts`}</span>}
      <button
        type="button"
        className="primary"
        onClick={() => {
          setForm({ open: true, host: null });
        }}
      >
        Add host
      </button>
    </>
  );

  return (
    <Page title="Fleet" actions={actions}>
      {form.open && (
        <HostForm
          key={form.host?.id ?? 'new'}
          host={form.host}
          onClose={() => {
            setForm({ open: false });
          }}
        />
      )}
      {removeError && (
        <p className="notice notice-error" role="alert">
          {removeError}
        </p>
      )}
      {error && (
        <LoadFailure
          what="hosts"
          message={error}
          onRetry={() => {
            void refresh();
          }}
        />
      )}
      {hosts?.length === 0 && <p className="empty">No hosts yet. Add your first server with Add host.</p>}
      {hosts && hosts.length > 0 && (
        <HostTable
          hosts={hosts}
          busy={loading}
          onEdit={(host) => {
            setForm({ open: true, host });
          }}
          onRemove={setRemoving}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.name}?`}
          body={`Patchwise stops managing ${removing.address}. The removal is recorded in the audit log.`}
          confirmLabel="Remove"
          cancelLabel="Keep"
          busy={removeBusy}
          onConfirm={() => {
            void remove(removing);
          }}
          onCancel={() => {
            setRemoving(null);
          }}
        />
      )}
    </Page>
  );
}
