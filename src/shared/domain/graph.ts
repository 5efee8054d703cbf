import { z } from 'zod';

/**
 * The service dependency graph an admin draws: services (with the hosts that serve them, each in
 * a role), and edges from a service to the services it depends on. A service's availability
 * budget is how many of its members must stay healthy while others are patched.
 */
export const SERVICE_KINDS = ['service', 'load-balancer', 'database-cluster'] as const;
export const MEMBER_ROLES = ['web', 'api', 'database-primary', 'database-replica', 'load-balancer', 'member'] as const;

export type ServiceKind = (typeof SERVICE_KINDS)[number];
export type MemberRole = (typeof MEMBER_ROLES)[number];

const SERVICE_ID = /^[a-z0-9][a-z0-9-]*$/;
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const serviceIdSchema = z
  .string()
  .min(1, 'A service id is required')
  .max(63, 'A service id is at most 63 characters')
  .regex(SERVICE_ID, 'A service id is lower-case letters, digits and dashes, starting with a letter or digit');

export const memberSchema = z.object({
  host: z.string().min(1).max(63).regex(HOST_NAME, 'A member is the name of a host in the fleet'),
  role: z.enum(MEMBER_ROLES),
});
export type Member = z.infer<typeof memberSchema>;

/** Drain and undrain calls are POSTs from this machine: http or https only. */
const httpUrl = z.url({
  protocol: /^https?$/,
  error: 'A URL such as http://lb:9000/drain/{host} ({host} becomes the member)',
});

/** How traffic is taken off a member before it is patched, and put back after. */
export const drainSchema = z.discriminatedUnion('kind', [
  /** HAProxy's runtime API on the load balancer: `set server <backend>/<host> state drain|ready`. */
  z.object({
    kind: z.literal('haproxy'),
    /** The load balancer host (a host in the fleet) whose admin socket is used over SSH. */
    via: z
      .string()
      .min(1, 'Choose the load balancer')
      .max(63)
      .regex(HOST_NAME, 'The load balancer is a host of the fleet'),
    socket: z
      .string()
      .max(200)
      .regex(/^\/[A-Za-z0-9_./-]+$/, 'The admin socket is an absolute path'),
    backend: z
      .string()
      .min(1, 'A backend name is required')
      .max(100, 'A backend name is at most 100 characters')
      .regex(/^[A-Za-z0-9_.:-]+$/, 'A backend name is letters, digits and _ . : -'),
  }),
  z.object({ kind: z.literal('http'), drainUrl: httpUrl, undrainUrl: httpUrl }),
]);
export type Drain = z.infer<typeof drainSchema>;

/**
 * How a member is judged healthy after it is patched. `http` is asked from the Patchwise machine
 * (`requests` GETs to the member's address), and judged against a member of the same service
 * that is not being patched, the unpatched baseline: any failed request, or a median latency
 * well above the baseline's, fails it. `unit` asks systemd; `command` runs on the member as the
 * login user and passes on exit status 0.
 */
export const healthCheckSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('http'),
    port: z
      .number({ error: 'A port is 1–65535' })
      .int('A port is 1–65535')
      .min(1, 'A port is 1–65535')
      .max(65535, 'A port is 1–65535'),
    path: z
      .string()
      .max(200)
      .regex(/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*$/, 'A path starts with / and has no spaces'),
    requests: z
      .number({ error: 'From 1 to 1000 requests' })
      .int('From 1 to 1000 requests')
      .min(1, 'From 1 to 1000 requests')
      .max(1000, 'From 1 to 1000 requests'),
  }),
  z.object({
    kind: z.literal('unit'),
    unit: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9@_.:-]+\.(service|socket|target|timer|mount)$/, 'A systemd unit name, e.g. nginx.service'),
  }),
  z.object({
    kind: z.literal('command'),
    command: z.string().trim().min(1, 'A command is required').max(1000, 'A command is at most 1000 characters'),
  }),
]);
export type HealthCheck = z.infer<typeof healthCheckSchema>;

/**
 * How a database cluster hands its primary role to a replica before the primary is patched:
 * commands run as root, `demote` on the old primary (it stops taking writes and follows the new
 * one), then `promote` on the replica taking over. `{from}` and `{to}` in them are replaced by
 * the two hosts' addresses. Both must be safe to run again (a crash may repeat them).
 */
export const switchoverSchema = z.object({
  demote: z.string().trim().min(1, 'Both commands are needed (or neither)').max(4000),
  promote: z.string().trim().min(1, 'Both commands are needed (or neither)').max(4000),
});
export type Switchover = z.infer<typeof switchoverSchema>;

