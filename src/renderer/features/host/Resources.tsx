import type { HostInventory } from '../../../shared/domain/inventory';
import { formatBytes, formatPercent } from '../../ui/format';
import { Section } from '../../ui/Section';

/** Disks and memory: a patch needs room to unpack, and a reboot is riskier on a host that swaps. */
export function Resources({ inventory }: { inventory: HostInventory }) {
  const { disks, memory, windows } = inventory;
  return (
    <Section title="Disks and memory">
      <table className="compact" aria-label="Disks">
        <thead>
          <tr>
            <th scope="col">Mount</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col" className="num">
              Free
            </th>
            <th scope="col" className="num">
              Used
            </th>
          </tr>
        </thead>
        <tbody>
          {disks.map((disk) => (
            <tr key={disk.mount}>
              <th scope="row" className="mono">
                {disk.mount}
              </th>
              <td className="num">{formatBytes(disk.sizeBytes)}</td>
              <td className="num">{formatBytes(disk.freeBytes)}</td>
              <td className="num">{formatPercent(disk.sizeBytes - disk.freeBytes, disk.sizeBytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Memory:{' '}
        {memory
          ? `${formatBytes(memory.availableBytes)} available of ${formatBytes(memory.totalBytes)} (${formatPercent(memory.totalBytes - memory.availableBytes, memory.totalBytes)} used)`
          : 'not reported'}
      </p>
      {windows && (
        <p>
          Windows build {windows.build}.{windows.ubr}; {windows.hotfixes.length} hotfixes installed.
        </p>
      )}
    </Section>
  );
}
