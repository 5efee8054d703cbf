import { useCallback, useEffect, useState } from 'react';
import type { Plan, RolloutPolicy } from '../../../shared/domain/plan';
import type { RolloutScope } from '../../../shared/domain/rollout';
import { call, subscribe } from '../../api/client';
import { useReadySignal } from '../../app/use-ready-signal';
import { LoadFailure } from '../../ui/LoadFailure';
import { LoadingNote } from '../../ui/LoadingNote';
import { Page } from '../../ui/Page';
import { coalesce } from '../../ui/coalesce';
import { PlanView } from './PlanView';
import { RolloutPanel } from './RolloutPanel';
import { EVERY_FIX, useRolloutStore } from './rollout-store';
import { StartRolloutForm } from './StartRolloutForm';

interface Planned {
  plan: Plan;
  policy: RolloutPolicy;
}

/** The plan for the chosen fixes of the queue, by the site's policy over the service graph. */
function usePlan(scope: RolloutScope) {
  const [planned, setPlanned] = useState<Planned | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [load] = useState(() =>
    coalesce(async () => {
      setLoading(true);
      // The scope as it is when this load starts: a load queued behind another sees a newer one.
      const { scope } = useRolloutStore.getState();
      const [plan, policy] = await Promise.all([call('rollout.plan', scope), call('policy.get', {})]);
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
  }, [refresh, scope]);
  useEffect(() => {
    // A scan, a feed, an edited host, graph or policy all change the plan.
    const offAudit = subscribe('audit.entry', refresh);
    const offRun = subscribe('scan.run', refresh);
    return () => {
      offAudit();
      offRun();
    };
  }, [refresh]);
  return { planned, error, loading, refresh };
}

/**
 * Rollouts: the one running (or the latest), live as its journal changes; below it the plan for
 * the queue and the form that starts running it.
 */
export function RolloutsPage() {
  const scope = useRolloutStore((state) => state.scope);
  const setScope = useRolloutStore((state) => state.setScope);
  const plan = usePlan(scope);
  const rollout = useRolloutStore((state) => state.current);
  const rolloutLoaded = useRolloutStore((state) => state.loaded);
  const rolloutError = useRolloutStore((state) => state.error);
  const refreshRollout = useRolloutStore((state) => state.refresh);
  useEffect(() => {
    void refreshRollout();
    // Every step started or ended sends one; the store paces the reloads.
    return subscribe('rollout.change', () => {
      void refreshRollout();
    });
  }, [refreshRollout]);
  useReadySignal((plan.planned !== null || plan.error !== null) && rolloutLoaded);

  return (
    <Page title="Rollouts" actions={<LoadingNote loading={plan.loading} />}>
      {rolloutError && (
        <LoadFailure
          what="the current rollout"
          message={rolloutError}
          onRetry={() => {
            void refreshRollout();
          }}
        />
      )}
      {rollout && <RolloutPanel rollout={rollout} />}
      {rolloutLoaded && !rollout && !rolloutError && (
        <p className="empty">No rollout has run yet: check the plan below, then start one under it.</p>
      )}
      <div className="page-head">
        <h2>{scope.fixes.length === 0 ? 'Plan for the patch queue' : `Plan for ${scope.fixes.join(', ')}`}</h2>
        {scope.fixes.length > 0 && (
          <button
            type="button"
            onClick={() => {
              setScope(EVERY_FIX);
            }}
          >
            Plan every fix
          </button>
        )}
      </div>
      {plan.error && <LoadFailure what="the rollout plan" message={plan.error} onRetry={plan.refresh} />}
      {plan.planned && <PlanView plan={plan.planned.plan} policy={plan.planned.policy} />}
      {/* Keyed by the scope: a dry run of other fixes must not stay on screen. */}
      {plan.planned && <StartRolloutForm key={scope.fixes.join(' ')} open={rollout} scope={scope} />}
    </Page>
  );
}
