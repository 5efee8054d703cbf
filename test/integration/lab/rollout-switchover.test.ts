import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_SWITCHOVER } from '../../../src/main/lab/roles';
import { DEFAULT_ROLLOUT_POLICY } from '../../../src/shared/domain/plan';
import type { ServiceGraph } from '../../../src/shared/domain/graph';
import { hostStatus, lab } from '../../lab/hosts';
import {
  closeRolloutApp,
  ctx,
  expectReplicated,
  fixesFor,
  inRecovery,
  openRolloutApp,
  prepareRollouts,
  restoreInitial,
  restorePrimary,
} from '../../lab/rollout-lab';

describe.skipIf(lab.skip !== null)(
  `a database switchover that fails halfway${lab.skip ? ` (skipped: ${lab.skip})` : ''}`,
  () => {
    const app = lab.skip === null ? openRolloutApp() : null;
    let drawn: ServiceGraph | null = null;

    beforeAll(async () => {
      if (!app) return;
      // db1 the primary, as the test expects, whatever an earlier test file left.
      await restorePrimary('db1', 'db2');
      await prepareRollouts(app, {
        ...DEFAULT_ROLLOUT_POLICY,
        rings: ['important', 'critical'],
        approvalRings: [],
        canary: false,
      });
      // The shop's switchover, except that db2 refuses to be promoted (db1, promoted back, does not).
      const head = app.services.graph.head();
      drawn = head.graph;
      const db2 = (await hostStatus('db2')).address;
      const refusing = {
        demote: PG_SWITCHOVER.demote,
        promote: `[ '{to}' = '${db2}' ] && { echo 'db2 will not be promoted (lab test)' >&2; exit 3; }\n${PG_SWITCHOVER.promote}`,
      };
      app.services.graph.save(
        {
          ...head.graph,
          services: head.graph.services.map((service) =>
            service.id === 'db' ? { ...service, switchover: refusing } : service,
          ),
        },
        head.version,
        ctx,
      );
    }, 300_000);

    afterAll(async () => {
      if (!app) return;
      try {
        if (drawn) app.services.graph.save(drawn, app.services.graph.head().version, ctx);
        await restorePrimary('db1', 'db2');
      } finally {
        closeRolloutApp(app);
      }
      for (const host of ['db1', 'db2']) await restoreInitial(host);
    }, 300_000);

    it('promotes the old primary back when the replica will not take over, and says so', async () => {
      if (!app) return;
      const graphVersion = app.services.graph.head().version;
      const { rolloutId, done } = app.services.rollouts.start(
        { fixes: fixesFor(app, 'CVE-2026-90001'), hosts: ['db1', 'db2'], versions: 'fixed', failureThreshold: 0 },
        ctx,
      );
      await done;
      const view = app.services.rollouts.get(rolloutId);
      const host = (name: string) => view.hosts.find((candidate) => candidate.host === name);
      // The replica first, patched; then db1's drain: demoted, db2 refused, db1 promoted back.
      expect(host('db2')?.phase).toBe('done');
      expect(host('db1')?.phase).toBe('failed');
      expect(host('db1')?.reason).toMatch(
        /^drain failed: db2 could not take over PostgreSQL \(.*db2 will not be promoted.*\); db1 was promoted back and is the primary again/s,
      );
      expect(view.status).toBe('halted');

      // And it is: db1 takes writes, db2 follows it again; the graph still names db1 the primary.
      expect(await inRecovery('db1')).toBe(false);
      expect(await inRecovery('db2')).toBe(true);
      await expectReplicated('db1', 'db2');
      expect(app.services.graph.head().version).toBe(graphVersion);
    }, 600_000);
  },
);
