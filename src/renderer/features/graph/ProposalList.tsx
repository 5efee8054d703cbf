import type { Edge, GraphState } from '../../../shared/domain/graph';

interface ProposalListProps {
  state: GraphState;
  busy: boolean;
  onAccept: (edge: Edge) => void;
  onReject: (edge: Edge) => void;
}

const nameOf = (state: GraphState, id: string): string =>
  state.graph.services.find((service) => service.id === id)?.name ?? id;

/** Dependencies the scans saw on the wire that the graph does not have: accept or reject each. */
export function ProposalList({ state, busy, onAccept, onReject }: ProposalListProps) {
  if (state.proposals.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="proposals-heading">
      <h2 id="proposals-heading">Proposed from scanned connections</h2>
      <ul className="graph-proposals" aria-label="Proposed dependencies">
        {state.proposals.map((edge) => {
          const text = `${nameOf(state, edge.from)} depends on ${nameOf(state, edge.to)}`;
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
