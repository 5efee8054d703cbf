import type { GraphState } from '../../../shared/domain/graph';

const listed = (names: readonly string[], most = 12): string =>
  names.length <= most
    ? names.join(', ')
    : `${names.slice(0, most).join(', ')} and ${String(names.length - most)} more`;

/** What the saved graph leaves the planner unable to vouch for: circles, hosts in no service, strangers. */
export function GraphIssues({ state }: { state: GraphState }) {
  const { cycles, unassigned, unknownMembers } = state;
  if (cycles.length === 0 && unassigned.length === 0 && unknownMembers.length === 0) return null;
  return (
    <ul className="notice notice-warning graph-issues" aria-label="Graph issues">
      {cycles.map((cycle) => (
        <li key={cycle.join(' ')}>
          These services depend on each other in a circle, so neither can be patched first: {cycle.join(', ')}
        </li>
      ))}
      {unassigned.length > 0 && (
        <li>
          {unassigned.length === 1 ? 'A host is' : `${String(unassigned.length)} hosts are`} in no service, so no
          availability budget protects {unassigned.length === 1 ? 'it' : 'them'}: {listed(unassigned)}
        </li>
      )}
      {unknownMembers.length > 0 && <li>Members that are no longer in the fleet: {listed(unknownMembers)}</li>}
    </ul>
  );
}
