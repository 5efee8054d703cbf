/** The order hosts are placed in: by name, except that a database primary comes after its replicas. */
export interface ReplicaOrder {
  /** Every host (index) once; a host's replicas before it. */
  order: number[];
  /** For each host, the replicas it waits for, less any that would make it wait for itself. */
  waitsFor: number[][];
  /** [primary, replica] pairs dropped because the waiting went round in a loop. */
  loops: [number, number][];
}

/**
 * Hosts are indexes in name order; `waitsFor[p]` are the replicas a primary p is patched after.
 * A depth-first walk from each host in name order puts every host after what it waits for, and
 * otherwise keeps name order. A loop (a primary of one cluster that is a replica in another, and
 * back) cannot be kept: the edge that closes it is dropped and reported. Iterative, so a long
 * chain cannot overflow the stack.
 */
export function replicaFirstOrder(waitsFor: readonly (readonly number[])[]): ReplicaOrder {
  const count = waitsFor.length;
  // 0: not seen, 1: on the walk's path, 2: placed in the order.
  const state = new Uint8Array(count);
  const order: number[] = [];
  const kept: number[][] = waitsFor.map(() => []);
  const loops: [number, number][] = [];
  for (let root = 0; root < count; root += 1) {
    if (state[root] !== 0) continue;
    const frames: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as [number, number];
      const [host, at] = frame;
      const replicas = waitsFor[host] ?? [];
      if (at < replicas.length) {
        frame[1] = at + 1;
        const replica = replicas[at] as number;
        if (state[replica] === 1) loops.push([host, replica]);
        else {
          kept[host]?.push(replica);
          if (state[replica] === 0) {
            state[replica] = 1;
            frames.push([replica, 0]);
          }
        }
        continue;
      }
      frames.pop();
      state[host] = 2;
      order.push(host);
    }
  }
  return { order, waitsFor: kept, loops };
}
