import { describe, expect, it, onTestFinished } from 'vitest';
import type { RolloutState } from '../../src/main/domain/rollout/model';
import { openStore } from '../../src/main/store/database';
import { MIGRATIONS } from '../../src/main/store/migrations';
import { createRolloutRepo } from '../../src/main/store/rollout-repo';
import { batch, plan, POLICY, ring } from './rollout-fixtures';
import { tempDir } from './support';

const RUNNING: RolloutState = { status: 'running', cursor: { ring: 0, batch: 0 }, resumeTo: null, reason: null };
const AT = '2026-11-26T22:00:00.000Z';

function open(dataDir: string, migrations = MIGRATIONS) {
  const store = openStore({ dataDir, migrations });
  onTestFinished(() => {
    store.close();
  });
  return store;
}

describe("migration 15: each rollout host's work", () => {
  it('keeps the work given for a host and reads [] for a host given none', () => {
    const store = open(tempDir());
    expect(MIGRATIONS.find((migration) => migration.id === 15)?.name).toBe('rollout-work');
    const rollouts = createRolloutRepo(store.db);
    const work = [
      { name: 'libdemo1', version: '1.1-1' },
      { name: 'openssl', version: null },
    ];
    const id = rollouts.create({
      plan: plan(ring('test', [batch(['a', 'b'])])),
      policy: POLICY,
      graphVersion: 0,
      work: { a: work },
      state: RUNNING,
      by: 'alice',
      at: AT,
    });
    expect(rollouts.host(id, 'a')?.work).toEqual(work);
    expect(rollouts.host(id, 'b')?.work).toEqual([]);
    expect(rollouts.hosts(id).map((host) => [host.host, host.work])).toEqual([
      ['a', work],
      ['b', []],
    ]);
  });

  it('gives hosts of a rollout started before it no work, and refuses work that is not JSON', () => {
    const dataDir = tempDir();
    const before = openStore({ dataDir, migrations: MIGRATIONS.filter((migration) => migration.id < 15) });
    before.db
      .prepare(
        `INSERT INTO rollout (id, plan, policy, graph_version, status, ring_index, batch_index, created_by,
           created_at, updated_at) VALUES (1, ?, ?, 0, 'running', 0, 0, 'alice', ?, ?)`,
      )
      .run(JSON.stringify(plan(ring('test', [batch(['a'])]))), JSON.stringify(POLICY), AT, AT);
    before.db.exec(`
      INSERT INTO rollout_ring (rollout_id, ring_index, name, approval) VALUES (1, 0, 'test', 0);
      INSERT INTO rollout_batch (rollout_id, ring_index, batch_index, canary, state) VALUES (1, 0, 0, 0, 'pending');
      INSERT INTO rollout_host (rollout_id, host, ring_index, batch_index, phase, drained, updated_at)
        VALUES (1, 'a', 0, 0, 'pending', 0, '2026-11-26T22:00:00.000Z');
    `);
    before.close();

    const store = open(dataDir);
    expect(store.migration.applied).toEqual([15, 16]);
    expect(createRolloutRepo(store.db).host(1, 'a')?.work).toEqual([]);
    expect(() =>
      store.db.prepare("UPDATE rollout_host SET work = 'not json' WHERE rollout_id = 1 AND host = 'a'").run(),
    ).toThrow(/CHECK constraint failed/);
  });
});
