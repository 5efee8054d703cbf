import { useCallback, useEffect, useState } from 'react';
import type { Plan, RolloutPolicy } from '../../../shared/domain/plan';
import { call, subscribe } from '../../api/client';
import { useReadySignal } from '../../app/use-ready-signal';
import { LoadFailure } from '../../ui/LoadFailure';
import { LoadingNote } from '../../ui/LoadingNote';
import { Page } from '../../ui/Page';
import { coalesce } from '../../ui/coalesce';
import { PlanView } from './PlanView';

interface Planned {
  plan: Plan;
  policy: RolloutPolicy;
}

/**
 * Rollouts: the plan Patchwise would follow to patch every fix in the queue, by the site's policy
 * over the service graph. Running it is the next step (not built yet).
 */
export function RolloutsPage() {
  const [planned, setPlanned] = useState<Planned | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [load] = useState(() =>
    coalesce(async () => {
      setLoading(true);
      const [plan, policy] = await Promise.all([call('plan.build', { fixes: [] }), call('policy.get', {})]);
      setLoading(false);
      if (!plan.ok) setError(plan.error.message);
      else if (!policy.ok) setError(policy.error.message);
      else {
        setPlanned({ plan: plan.value, policy: policy.value });
        setError(null);
      }
    }),
  );
  const refresh = useCallback(() => void load(), [load]);
  useEffect(() => {
    refresh();
    // A scan, a feed, an edited host, graph or policy all change the plan.
    const offAudit = subscribe('audit.entry', refresh);
    const offRun = subscribe('scan.run', refresh);
    return () => {
      offAudit();
      offRun();
    };
  }, [refresh]);
  useReadySignal(planned !== null || error !== null);

  return (
    <Page title="Rollouts" actions={<LoadingNote loading={loading} />}>
      <p className="muted">
        Running rollouts is not built yet: this is the plan Patchwise would follow for every fix in the patch queue.
      </p>
      {error && <LoadFailure what="the rollout plan" message={error} onRetry={refresh} />}
      {planned && <PlanView plan={planned.plan} policy={planned.policy} />}
    </Page>
  );
}
