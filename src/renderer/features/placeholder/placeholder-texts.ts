import type { RouteId } from '../../app/routes';

export type PlaceholderId = Exclude<
  RouteId,
  'fleet' | 'audit' | 'settings' | 'queue' | 'vulnerabilities' | 'graph' | 'rollouts'
>;

interface PlaceholderText {
  /** What the area will show once it exists. */
  purpose: string;
  /** What the admin can do now so the area has something to work with. */
  firstStep: string;
}

export const PLACEHOLDER_TEXTS: Readonly<Record<PlaceholderId, PlaceholderText>> = {
  canary: {
    purpose:
      'this is where the health checks on each wave’s first hosts will appear, pausing a rollout when a service looks worse after patching, once rollouts exist.',
    firstStep: 'Put at least one host per environment in the test ring under Fleet.',
  },
  reports: {
    purpose:
      'this is where reports of what was patched, when and by whom will be produced from the audit log, once rollouts have run.',
    firstStep: 'Every change is already recorded under Audit log.',
  },
};
