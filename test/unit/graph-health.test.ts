import { describe, expect, it } from 'vitest';
import { drainSchema, healthCheckSchema, serviceSchema } from '../../src/shared/domain/graph';

const drawn = {
  id: 'db',
  name: 'PostgreSQL',
  kind: 'database-cluster',
  minHealthy: 1,
  members: [{ host: 'db1', role: 'database-primary' }],
  drain: null,
  position: null,
};

describe('health checks and switchovers in the service graph', () => {
  it('reads a service saved before checks and switchovers existed as having none', () => {
    expect(serviceSchema.parse(drawn)).toMatchObject({ checks: [], switchover: null });
  });

  it('keeps a switchover and refuses an empty command', () => {
    const switchover = { demote: 'systemctl stop pg', promote: 'pg_ctl promote' };
    expect(serviceSchema.parse({ ...drawn, switchover }).switchover).toEqual(switchover);
    expect(serviceSchema.safeParse({ ...drawn, switchover: { demote: ' ', promote: 'x' } }).success).toBe(false);
  });

  it('takes only http and https drain URLs, since they are POSTed from this machine', () => {
    const http = (url: string) =>
      drainSchema.safeParse({ kind: 'http', drainUrl: url, undrainUrl: 'http://lb/undrain/{host}' }).success;
    expect([http('http://lb:9000/drain/{host}'), http('https://lb/drain'), http('ftp://lb/drain'), http('lb')]).toEqual(
      [true, true, false, false],
    );
  });

  it.each([
    [{ kind: 'http', port: 8080, path: '/health', requests: 50 }, true],
    [{ kind: 'http', port: 8080, path: '/a b', requests: 50 }, false],
    [{ kind: 'http', port: 8080, path: 'health', requests: 50 }, false],
    [{ kind: 'http', port: 0, path: '/', requests: 50 }, false],
    [{ kind: 'http', port: 80, path: '/', requests: 0 }, false],
    [{ kind: 'unit', unit: 'postgresql@15-main.service' }, true],
    [{ kind: 'unit', unit: 'nginx' }, false],
    [{ kind: 'unit', unit: 'x.service; reboot' }, false],
    [{ kind: 'command', command: 'curl -fsS localhost/health' }, true],
    [{ kind: 'command', command: '   ' }, false],
  ])('checks %j: valid %s', (check, valid) => {
    expect(healthCheckSchema.safeParse(check).success).toBe(valid);
  });
});
