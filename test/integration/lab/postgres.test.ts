import { describe, expect, it } from 'vitest';
import { lab, onHost, waitFor } from '../../lab/hosts';

describe.skipIf(lab.skip !== null)(`the database pair${lab.skip ? ` (skipped: ${lab.skip})` : ''}`, () => {
  it('streams a row written on the primary to the replica', async () => {
    const psql = (host: string, sql: string) =>
      onHost(host, `cd / && runuser -u postgres -- psql -d shop -tAc "${sql}"`);
    await waitFor('the replica to stream', async () => (await psql('db2', 'SELECT pg_is_in_recovery()')) === 't\n');
    const note = `order-${String(Date.now())}`;
    await psql('db1', `INSERT INTO orders (note) VALUES ('${note}')`);
    await waitFor(
      'the row on the replica',
      async () => (await psql('db2', `SELECT count(*) FROM orders WHERE note = '${note}'`)) === '1\n',
      30_000,
    );
    expect(await psql('db1', 'SELECT count(*) FROM pg_stat_replication')).toBe('1\n');
  });
});
