import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { LabLayout } from './layout';
import type { LabHost } from './profile';

/** What `lab up` made, read by the daemon and by every later lab command. */
export interface LabState {
  profile: string;
  hosts: LabHost[];
  baseDir: string;
  bootScript: string;
  hostKeys: Record<string, string>;
  createdAt: string;
}

export function readState(layout: LabLayout): LabState | undefined {
  if (!existsSync(layout.stateFile)) return undefined;
  return JSON.parse(readFileSync(layout.stateFile, 'utf8')) as LabState;
}

export function writeState(layout: LabLayout, state: LabState): void {
  writeFileSync(layout.stateFile, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

export function removeState(layout: LabLayout): void {
  rmSync(layout.stateFile, { force: true });
}
