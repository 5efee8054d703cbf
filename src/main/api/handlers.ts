import type { AppServices } from '../app';
import type { Handlers } from './router';

export function createHandlers(app: AppServices): Handlers {
  return {
    'app.info': () => app.info(),
    'fleet.list': () => app.hosts.list(),
    'fleet.add': (host, ctx) => app.hosts.add(host, ctx),
    'fleet.update': ({ id, host }, ctx) => app.hosts.update(id, host, ctx),
    'fleet.remove': ({ id }, ctx) => app.hosts.remove(id, ctx),
    'audit.list': ({ limit, beforeSeq }) => app.audit.list(limit ?? 200, beforeSeq),
    'audit.verify': () => app.audit.verify(),
    'settings.get': () => app.settings.get(),
    'settings.update': (values, ctx) => app.updateSettings(values, ctx),
  };
}
