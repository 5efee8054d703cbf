import { CONTROL_LABELS } from '../../../shared/domain/controls';
import type { Host } from '../../../shared/domain/host';
import type { HostDetail } from '../../../shared/domain/scan';
import { formatDuration, formatWhen } from '../../ui/format';
import { endpointText } from '../fleet/endpoint';
import { AUTH_METHOD_LABELS, OS_FAMILY_LABELS } from '../fleet/host-labels';
import { errorLabel } from '../scan/scan-labels';
import { ScanErrorAction } from '../scan/ScanErrorAction';

interface HostSummaryPanelProps {
  host: Host;
  detail: HostDetail;
}

function LastScan({ host, detail }: HostSummaryPanelProps) {
  const { summary } = detail;
  if (!summary.lastScanAt || !summary.lastStatus) return <>never</>;
  const when = formatWhen(summary.lastScanAt);
  if (summary.lastStatus === 'ok') return <>{when}: OK</>;
  const error = summary.lastError;
  return (
    <span className="last-scan-failed">
      {when}: {summary.lastStatus === 'failed' ? 'failed' : 'cancelled'}
      {error && (
        <>
          {' '}
          — <span className="mono">{error.code}</span> ({errorLabel(error.code)}): {error.message}{' '}
          <ScanErrorAction host={host} error={error} />
        </>
      )}
    </span>
  );
}

/** The host at a glance: how it is reached, what it runs, and how its last scan went. */
export function HostSummaryPanel({ host, detail }: HostSummaryPanelProps) {
  const { inventory, inventoryAt, summary } = detail;
  return (
    <section className="panel" aria-labelledby="host-summary">
      <h2 id="host-summary">Summary</h2>
      <dl className="facts facts-grid">
        <dt>Address</dt>
        <dd className="mono">{endpointText(host)}</dd>
        <dt>Login</dt>
        <dd>
          {host.loginUser} ({host.transport === 'winrm' ? 'WinRM' : AUTH_METHOD_LABELS[host.authMethod]})
          {host.jumpHost ? ` via ${host.jumpHost}` : ''}
        </dd>
        <dt>OS</dt>
        <dd>{inventory?.os.name ?? OS_FAMILY_LABELS[host.osFamily]}</dd>
        <dt>Kernel</dt>
        <dd className="mono">
          {inventory ? inventory.kernel : '—'}
          {inventory?.kernelInstalled && inventory.kernelInstalled !== inventory.kernel
            ? ` (installed: ${inventory.kernelInstalled})`
            : ''}
        </dd>
        <dt>Uptime</dt>
        <dd>{inventory ? formatDuration(inventory.uptimeSeconds) : '—'}</dd>
        <dt>Ring · criticality · exposure</dt>
        <dd>
          {host.ring} · {host.criticality} · {host.exposure}
        </dd>
        <dt>Compensating controls</dt>
        <dd>
          {host.controls.length > 0 ? host.controls.map((control) => CONTROL_LABELS[control]).join('; ') : 'none'}
        </dd>
        <dt>Last scan</dt>
        <dd>
          <LastScan host={host} detail={detail} />
        </dd>
        <dt>Inventory from</dt>
        <dd>{inventoryAt ? formatWhen(inventoryAt) : 'no successful scan yet'}</dd>
        <dt>Packages</dt>
        <dd>{summary.packages ?? '—'}</dd>
        <dt>Pending upgrades</dt>
        <dd>{summary.upgrades ?? '—'}</dd>
        <dt>Security advisories</dt>
        <dd>{summary.securityUpdates ?? '—'}</dd>
        <dt>Reboot</dt>
        <dd>{summary.rebootRequired === null ? '—' : summary.rebootRequired ? 'needed' : 'not needed'}</dd>
      </dl>
      {inventory && inventory.warnings.length > 0 && (
        <ul className="scan-warnings" aria-label="What the last scan could not vouch for">
          {inventory.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
