/** The inventory types live in shared (the renderer shows them); collectors build them. */
export type {
  AvailableUpgrade,
  Connection,
  Disk,
  HostInventory,
  InstalledPackage,
  SecurityUpdate,
  WindowsFacts,
} from '../../../shared/domain/inventory';
