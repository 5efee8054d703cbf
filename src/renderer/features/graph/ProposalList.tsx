import type { Edge, GraphState } from '../../../shared/domain/graph';
import { serviceName } from './graph-labels';

interface ProposalListProps {
  state: GraphState;
  busy: boolean;
  onAccept: (edge: Edge) => void;
  onReject: (edge: Edge) => void;
}

/** Dependencies the scans saw on the wire that the graph does not have: accept or reject each. */
export function ProposalList({ state, busy, onAccept, onReject }: ProposalListProps) {
  if (state.proposals.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="proposals-heading">
      <h2 id="proposals-heading">Proposed from scanned connections</h2>
      <ul className="graph-proposals" aria-label="Proposed dependencies">
        {state.proposals.map((edge) => {
          const text = `${serviceName(state.graph, edge.from)} depends on ${serviceName(state.graph, edge.to)}`;
          return (
            <li key={`${edge.from}->${edge.to}`}>
              <span>
                <strong>{text}</strong> (seen {edge.seen} {edge.seen === 1 ? 'time' : 'times'}:{' '}
                {edge.evidence.join('; ')})
              </span>
              <button
                type="button"
                disabled={busy}
                aria-label={`Accept: ${text}`}
                onClick={() => {
                  onAccept(edge);
                }}
              >
                Accept
              </button>
              <button
                type="button"
                disabled={busy}
                aria-label={`Reject: ${text}`}
                onClick={() => {
                  onReject(edge);
                }}
              >
                Reject
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
