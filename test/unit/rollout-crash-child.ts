/*
 * One life of the app for the crash test (rollout-crash.test.ts), run as its own node process
 * so it can be killed with SIGKILL, which no code sees coming. Arguments:
 *   <dataDir> <worldFile> <write|effect> <point> <start|resume|roll-back>
 * `write`: killed inside the point-th journal transaction (its audit entry, the last thing each
 * one writes), so that transaction is lost and the one before it is the last on disk.
 * `effect`: killed right after the point-th change to a (fake) host, before the engine hears.
 * Point 0 is never reached: the life runs to its end and prints how many of each it saw.
 */
import { createFakeHosts, type FakeStep } from './rollout-fake-hosts';
import { CRASH_PLAN, CRASH_POLICY, openRollouts } from './rollout-fixtures';

const [dataDir = '', worldFile = '', mode = 'write', pointText = '0', action = 'start'] = process.argv.slice(2);
const point = Number(pointText);
const die = (): void => {
  process.kill(process.pid, 'SIGKILL');
};

let effects = 0;
const fake = createFakeHosts({
  file: worldFile,
  afterEffect: (_host: string, _step: FakeStep) => {
    effects++;
    if (mode === 'effect' && effects === point) die();
  },
});
const under = openRollouts(dataDir, fake.actions);

let writes = 0;
under.store.db.function('crash_point', () => {
  writes++;
  if (mode === 'write' && writes === point) die();
  return null;
});
// TEMP triggers live in this connection only: the database file keeps its schema.
under.store.db.exec(`
  CREATE TEMP TRIGGER crash_on_first AFTER INSERT ON audit_head BEGIN SELECT crash_point(); END;
  CREATE TEMP TRIGGER crash_on_next AFTER UPDATE ON audit_head BEGIN SELECT crash_point(); END;
`);

async function life(): Promise<void> {
  const actor = { actor: 'alice' };
  if (action === 'start') {
    await under.engine.start({ plan: CRASH_PLAN, policy: CRASH_POLICY, graphVersion: 1 }, actor).done;
    return;
  }
  const [report] = await under.engine.reconcile();
  if (!report) throw new Error('Nothing to recover');
  const id = report.rolloutId;
  await (action === 'resume' ? under.engine.resume(id, actor) : under.engine.rollBack(id, actor)).done;
}

await life();
under.close();
process.stdout.write(JSON.stringify({ writes, effects }));
