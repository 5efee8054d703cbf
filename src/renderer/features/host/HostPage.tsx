import { useEffect, useMemo, useState } from 'react';
import { subscribe } from '../../api/client';
import { hrefFor } from '../../app/routes';
import { useReadySignal } from '../../app/use-ready-signal';
import { LoadFailure } from '../../ui/LoadFailure';
import { LoadingNote } from '../../ui/LoadingNote';
import { Page } from '../../ui/Page';
import { useFleetStore } from '../fleet/fleet-store';
import { liveStates } from '../scan/scan-model';
import { HOST_STATE_LABELS } from '../scan/scan-labels';
import { useScanStore } from '../scan/scan-store';
import { ConnectionTestDialog } from './ConnectionTestDialog';
import { HostInventory } from './HostInventory';
import { HostSecrets } from './HostSecrets';
import { HostSummaryPanel } from './HostSummaryPanel';
import { ScanHistory } from './ScanHistory';
import { SecretDialog } from './SecretDialog';
import { useHostDetail } from './use-host-detail';

type Open = 'none' | 'test' | 'sudo';

/** One host: what its last scan found, what changed between scans, and how Patchwise reaches it. */
export function HostPage({ hostId }: { hostId: number }) {
  const hosts = useFleetStore((state) => state.hosts);
  const refreshFleet = useFleetStore((state) => state.refresh);
  const runs = useScanStore((state) => state.runs);
  const start = useScanStore((state) => state.start);
  const { detail, error, loading, reload } = useHostDetail(hostId);
  const [open, setOpen] = useState<Open>('none');
  const [scanError, setScanError] = useState<string | null>(null);
  const host = hosts?.find((candidate) => candidate.id === hostId);
  const live = useMemo(() => liveStates(runs).get(hostId), [runs, hostId]);

  useEffect(() => {
    void refreshFleet();
    return subscribe('fleet.change', () => {
      void refreshFleet();
    });
  }, [refreshFleet]);
  useReadySignal((detail !== null && hosts !== null) || error !== null);
  useEffect(() => {
    if (host) document.title = `${host.name} · Fleet · Patchwise`;
  }, [host]);

  async function scanNow(): Promise<void> {
    const reply = await start([hostId]);
    setScanError(reply.ok ? null : `Could not start the scan: ${reply.error.message}`);
  }

  const breadcrumb = <a href={hrefFor('fleet')}>Fleet</a>;
  if (error?.code === 'not_found') {
    return (
      <Page title="Host not found" breadcrumb={breadcrumb}>
        <p className="empty">
          There is no host with id {hostId}; it may have been removed. <a href={hrefFor('fleet')}>Back to the fleet</a>
        </p>
      </Page>
    );
  }

  const actions = (
    <>
      <LoadingNote loading={loading} />
      {live && (
        <span className="state state-collecting" role="status">
          Scanning: {HOST_STATE_LABELS[live]}
        </span>
      )}
      <button
        type="button"
        disabled={!host}
        onClick={() => {
          setOpen('test');
        }}
      >
        Test connection
      </button>
      <button
        type="button"
        disabled={!host}
        onClick={() => {
          setOpen('sudo');
        }}
      >
        Store sudo password
      </button>
      <button
        type="button"
        className="primary"
        disabled={live !== undefined}
        onClick={() => {
          void scanNow();
        }}
      >
        Scan now
      </button>
    </>
  );

  return (
    <Page title={host?.name ?? `Host ${String(hostId)}`} breadcrumb={breadcrumb} actions={actions}>
      {scanError && (
        <p className="notice notice-error" role="alert">
          {scanError}
        </p>
      )}
      {error && <LoadFailure what="this host's inventory" message={error.message} onRetry={reload} />}
      {host && detail && (
        <>
          <HostSummaryPanel host={host} detail={detail} />
          {detail.inventory ? (
            <HostInventory inventory={detail.inventory} />
          ) : (
            <p className="empty">
              {host.name} has not been scanned successfully yet, so there is no inventory to show. Press Scan now; if
              the scan fails, the reason and what to do about it appear above.
            </p>
          )}
          <ScanHistory history={detail.history} />
          <HostSecrets hostName={host.name} />
        </>
      )}
      {open === 'test' && host && (
        <ConnectionTestDialog
          host={host}
          onClose={() => {
            setOpen('none');
          }}
        />
      )}
      {open === 'sudo' && host && (
        <SecretDialog
          kind="sudo"
          hostName={host.name}
          onClose={() => {
            setOpen('none');
          }}
        />
      )}
    </Page>
  );
}
