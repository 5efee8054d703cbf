import type { Plan, RolloutPolicy } from '../../../shared/domain/plan';
import { slotText, switchoverText } from './plan-text';

/** A plan as a timeline: rings in order, each batch with its slot, hosts, services and what goes first. */
export function PlanView({ plan, policy }: { plan: Plan; policy: RolloutPolicy }) {
  const hosts = plan.rings.reduce((sum, ring) => sum + ring.batches.reduce((n, batch) => n + batch.hosts.length, 0), 0);
  if (plan.rings.length === 0 && plan.unplaced.length === 0)
    return <p className="empty">Nothing to plan: the patch queue is empty.</p>;
  return (
    <>
      <p role="status">
        {hosts} {hosts === 1 ? 'host' : 'hosts'} in {plan.rings.length} {plan.rings.length === 1 ? 'ring' : 'rings'}, at
        most {policy.maxConcurrent} at a time, {policy.batchMinutes} minutes a batch; times in {policy.timeZone}.
      </p>
      {plan.warnings.length > 0 && (
        <ul className="notice notice-warning graph-issues" aria-label="Plan warnings">
          {plan.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      {plan.rings.map((ring) => (
        <section key={ring.name} className="panel" aria-labelledby={`ring-${ring.name}`}>
          <h2 id={`ring-${ring.name}`}>
            Ring {ring.name}
            {ring.approval && <span className="state state-warning"> waits for approval</span>}
          </h2>
          {ring.approvedBy && <p className="muted">Approved by the approval rules: {ring.approvedBy}.</p>}
          <table className="compact" aria-label={`Batches of ring ${ring.name}`}>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When</th>
                <th scope="col">Hosts</th>
                <th scope="col">Services</th>
                <th scope="col">First</th>
              </tr>
            </thead>
            <tbody>
              {ring.batches.map((batch, index) => (
                <tr key={batch.window.start}>
                  <td className="num">{index + 1}</td>
                  <td>{slotText(batch.window, policy.timeZone)}</td>
                  <td>
                    {batch.hosts.join(', ')}
                    {batch.canary && <span className="state state-collecting"> canary</span>}
                  </td>
                  <td>{batch.services.join(', ') || '—'}</td>
                  <td>{switchoverText(batch).join('; ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {plan.unplaced.length > 0 && (
        <section className="panel" aria-labelledby="unplaced-heading">
          <h2 id="unplaced-heading">Not planned</h2>
          <ul aria-label="Hosts not planned">
            {plan.unplaced.map(({ host, reason }) => (
              <li key={host}>
                {host}: {reason}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
