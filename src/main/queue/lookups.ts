/**
 * A lookup by key that asks the store one key at a time while few are asked, and reads the whole
 * table once when many are: a queue of a handful of CVEs needs a few indexed reads, one of
 * 100,000 would spend seconds on them (measured: ~10 µs a lookup, ~1 µs a row read in bulk).
 */
export function adaptiveLookup<T>(
  one: (key: string) => T | undefined,
  all: () => ReadonlyMap<string, T>,
  threshold = 5000,
): (key: string) => T | undefined {
  let asked = 0;
  let every: ReadonlyMap<string, T> | null = null;
  return (key) => {
    if (every !== null) return every.get(key);
    asked += 1;
    if (asked <= threshold) return one(key);
    every = all();
    return every.get(key);
  };
}
