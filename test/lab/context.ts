import type { DaemonStatus } from '../../src/main/lab/daemon';

/** What the global setup hands every lab test file. */
export interface LabContext {
  /** Why the lab cannot run here; tests skip with it. Null when the lab is up. */
  skip: string | null;
  labDir: string;
  dataDir: string;
  keyFile: string;
  status: DaemonStatus | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    lab: LabContext;
  }
}
