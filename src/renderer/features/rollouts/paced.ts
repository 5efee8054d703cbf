import { coalesce } from '../../ui/coalesce';

const wait = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Coalesces a load (one running, one queued: see coalesce) and spaces loads at least `gapMs`
 * apart: each pass lasts as long as the load or the gap, whichever is longer. A rollout writes its
 * journal many times a second while a batch runs; a fast load alone would still run for each.
 * The first call loads at once; a burst after it costs one more load, `gapMs` later.
 */
export function paced(load: () => Promise<void>, gapMs: number): () => Promise<void> {
  return coalesce(async () => {
    await Promise.all([load(), wait(gapMs)]);
  });
}
