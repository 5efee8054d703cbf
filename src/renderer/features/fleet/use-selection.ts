import { useCallback, useMemo, useState } from 'react';

/**
 * Selected host ids. Ids of hosts that are gone (removed elsewhere) drop out of `ids` on their own,
 * so "Scan selected" never names a host that no longer exists.
 */
export function useSelection(existing: readonly number[]) {
  const [chosen, setChosen] = useState<ReadonlySet<number>>(() => new Set());
  const ids = useMemo(() => existing.filter((id) => chosen.has(id)), [existing, chosen]);
  const selected = useMemo(() => new Set(ids), [ids]);
  const toggle = useCallback((id: number, on: boolean) => {
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const toggleMany = useCallback((many: readonly number[], on: boolean) => {
    setChosen((current) => {
      const next = new Set(current);
      for (const id of many) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);
  return { ids, selected, toggle, toggleMany };
}
