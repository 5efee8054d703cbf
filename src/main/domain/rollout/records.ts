import type { Plan } from '../../../shared/domain/plan';
import type { Cursor, HostRun, HostStep, PackageTarget, PreState, RolloutState, RunPolicy } from './model';

/** The journal as the orchestrator and the UI read it (the store maps its rows to these). */

export interface RolloutRecord {
  id: number;
  plan: Plan;
  policy: RunPolicy;
  graphVersion: number;
  state: RolloutState;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface HostRecord {
  host: string;
  cursor: Cursor;
  run: HostRun;
  preState: PreState | null;
  /** The packages the rollout brings this host to. */
  work: PackageTarget[];
  updatedAt: string;
}

export type StepState = 'started' | 'ok' | 'failed';

export interface StepRecord {
  id: number;
  host: string;
  step: HostStep;
  attempt: number;
  state: StepState;
  reason: string | null;
  outputDigest: string | null;
  outputExcerpt: string | null;
  startedAt: string;
  finishedAt: string | null;
}
