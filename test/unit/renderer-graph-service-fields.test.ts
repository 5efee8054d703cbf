import { describe, expect, it } from 'vitest';
import { addService } from '../../src/renderer/features/graph/graph-edit';
import {
  checkFromForm,
  DEFAULT_HAPROXY_SOCKET,
  describeCheck,
  drainErrors,
  drainFor,
  drainKindOf,
  EMPTY_CHECK_FORM,
  MAX_CHECKS,
  switchoverErrors,
  switchoverFrom,
  withCheck,
  withKind,
  withoutCheck,
  type CheckFormValues,
} from '../../src/renderer/features/graph/service-fields';
import { EMPTY_GRAPH, serviceGraphSchema, type HealthCheck, type Service } from '../../src/shared/domain/graph';

const blank = (): Service => {
  const service = addService(EMPTY_GRAPH, 'Web', null).services[0];
  if (!service) throw new Error('addService added nothing');
  return service;
};
const form = (values: Partial<CheckFormValues>): CheckFormValues => ({ ...EMPTY_CHECK_FORM, ...values });

describe('a health check in words', () => {
  it.each<[HealthCheck, string]>([
    [{ kind: 'unit', unit: 'demo-http.service' }, 'systemd unit demo-http.service'],
    [{ kind: 'http', port: 8080, path: '/', requests: 50 }, 'HTTP GET :8080/ ×50'],
    [{ kind: 'http', port: 443, path: '/health?deep=1', requests: 1 }, 'HTTP GET :443/health?deep=1 ×1'],
    [{ kind: 'command', command: 'curl -fsS localhost/ready' }, 'command: curl -fsS localhost/ready'],
    [{ kind: 'command', command: '  pg_isready \n  -q  ' }, 'command: pg_isready -q'],
    [{ kind: 'command', command: `echo ${'x'.repeat(100)}` }, `command: echo ${'x'.repeat(54)}…`],
  ])('%j reads "%s"', (check, words) => {
    expect(describeCheck(check)).toBe(words);
  });
});

describe('a health check from the add form', () => {
  it.each<[Partial<CheckFormValues>, HealthCheck]>([
    [
      { kind: 'unit', unit: ' nginx.service ' },
      { kind: 'unit', unit: 'nginx.service' },
    ],
    [
      { kind: 'http', port: '8080', path: '/health', requests: '20' },
      { kind: 'http', port: 8080, path: '/health', requests: 20 },
    ],
    [
      { kind: 'command', command: '  test -f /run/ok  ' },
      { kind: 'command', command: 'test -f /run/ok' },
    ],
    // Only the chosen kind's fields count: what was typed for another kind is ignored.
    [
      { kind: 'unit', unit: 'sshd.service', port: 'junk', command: '' },
      { kind: 'unit', unit: 'sshd.service' },
    ],
  ])('builds %j', (values, check) => {
    expect(checkFromForm(form(values), [])).toEqual({ ok: true, check });
  });

  it.each<[Partial<CheckFormValues>, Record<string, string>]>([
    [{ kind: 'unit', unit: 'nginx' }, { unit: 'A systemd unit name, e.g. nginx.service' }],
    [{ kind: 'unit', unit: '' }, { unit: 'A systemd unit name, e.g. nginx.service' }],
    [
      { kind: 'http', port: '8080', path: 'health', requests: '50' },
      { path: 'A path starts with / and has no spaces' },
    ],
    [{ kind: 'http', port: '8080', path: '/a b', requests: '50' }, { path: 'A path starts with / and has no spaces' }],
  ])('refuses %j with the schema’s words beside the field', (values, fields) => {
    expect(checkFromForm(form(values), [])).toEqual({ ok: false, errors: { fields, form: null } });
  });

  it('files a bad port, request count or command under its own field', () => {
    const http = checkFromForm(form({ kind: 'http', port: '', path: '/', requests: '1001' }), []);
    expect(http.ok ? [] : Object.keys(http.errors.fields).sort()).toEqual(['port', 'requests']);
    const port = checkFromForm(form({ kind: 'http', port: '70000', path: '/', requests: '5' }), []);
    expect(port.ok ? [] : Object.keys(port.errors.fields)).toEqual(['port']);
    const command = checkFromForm(form({ kind: 'command', command: '   ' }), []);
    expect(command.ok ? [] : Object.keys(command.errors.fields)).toEqual(['command']);
  });

  it('refuses a check the service has already, and a check past the limit', () => {
    const unit: HealthCheck = { kind: 'unit', unit: 'nginx.service' };
    expect(checkFromForm(form({ kind: 'unit', unit: 'nginx.service' }), [unit])).toEqual({
      ok: false,
      errors: { fields: {}, form: 'The service already has this check: systemd unit nginx.service' },
    });
    const full = Array.from({ length: MAX_CHECKS }, (_, n): HealthCheck => ({ kind: 'command', command: `true ${n}` }));
    expect(checkFromForm(form({ kind: 'unit', unit: 'sshd.service' }), full)).toEqual({
      ok: false,
      errors: { fields: {}, form: `A service has at most ${MAX_CHECKS} health checks` },
    });
  });

  it('adds checks at the end and removes one by its place, leaving the service it was given alone', () => {
    const service = blank();
    const one = withCheck(service, { kind: 'unit', unit: 'a.service' });
    const three = withCheck(withCheck(one, { kind: 'unit', unit: 'b.service' }), { kind: 'unit', unit: 'c.service' });
    expect(withoutCheck(three, 1).checks.map(describeCheck)).toEqual([
      'systemd unit a.service',
      'systemd unit c.service',
    ]);
    expect(service.checks).toEqual([]);
    expect(one.checks).toHaveLength(1);
  });
});

