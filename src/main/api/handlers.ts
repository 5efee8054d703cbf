import { AppError } from '../../shared/result';
import type { AppServices } from '../app';
import type { Handlers } from './router';

export function createHandlers(app: AppServices): Handlers {
  return {
    'app.info': () => app.info(),
    'fleet.list': () => app.hosts.list(),
    'fleet.add': (host, ctx) => app.hosts.add(host, ctx),
    'fleet.update': ({ id, host }, ctx) => app.hosts.update(id, host, ctx),
    'fleet.remove': ({ id }, ctx) => app.hosts.remove(id, ctx),
    'fleet.summaries': () => app.scans.summaries(),
    'fleet.host': ({ id }) => app.scans.detail(id),
    'fleet.import': (request, ctx) => app.importHosts(request, ctx),
    'fleet.testConnection': ({ id }) => app.testConnection(id),
    'fleet.trustHostKey': ({ id, fingerprint }, ctx) => app.trustHostKey(id, fingerprint, ctx),
    'fleet.scan': ({ hostIds }, ctx) => ({ runId: app.scans.start(hostIds, 'manual', ctx).runId }),
    'scan.cancel': ({ runId }, ctx) => app.scans.cancel(runId, ctx),
    'scan.runs': ({ limit }) => app.scans.runs(limit ?? 20),
    'secrets.list': () => app.secrets.list(),
    'secrets.set': ({ name, value }, ctx) => app.setSecret(name, value, ctx),
    'secrets.remove': ({ name }, ctx) => app.removeSecret(name, ctx),
    'feeds.status': () => app.feeds.status(),
    'queue.list': () => ({
      feeds: app.feeds.status(),
      items: app.queue.items().map(({ reasons: _reasons, ...row }) => row),
      exceptions: app.exceptions.list(),
    }),
    'queue.why': ({ fix }) => {
      const item = app.queue.item(fix);
      if (!item) throw new AppError('not_found', `${fix} is not in the patch queue now`);
      return item;
    },
    'graph.get': () => app.graph.state(),
    'graph.save': ({ graph, baseVersion }, ctx) => app.graph.save(graph, baseVersion, ctx),
    'graph.accept': ({ edge, baseVersion }, ctx) => app.graph.accept(edge, baseVersion, ctx),
    'graph.reject': ({ edge }, ctx) => app.graph.reject(edge, ctx),
    'graph.versions': ({ limit }) => app.graph.versions(limit ?? 50),
    'graph.version': ({ version }) => app.graph.version(version),
    'plan.build': ({ fixes }) => app.plans.plan(fixes),
    'policy.get': () => app.plans.policy(),
    'policy.set': (policy, ctx) => app.plans.setPolicy(policy, ctx),
    'policy.windowsFromICalendar': ({ text, timeZone }) => app.plans.windowsFromICalendar(text, timeZone),
    'rollout.plan': (scope) => app.rollouts.plan(scope),
    'rollout.start': (input, ctx) => ({ rolloutId: app.rollouts.start(input, ctx).rolloutId }),
    'rollout.dryRun': (input) => app.rollouts.dryRun(input),
    'rollout.list': ({ limit }) => app.rollouts.list(limit ?? 50),
    'rollout.get': ({ id }) => app.rollouts.get(id),
    'rollout.current': () => app.rollouts.current(),
    'rollout.steps': ({ id, host }) => app.rollouts.steps(id, host),
    'rollout.approve': ({ id, ring }, ctx) => app.rollouts.approve(id, ring, ctx),
    'rollout.pause': ({ id }, ctx) => app.rollouts.pause(id, ctx),
    'rollout.resume': ({ id }, ctx) => app.rollouts.resume(id, ctx),
    'rollout.cancel': ({ id }, ctx) => app.rollouts.cancel(id, ctx),
    'rollout.rollBack': ({ id }, ctx) => app.rollouts.rollBack(id, ctx),
    'vulns.list': () => ({ feeds: app.feeds.status(), findings: app.queue.findings() }),
    'queue.except': (input, ctx) => app.exceptions.add(input, ctx),
    'queue.revoke': ({ id }, ctx) => app.exceptions.revoke(id, ctx),
    'audit.list': ({ limit, beforeSeq }) => app.audit.list(limit ?? 200, beforeSeq),
    'audit.verify': () => app.audit.verify(),
    'settings.get': () => app.settings.get(),
    'settings.update': (values, ctx) => app.updateSettings(values, ctx),
  };
}
