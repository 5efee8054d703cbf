/**
 * What this process knows of a rollout it drives, beyond the journal: who waits for its status
 * to change, and how many host steps are running right now.
 */
export interface Runtime {
  driver: Promise<void> | null;
  /** Another process took over the driver lease: this one must write nothing more. */
  fenced: boolean;
  /** Resolves at the next status change (or when the app stops), or after `timeoutMs` when given. */
  changed(timeoutMs?: number): Promise<void>;
  /** Wakes everyone waiting for a change, and settles waiters whose condition now holds. */
  notify(): void;
  stepStarted(): void;
  stepEnded(): void;
  readonly stepsRunning: number;
  /** Resolves once `isSettled` holds: nothing runs that the admin would have to wait for. */
  settled(): Promise<void>;
}

export function createRuntime(isSettled: (runtime: Runtime) => boolean): Runtime {
  const waiting = new Set<() => void>();
  let settling: (() => void)[] = [];
  let steps = 0;

  const runtime: Runtime = {
    driver: null,
    fenced: false,
    changed: (timeoutMs) =>
      new Promise((resolve) => {
        if (timeoutMs === undefined) {
          waiting.add(resolve);
          return;
        }
        const wake = () => {
          clearTimeout(timer);
          waiting.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, timeoutMs);
        // A wait must not keep a finished CLI alive; a server or window keeps the process running anyway.
        timer.unref();
        waiting.add(wake);
      }),
    notify() {
      const woken = [...waiting];
      waiting.clear();
      for (const wake of woken) wake();
      if (settling.length > 0 && isSettled(runtime)) {
        const done = settling;
        settling = [];
        for (const resolve of done) resolve();
      }
    },
    stepStarted() {
      steps++;
    },
    stepEnded() {
      steps--;
      runtime.notify();
    },
    get stepsRunning() {
      return steps;
    },
    settled() {
      if (isSettled(runtime)) return Promise.resolve();
      return new Promise((resolve) => settling.push(resolve));
    },
  };
  return runtime;
}
