import type { HostInventory } from '../../../shared/domain/inventory';
import { Section } from '../../ui/Section';

/** Whether the host needs a reboot, and every reason the scan found. */
export function RebootVerdict({ inventory }: { inventory: HostInventory }) {
  const { rebootRequired, rebootReasons, kernel, kernelInstalled } = inventory;
  const newerKernel = kernelInstalled !== null && kernelInstalled !== kernel;
  return (
    <Section title="Reboot">
      <p className={rebootRequired ? 'verdict verdict-warning' : 'verdict'}>
        {rebootRequired ? 'Reboot required' : 'No reboot needed'}
      </p>
      {rebootReasons.length > 0 && (
        <ul aria-label="Reasons for a reboot">
          {rebootReasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      <p className="muted">
        Running kernel <span className="mono">{kernel}</span>
        {newerKernel ? (
          <>
            ; installed <span className="mono">{kernelInstalled}</span> takes effect after a reboot
          </>
        ) : (
          ''
        )}
        .
      </p>
    </Section>
  );
}
