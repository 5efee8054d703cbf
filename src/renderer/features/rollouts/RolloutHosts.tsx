import type { RolloutView } from '../../../shared/domain/rollout';
import { Unknown } from '../../ui/Unknown';
import { batchGroups, CURSOR_NOTES, hostStateText, PHASE_TONES, ringName, workText } from './rollout-view';

const COLUMNS = 7;

interface RolloutHostsProps {
  rollout: RolloutView;
  selected: string | null;
  onSelect: (host: string | null) => void;
}

/** Every host of the rollout, batch by batch in the order they run; a host's name opens its step log. */
export function RolloutHosts({ rollout, selected, onSelect }: RolloutHostsProps) {
  const groups = batchGroups(rollout);
  return (
    <table className="compact rollout-hosts" aria-label={`Hosts of rollout ${String(rollout.id)}`}>
      <thead>
        <tr>
          <th scope="col">Host</th>
          <th scope="col">Ring</th>
          <th scope="col">Batch</th>
          <th scope="col">State</th>
          <th scope="col">Drained</th>
          <th scope="col">Packages</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      {groups.map((group) => (
        <tbody key={`${String(group.ring)}/${String(group.batch)}`}>
          <tr className="batch-row">
            <th scope="rowgroup" colSpan={COLUMNS}>
              {group.label}
              {group.current && CURSOR_NOTES[rollout.status] && (
                <span className="muted"> · {CURSOR_NOTES[rollout.status]}</span>
              )}
            </th>
          </tr>
          {group.hosts.map((host) => {
            const open = host.host === selected;
            return (
              <tr key={host.host} aria-selected={open}>
                <th scope="row">
                  <button
                    type="button"
                    className="link"
                    aria-pressed={open}
                    aria-label={`Steps of ${host.host}`}
                    onClick={() => {
                      onSelect(open ? null : host.host);
                    }}
                  >
                    {host.host}
                  </button>
                </th>
                <td>{ringName(rollout.plan, host.ring)}</td>
                <td className="num">{host.batch + 1}</td>
                <td>
                  <span className={`state state-${PHASE_TONES[host.phase]}`}>{hostStateText(host)}</span>
                </td>
                <td>{host.drained ? <span className="state state-warning">drained</span> : 'no'}</td>
                <td className="details">{workText(host) || <Unknown what="nothing to install" />}</td>
                <td className="details">{host.reason ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      ))}
    </table>
  );
}
