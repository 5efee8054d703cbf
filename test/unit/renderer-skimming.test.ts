import { describe, expect, it } from 'vitest';
import { createSkimming } from '../../src/renderer/ui/use-virtual-rows';

describe('telling skimming (a dragged scrollbar thumb) from reading', () => {
  const VIEW = 600;
  const run = (steps: [number, boolean][]): boolean[] => {
    const skim = createSkimming();
    let told = 0;
    skim.subscribe(() => (told += 1));
    const seen = steps.map(([offset, scrolling]) => {
      skim.scrolled(offset, scrolling, VIEW);
      return skim.read();
    });
    expect(told).toBe(seen.filter((now, i) => now !== (i === 0 ? false : seen[i - 1])).length);
    return seen;
  };

  it('skims after two steps in a row that each move further than the view is tall', () => {
    expect(
      run([
        [0, true],
        [700, true],
        [1500, true],
        [2400, true],
      ]),
    ).toEqual([false, false, true, true]);
  });

  it('reads again at the first shorter step, or when scrolling stops', () => {
    expect(
      run([
        [0, true],
        [700, true],
        [1500, true],
        [1550, true],
      ]),
    ).toEqual([false, false, true, false]);
    expect(
      run([
        [0, true],
        [700, true],
        [1500, true],
        [1500, false],
      ]),
    ).toEqual([false, false, true, false]);
  });

  it('does not call a single jump or wheel ticks skimming', () => {
    expect(
      run([
        [0, true],
        [90, true],
        [180, true],
        [5000, true],
        [5090, true],
      ]),
    ).toEqual([false, false, false, false, false]);
  });
});
