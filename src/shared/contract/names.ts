/**
 * The names alone, with no schema library, so the preload can allowlist them without bundling
 * zod. `commands.ts` and `events.ts` are checked against these lists by the compiler.
 */
export const COMMAND_NAMES = [
  'app.info',
  'fleet.list',
  'fleet.add',
  'fleet.update',
  'fleet.remove',
  'fleet.summaries',
  'fleet.host',
  'fleet.import',
  'fleet.testConnection',
  'fleet.trustHostKey',
  'fleet.scan',
  'scan.cancel',
  'scan.runs',
  'secrets.list',
  'secrets.set',
  'secrets.remove',
  'feeds.status',
  'queue.list',
  'queue.why',
  'queue.except',
  'queue.revoke',
  'vulns.list',
  'graph.get',
  'graph.save',
  'graph.accept',
  'graph.reject',
  'graph.versions',
  'graph.version',
  'plan.build',
  'policy.get',
  'policy.set',
  'policy.windowsFromICalendar',
  'rollout.plan',
  'rollout.start',
  'rollout.dryRun',
  'rollout.list',
  'rollout.get',
  'rollout.current',
  'rollout.steps',
  'rollout.approve',
  'rollout.pause',
  'rollout.resume',
  'rollout.cancel',
  'rollout.rollBack',
  'audit.list',
  'audit.verify',
  'settings.get',
  'settings.update',
] as const;

export const EVENT_NAMES = ['fleet.change', 'audit.entry', 'scan.progress', 'scan.run', 'rollout.change'] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

const commandNames: ReadonlySet<string> = new Set(COMMAND_NAMES);
const eventNames: ReadonlySet<string> = new Set(EVENT_NAMES);

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && commandNames.has(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && eventNames.has(name);
}

/** Electron IPC channel for a command (`app:fleet.add`) and for an event (`app-event:fleet.change`). */
export const commandChannel = (name: CommandName): string => `app:${name}`;
export const eventChannel = (name: EventName): string => `app-event:${name}`;
