import { useVirtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';

/**
 * Fixed-height virtual rows in a scrolling element: which rows to render, where each one sits, and
 * how tall the whole body is. The one place the app calls TanStack Virtual. `overscan` is how many
 * rows beyond the view, each side, are rendered ahead of the scroll.
 */
export function useVirtualRows(
  count: number,
  rowHeight: number,
  scrollRef: RefObject<HTMLElement | null>,
  overscan = 12,
) {
  // The lint rule warns that the React Compiler cannot memoize this hook's result; the app does not
  // run the compiler, and callers re-read the rows on every render, which is what the library needs.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
  });
  return {
    rows: virtualizer.getVirtualItems(),
    totalHeight: virtualizer.getTotalSize(),
    scrollToIndex: (index: number) => {
      virtualizer.scrollToIndex(index);
    },
  };
}
