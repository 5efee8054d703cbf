/**
 * Wraps a load so that bursts of change events cost at most one load in flight and one queued:
 * a call while a load runs asks for exactly one more afterwards, however many calls came in.
 * Importing three thousand hosts sends three thousand events; the list is fetched twice, not 3000 times.
 */
export function coalesce(load: () => Promise<void>): () => Promise<void> {
  let requested = 0;
  let running: Promise<void> | undefined;
  const run = async (): Promise<void> => {
    try {
      // Each pass serves every call made before it started; calls during a pass ask for one more.
      for (let served = -1; served !== requested;) {
        served = requested;
        // A load that throws before returning its promise must still reject after `running` is set,
        // or the finally below clears it too early and every later call gets this rejection.
        await new Promise<void>((resolve) => {
          resolve(load());
        });
      }
    } finally {
      running = undefined;
    }
  };
  return () => {
    requested++;
    running ??= run();
    return running;
  };
}
