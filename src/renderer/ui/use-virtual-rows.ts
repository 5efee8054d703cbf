import { observeElementOffset, useVirtualizer } from '@tanstack/react-virtual';
import { useState, useSyncExternalStore, type RefObject } from 'react';

/**
 * Whether rows are being skimmed: the last two scroll steps each moved further than the view is
 * tall, so no row stayed in view from one frame to the next (dragging the scrollbar thumb over a
 * long table does that every frame), and scrolling has not stopped. A single jump (a filter that
 * shortens the list, a scroll to one row) is not skimming. A store React reads during render, told
 * of each scroll before the virtualizer renders it, so the render of the new rows already knows.
 */
export function createSkimming() {
  let last: number | null = null;
  let farSteps = 0;
  let skimming = false;
  const listeners = new Set<() => void>();
  return {
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    read: () => skimming,
    scrolled: (offset: number, isScrolling: boolean, view: number) => {
      const far = isScrolling && last !== null && Math.abs(offset - last) > view;
      last = offset;
      farSteps = far ? farSteps + 1 : 0;
      const next = farSteps >= 2;
      if (next === skimming) return;
      skimming = next;
      for (const listener of listeners) listener();
    },
  };
}

/**
 * Fixed-height virtual rows in a scrolling element: which rows to render, where each one sits, how
 * tall the whole body is, and whether they are being skimmed (a caller may then render lighter
 * rows; the full ones come once scrolling slows or, 150 ms after the last scroll, stops). The one
 * place the app calls TanStack Virtual. `overscan` is how many rows beyond the view, each side, are
 * rendered ahead of the scroll; none while skimming, when every row is replaced every frame anyway.
 */
export function useVirtualRows(
  count: number,
  rowHeight: number,
  scrollRef: RefObject<HTMLElement | null>,
  overscan = 12,
) {
  const [skim] = useState(createSkimming);
  const skimming = useSyncExternalStore(skim.subscribe, skim.read);
  // The lint rule warns that the React Compiler cannot memoize this hook's result; the app does not
  // run the compiler, and callers re-read the rows on every render, which is what the library needs.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: skimming ? 0 : overscan,
    observeElementOffset: (instance, notify) =>
      observeElementOffset(instance, (offset, isScrolling) => {
        skim.scrolled(offset, isScrolling, instance.scrollRect?.height ?? Infinity);
        notify(offset, isScrolling);
      }),
  });
  return {
    rows: virtualizer.getVirtualItems(),
    totalHeight: virtualizer.getTotalSize(),
    skimming,
    scrollToIndex: (index: number) => {
      virtualizer.scrollToIndex(index);
    },
  };
}
