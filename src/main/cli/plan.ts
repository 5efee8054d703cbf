import { openCliApp } from './cli-app';

/**
 * `patchwise plan`: the rollout plan for fixes of the queue. JSON: `{ rings: [{ name, approval,
 * batches: [{ hosts, window: { start, end }, services, layer, switchovers, canary }] }],
 * unplaced: [{ host, reason }], warnings }`.
 */
export function runPlan(fixes: readonly string[], json: boolean, dataDir: string): number {
  const app = openCliApp(dataDir);
  try {
    const plan = app.services.plans.plan(fixes);
    if (json) {
      console.log(JSON.stringify(plan, null, 2));
      return 0;
    }
    if (plan.rings.length === 0 && plan.unplaced.length === 0) console.log('Nothing to plan: the queue is empty.');
    for (const ring of plan.rings) {
      console.log(`ring ${ring.name}${ring.approval ? ' (waits for approval)' : ''}`);
      ring.batches.forEach((batch, index) => {
        const when = `${batch.window.start.slice(0, 16).replace('T', ' ')}-${batch.window.end.slice(11, 16)} UTC`;
        console.log(
          `  ${String(index + 1).padStart(2)}. ${when}  ${batch.hosts.join(' ')}${batch.canary ? '  (canary)' : ''}` +
            (batch.services.length > 0 ? `  services ${batch.services.join(' ')}` : ''),
        );
        for (const { service, from, to } of batch.switchovers)
          console.log(`      first: ${to} takes over ${service} from ${from}`);
      });
    }
    for (const { host, reason } of plan.unplaced) console.log(`not planned: ${host}: ${reason}`);
    for (const warning of plan.warnings) console.log(`note: ${warning}`);
    return 0;
  } finally {
    app.close();
  }
}
