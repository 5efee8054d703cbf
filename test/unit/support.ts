import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { EventName, EventPayload } from '../../src/shared/contract';
import type { HostInput } from '../../src/shared/domain/host';
import { DEFAULT_HOST_INPUT } from '../../src/shared/domain/host';
import { createApp, type App } from '../../src/main/app';
import { createPassphraseCipher } from '../../src/main/secrets/passphrase-cipher';
import { AppError } from '../../src/shared/result';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A fresh folder removed after the test. */
export function tempDir(prefix = 'patchwise-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

export interface RecordedEvent {
  name: EventName;
  payload: EventPayload<EventName>;
}

/** A real app on a real SQLite file in a temp folder, with the events it emitted. */
export function makeApp(dataDir = tempDir()): App & { dataDir: string; emitted: RecordedEvent[] } {
  const emitted: RecordedEvent[] = [];
  const app = createApp({
    dataDir,
    transport: 'headless',
    events: (name, payload) => emitted.push({ name, payload }),
    cipher: createPassphraseCipher('correct horse battery staple'),
  });
  cleanups.push(() => {
    app.close();
  });
  return Object.assign(app, { dataDir, emitted });
}

export const host = (overrides: Partial<HostInput> = {}): HostInput => ({
  ...DEFAULT_HOST_INPUT,
  name: 'web1',
  address: '10.0.0.11',
  ...overrides,
});

export const admin = { actor: 'alice' };

/** The AppError `run` throws; fails the test when it throws nothing or something else. */
export const errorOf = (run: () => unknown): AppError => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
};
