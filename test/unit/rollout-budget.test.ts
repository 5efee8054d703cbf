import { describe, expect, it, onTestFinished } from 'vitest';
import { budgetRefusal } from '../../src/main/domain/rollout/budget';
import type { HostPhase } from '../../src/main/domain/rollout/model';
import type { ServiceGraph } from '../../src/shared/domain/graph';
import { createFakeHosts, fakeWorld } from './rollout-fake-hosts';
import { batch, openRollouts, plan, ring } from './rollout-fixtures';
import { admin, tempDir } from './support';

const graph = (members: string[], minHealthy: number): ServiceGraph => ({
  services: [
    {
      id: 'api',
      name: 'Shop API',
      kind: 'service',
      minHealthy,
      members: members.map((host) => ({ host, role: 'api' })),
      drain: null,
      checks: [],
      switchover: null,
      position: null,
    },
  ],
  edges: [],
});

const phases = (entries: Record<string, HostPhase>) => new Map(Object.entries(entries));

describe('the availability budget while a rollout runs', () => {
  it('lets a member go while enough others are up, counting failed and in-flight members as down', () => {
    const three = graph(['a1', 'a2', 'a3'], 1);
    expect(budgetRefusal(three, phases({ a1: 'pending', a2: 'pending' }), 'a1')).toBeNull();
    // a2 being patched: a3 still up for a1's turn.
    expect(budgetRefusal(three, phases({ a2: 'active' }), 'a1')).toBeNull();
    expect(budgetRefusal(three, phases({ a2: 'failed', a3: 'active' }), 'a1')).toBe(
      'Not started: taking a1 down would leave Shop API with 0 of 3 members up, below its budget of 1 ' +
        '(a2, a3 are failed or being patched)',
    );
    // Done, rolled back, skipped and members outside the rollout are up.
    expect(budgetRefusal(three, phases({ a2: 'done', a3: 'rolled-back' }), 'a1')).toBeNull();
    expect(budgetRefusal(three, phases({ a2: 'skipped' }), 'a1')).toBeNull();
    // A host in no service is never held back; a budget of 0 never holds.
    expect(budgetRefusal(three, phases({ a2: 'failed', a3: 'failed' }), 'x9')).toBeNull();
    expect(budgetRefusal(graph(['a1', 'a2'], 0), phases({ a2: 'failed' }), 'a1')).toBeNull();
  });

  it('skips, with the reason, a host whose turn would break the budget, and the plan goes on (fake hosts)', async () => {
    const fake = createFakeHosts({ world: fakeWorld(['a1', 'a2', 'b1'], { a1: { reachable: false } }) });
    const api = graph(['a1', 'a2'], 1);
    const under = openRollouts(tempDir(), fake.actions, (id, host) =>
      budgetRefusal(api, new Map(under.engine.hosts(id).map((record) => [record.host, record.run.phase])), host),
    );
    onTestFinished(() => {
      under.close();
    });
    const { rolloutId, done } = under.engine.start(
      {
        plan: plan(ring('important', [batch(['a1']), batch(['a2']), batch(['b1'])])),
        policy: { failureThreshold: 1 },
        graphVersion: 1,
      },
      admin,
    );
    await done;
    expect(under.engine.hosts(rolloutId).map((host) => [host.host, host.run.phase])).toEqual([
      ['a1', 'failed'],
      ['a2', 'skipped'],
      ['b1', 'done'],
    ]);
    const skipped = under.engine.hosts(rolloutId)[1]?.run;
    expect(skipped && 'reason' in skipped ? skipped.reason : '').toMatch(
      /^Not started: taking a2 down would leave Shop API with 0 of 2/,
    );
    // Never touched.
    expect(fake.steps('a2')).toEqual([]);
    expect(under.engine.rollout(rolloutId).state.status).toBe('done');
    expect(
      under.audit.list(100).some((entry) => entry.action === 'rollout.host.skip' && entry.hosts.includes('a2')),
    ).toBe(true);
  });
});