describe('the drain', () => {
  it('keeps a method when it is chosen again, and starts another blank but for the usual socket', () => {
    const haproxy = drainFor('haproxy', null);
    expect(haproxy).toEqual({ kind: 'haproxy', via: '', socket: DEFAULT_HAPROXY_SOCKET, backend: '' });
    const typed = { kind: 'haproxy' as const, via: 'lb1', socket: '/run/haproxy.sock', backend: 'web' };
    expect(drainFor('haproxy', typed)).toBe(typed);
    expect(drainFor('http', typed)).toEqual({ kind: 'http', drainUrl: '', undrainUrl: '' });
    expect(drainFor('none', typed)).toBeNull();
    expect([null, typed, drainFor('http', null)].map(drainKindOf)).toEqual(['none', 'haproxy', 'http']);
  });

  it('has the schema’s message for each field that is wrong, and none when all are right', () => {
    expect(drainErrors(null)).toEqual({});
    expect(drainErrors({ kind: 'haproxy', via: 'lb1', socket: DEFAULT_HAPROXY_SOCKET, backend: 'web_back' })).toEqual(
      {},
    );
    expect(drainErrors({ kind: 'haproxy', via: 'lb1', socket: 'run/admin.sock', backend: 'web back' })).toEqual({
      socket: 'The admin socket is an absolute path',
      backend: 'A backend name is letters, digits and _ . : -',
    });
    expect(Object.keys(drainErrors({ kind: 'haproxy', via: '', socket: '/s', backend: 'b' }))).toEqual(['via']);
    expect(
      drainErrors({ kind: 'http', drainUrl: 'http://lb:9000/drain/{host}', undrainUrl: 'https://lb/ready?h={host}' }),
    ).toEqual({});
    expect(Object.keys(drainErrors({ kind: 'http', drainUrl: 'lb/drain', undrainUrl: '' }))).toEqual([
      'drainUrl',
      'undrainUrl',
    ]);
  });
});

describe('the switchover', () => {
  it('is none only when both commands are empty; anything typed is kept for the schema to judge', () => {
    expect(switchoverFrom('', '')).toBeNull();
    expect(switchoverFrom('pg-demote {to}', '')).toEqual({ demote: 'pg-demote {to}', promote: '' });
    expect(switchoverFrom(' ', ' ')).toEqual({ demote: ' ', promote: ' ' });
    expect(switchoverErrors(null)).toEqual({});
    expect(switchoverErrors({ demote: 'pg-demote {to}', promote: 'pg-promote' })).toEqual({});
    expect(Object.keys(switchoverErrors({ demote: 'pg-demote {to}', promote: '   ' }))).toEqual(['promote']);
  });

  it('is dropped when the service stops being a database cluster, and kept while it is one', () => {
    const cluster = { ...withKind(blank(), 'database-cluster'), switchover: { demote: 'd', promote: 'p' } };
    expect(withKind(cluster, 'database-cluster').switchover).toEqual({ demote: 'd', promote: 'p' });
    expect(withKind(cluster, 'service')).toMatchObject({ kind: 'service', switchover: null });
    expect(cluster.switchover).not.toBeNull();
  });
});

describe('a service edited in the panel', () => {
  it('passes the graph schema once its drain, checks and switchover are valid', () => {
    let service = withKind(blank(), 'database-cluster');
    service = { ...service, drain: { kind: 'haproxy', via: 'lb1', socket: DEFAULT_HAPROXY_SOCKET, backend: 'pg' } };
    service = withCheck(service, { kind: 'unit', unit: 'postgresql.service' });
    service = { ...service, switchover: switchoverFrom('pg-demote {to}', 'pg-promote') };
    expect(serviceGraphSchema.safeParse({ services: [service], edges: [] }).success).toBe(true);
    const broken = { ...service, drain: drainFor('http', service.drain) };
    expect(serviceGraphSchema.safeParse({ services: [broken], edges: [] }).success).toBe(false);
  });
});
