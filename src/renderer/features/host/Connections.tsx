import type { Connection } from '../../../shared/domain/inventory';
import { Section } from '../../ui/Section';

const endpoint = (address: string | null, port: number | null): string => {
  if (address === null) return '*';
  const host = address.includes(':') ? `[${address}]` : address;
  return port === null ? host : `${host}:${String(port)}`;
};

function ConnectionTable({ label, rows, remote }: { label: string; rows: Connection[]; remote: boolean }) {
  if (rows.length === 0) return <p className="muted">No {label.toLowerCase()} connections.</p>;
  return (
    <table className="compact" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Local</th>
          {remote && <th scope="col">Remote</th>}
          <th scope="col">Process</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr
            key={`${row.local}:${String(row.localPort)}-${row.remote ?? ''}:${String(row.remotePort)}-${String(index)}`}
          >
            <td className="mono">{endpoint(row.local, row.localPort)}</td>
            {remote && <td className="mono">{endpoint(row.remote, row.remotePort)}</td>}
            <td>{row.process ?? <span className="muted">not visible without root</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Listening and established TCP connections: what the host serves and whom it talks to. */
export function Connections({ connections }: { connections: readonly Connection[] | null }) {
  if (connections === null) {
    return (
      <Section title="Connections">
        <p className="muted">Not visible without root: the login could not list the host’s sockets.</p>
      </Section>
    );
  }
  const byPort = (a: Connection, b: Connection): number => a.localPort - b.localPort;
  const listening = connections.filter((c) => c.state === 'listen').sort(byPort);
  const established = connections.filter((c) => c.state === 'established').sort(byPort);
  return (
    <Section title="Connections" count={connections.length}>
      <div className="columns">
        <div>
          <h3>Listening</h3>
          <ConnectionTable label="Listening" rows={listening} remote={false} />
        </div>
        <div>
          <h3>Established</h3>
          <ConnectionTable label="Established" rows={established} remote />
        </div>
      </div>
    </Section>
  );
}
