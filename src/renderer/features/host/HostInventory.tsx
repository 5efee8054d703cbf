import type { HostInventory as Inventory } from '../../../shared/domain/inventory';
import { Connections } from './Connections';
import { PackageList } from './PackageList';
import { PendingUpdates } from './PendingUpdates';
import { RebootVerdict } from './RebootVerdict';
import { Resources } from './Resources';
import { SecurityAdvisories } from './SecurityAdvisories';
import { ServicesToRestart } from './ServicesToRestart';

/** Everything the last successful scan found, in the order an admin planning a patch reads it. */
export function HostInventory({ inventory }: { inventory: Inventory }) {
  return (
    <>
      <div className="columns">
        <RebootVerdict inventory={inventory} />
        <ServicesToRestart services={inventory.servicesToRestart} />
      </div>
      <PendingUpdates upgrades={inventory.upgrades} />
      <SecurityAdvisories updates={inventory.securityUpdates} />
      <PackageList packages={inventory.packages} />
      <Connections connections={inventory.connections} />
      <Resources inventory={inventory} />
    </>
  );
}
