/** Enough of a host to test its connection or store its secrets. */
export interface HostRef {
  id: number;
  name: string;
  /** Shown when known; a scan run's host list has only ids and names. */
  address?: string | undefined;
}
