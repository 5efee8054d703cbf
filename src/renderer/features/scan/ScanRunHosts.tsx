import { useMemo } from 'react';
import type { ScanRun } from '../../../shared/domain/scan';
import { hrefForHost } from '../../app/routes';
import { useFleetStore } from '../fleet/fleet-store';
import { hostsByAttention } from './scan-model';
import { errorLabel, HOST_STATE_LABELS } from './scan-labels';
import { ScanErrorAction } from './ScanErrorAction';

/** A long run lists the hosts needing attention first and stops here; the counts cover the rest. */
const LIST_LIMIT = 200;

export function ScanRunHosts({ run }: { run: ScanRun }) {
  const hosts = useFleetStore((state) => state.hosts);
  const addresses = useMemo(() => new Map(hosts?.map((host) => [host.id, host.address])), [hosts]);
  const sorted = hostsByAttention(run);
  const listed = sorted.slice(0, LIST_LIMIT);
  return (
    <>
      <table className="compact" aria-label={`Scan run ${String(run.id)} by host`}>
        <thead>
          <tr>
            <th scope="col">Host</th>
            <th scope="col">State</th>
            <th scope="col">Problem</th>
            <th scope="col">
              <span className="visually-hidden">Next step</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {listed.map((host) => (
            <tr key={host.hostId}>
              <th scope="row">
                <a href={hrefForHost(host.hostId)}>{host.name}</a>
              </th>
              <td>
                <span className={`state state-${host.state}`}>{HOST_STATE_LABELS[host.state]}</span>
              </td>
              <td className="details">
                {host.error && (
                  <>
                    <span className="mono">{host.error.code}</span> ({errorLabel(host.error.code)}):{' '}
                    {host.error.message}
                  </>
                )}
              </td>
              <td className="row-actions">
                {host.error && (
                  <ScanErrorAction
                    host={{ id: host.hostId, name: host.name, address: addresses.get(host.hostId) }}
                    error={host.error}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sorted.length > listed.length && (
        <p className="muted">{sorted.length - listed.length} more hosts not listed; the counts above include them.</p>
      )}
    </>
  );
}
