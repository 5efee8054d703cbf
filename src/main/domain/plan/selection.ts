import type { MemberRole, Service } from '../../../shared/domain/graph';
import type { Ring } from '../../../shared/domain/host';
import { counted, listOf } from './wording';

export interface Membership {
  service: number;
  role: MemberRole;
}

/** A host the plan will place (unless no window can hold its batch). */
export interface Candidate {
  name: string;
  /** Its ring, as an index into the policy's rings; a database primary may move to a later one. */
  ring: number;
  /** Its services (indexes, in id order) with its role in each. */
  memberships: Membership[];
  services: number[];
  /** The replicas (candidate indexes) it is patched after: it is their cluster's database primary. */
  waitsFor: number[];
  /** A database primary or a load balancer somewhere: a poor canary. */
  poorCanary: boolean;
}

export interface Unplaced {
  host: string;
  reason: string;
}

export interface Selection {
  /** In name order: a candidate's index is its rank by name. */
  candidates: Candidate[];
  unplaced: Unplaced[];
  warnings: string[];
}

const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function zeroSpare(service: Service): string {
  return (
    `${service.name} (${service.id}) has ${counted(service.members.length, 'member')} and must keep ` +
    `${service.minHealthy} healthy: none can be taken down to be patched`
  );
}

/**
 * The hosts to place: each once, in name order, in a ring the policy patches, and in no service
 * whose budget leaves no member to spare. The rest are unplaced, saying why.
 */
export function selectHosts(
  hosts: readonly { name: string; ring: Ring }[],
  services: readonly Service[],
  spare: Int32Array,
  rings: readonly Ring[],
): Selection {
  const warnings: string[] = [];
  const unplaced: Unplaced[] = [];
  const ringIndex = new Map(rings.map((ring, index) => [ring, index]));
  const memberships = new Map<string, Membership[]>();
  services.forEach((service, index) => {
    for (const member of service.members) {
      const list = memberships.get(member.host);
      const membership = { service: index, role: member.role };
      if (list) list.push(membership);
      else memberships.set(member.host, [membership]);
    }
  });
  const seen = new Set<string>();
  const twice = new Set<string>();
  const candidates: Candidate[] = [];
  const serviceless: string[] = [];
  for (const host of [...hosts].sort(byName)) {
    if (seen.has(host.name)) {
      twice.add(host.name);
      continue;
    }
    seen.add(host.name);
    const ring = ringIndex.get(host.ring);
    if (ring === undefined) {
      unplaced.push({
        host: host.name,
        reason: `its ring, ${host.ring}, is not one the rollout policy patches (${rings.join(', ')})`,
      });
      continue;
    }
    const its = memberships.get(host.name) ?? [];
    const full = its.find((membership) => spare[membership.service] === 0);
    if (full) {
      unplaced.push({ host: host.name, reason: zeroSpare(services[full.service] as Service) });
      continue;
    }
    if (its.length === 0) serviceless.push(host.name);
    candidates.push({
      name: host.name,
      ring,
      memberships: its,
      services: its.map((membership) => membership.service),
      waitsFor: [],
      poorCanary: its.some(
        (membership) =>
          membership.role === 'database-primary' ||
          membership.role === 'load-balancer' ||
          services[membership.service]?.kind === 'load-balancer',
      ),
    });
  }
  if (twice.size > 0) warnings.push(`Listed more than once, planned once: ${listOf([...twice])}`);
  if (serviceless.length > 0)
    warnings.push(
      `${counted(serviceless.length, 'host')} in no service, so no dependency or budget orders ` +
        `${serviceless.length === 1 ? 'it' : 'them'} (patched in the first layer of the ring): ${listOf(serviceless)}`,
    );
  linkReplicas(candidates, services);
  return { candidates, unplaced, warnings };
}

/** Each database primary waits for the replicas of its cluster that are being patched too. */
function linkReplicas(candidates: Candidate[], services: readonly Service[]): void {
  const index = new Map(candidates.map((candidate, at) => [candidate.name, at]));
  for (const service of services) {
    if (service.kind !== 'database-cluster') continue;
    const patched = (role: MemberRole): number[] =>
      service.members
        .filter((member) => member.role === role)
        .map((member) => index.get(member.host))
        .filter((at) => at !== undefined)
        .sort((a, b) => a - b);
    const replicas = patched('database-replica');
    for (const primary of patched('database-primary')) candidates[primary]?.waitsFor.push(...replicas);
  }
  for (const candidate of candidates) candidate.waitsFor = [...new Set(candidate.waitsFor)].sort((a, b) => a - b);
}