export const serviceSchema = z.object({
  id: serviceIdSchema,
  name: z.string().trim().min(1, 'A service needs a name').max(80, 'A service name is at most 80 characters'),
  kind: z.enum(SERVICE_KINDS),
  /** Members that must stay healthy while others are patched (the availability budget). */
  minHealthy: z.number().int().min(0, 'The budget cannot be negative'),
  members: z.array(memberSchema),
  drain: drainSchema.nullable(),
  /** Run on each member after it is patched (graphs saved before checks existed have none). */
  checks: z.array(healthCheckSchema).max(20, 'At most 20 health checks').default([]),
  /** For a database cluster whose primary is patched: how a replica takes over first. */
  switchover: switchoverSchema.nullable().default(null),
  /** Where the editor drew it; null until placed (the layout places it). */
  position: z.object({ x: z.number(), y: z.number() }).nullable(),
});
export type Service = z.infer<typeof serviceSchema>;

/** `from` depends on `to`: `to` must be up for `from` to work. */
export const edgeSchema = z.object({ from: serviceIdSchema, to: serviceIdSchema });
export type Edge = z.infer<typeof edgeSchema>;

/**
 * A graph whose parts refer to each other correctly. Cycles and hosts without a service are not
 * errors: the editor flags them (see the planner's warnings), since an admin draws a graph in
 * steps.
 */
export const serviceGraphSchema = z
  .object({ services: z.array(serviceSchema).max(5000), edges: z.array(edgeSchema).max(50000) })
  .superRefine((graph, ctx) => {
    const ids = new Set<string>();
    graph.services.forEach((service, index) => {
      if (ids.has(service.id))
        ctx.addIssue({
          code: 'custom',
          path: ['services', index, 'id'],
          message: `Service id ${service.id} is used twice`,
        });
      ids.add(service.id);
      const hosts = new Set<string>();
      service.members.forEach((member, at) => {
        if (hosts.has(member.host))
          ctx.addIssue({
            code: 'custom',
            path: ['services', index, 'members', at],
            message: `${member.host} is a member of ${service.name} twice`,
          });
        hosts.add(member.host);
      });
      if (service.minHealthy > service.members.length)
        ctx.addIssue({
          code: 'custom',
          path: ['services', index, 'minHealthy'],
          message: `${service.name} needs ${String(service.minHealthy)} healthy members but has ${String(service.members.length)}`,
        });
    });
    const edges = new Set<string>();
    graph.edges.forEach((edge, index) => {
      for (const end of ['from', 'to'] as const)
        if (!ids.has(edge[end]))
          ctx.addIssue({ code: 'custom', path: ['edges', index, end], message: `No service ${edge[end]}` });
      if (edge.from === edge.to)
        ctx.addIssue({ code: 'custom', path: ['edges', index], message: `${edge.from} cannot depend on itself` });
      const key = `${edge.from}\u0000${edge.to}`;
      if (edges.has(key))
        ctx.addIssue({ code: 'custom', path: ['edges', index], message: `${edge.from} -> ${edge.to} is drawn twice` });
      edges.add(key);
    });
  });
export type ServiceGraph = z.infer<typeof serviceGraphSchema>;

export const EMPTY_GRAPH: ServiceGraph = { services: [], edges: [] };

/** A dependency seen in scans' connections that the graph does not have: the admin accepts or rejects it. */
export const proposedEdgeSchema = z.object({
  from: z.string(),
  to: z.string(),
  seen: z.number().int().positive(),
  evidence: z.array(z.string()),
});
export type ProposedEdgeView = z.infer<typeof proposedEdgeSchema>;

/** The graph as the editor loads it: the current version, what is wrong with it, and proposals. */
export const graphStateSchema = z.object({
  /** 0 before the first save. */
  version: z.number().int().nonnegative(),
  savedAt: z.string().nullable(),
  savedBy: z.string().nullable(),
  graph: serviceGraphSchema,
  /** Fleet hosts that are in no service: the planner cannot keep a budget for them. */
  unassigned: z.array(z.string()),
  /** Members that are not (or no longer) hosts of the fleet. */
  unknownMembers: z.array(z.string()),
  /** Groups of services that depend on each other in a circle, each listed in order. */
  cycles: z.array(z.array(z.string())),
  proposals: z.array(proposedEdgeSchema),
});
export type GraphState = z.infer<typeof graphStateSchema>;

export const graphVersionSchema = z.object({ version: z.number().int(), savedAt: z.string(), savedBy: z.string() });
export type GraphVersion = z.infer<typeof graphVersionSchema>;
