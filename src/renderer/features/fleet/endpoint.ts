import type { Host } from '../../../shared/domain/host';

/** An address as ssh would take it: `[v6]:port`, `host:port`, or the bare address on port 22. */
export function endpointText(host: Pick<Host, 'address' | 'port'>): string {
  if (host.port === 22) return host.address;
  return host.address.includes(':') ? `[${host.address}]:${String(host.port)}` : `${host.address}:${String(host.port)}`;
}
