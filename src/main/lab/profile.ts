/**
 * Lab profiles: which hosts a lab has, what they run and how admins log in. Pure data and pure
 * derivations (addresses, interface names); nothing here touches the machine.
 */
export type LabOs = 'debian' | 'rocky';
export type LabRole = 'lb' | 'web' | 'api' | 'search' | 'db-primary' | 'db-replica';
/** How the admin account gets root: each variant exists so collectors meet all three. */
export type LabLogin = 'sudo-password' | 'sudo-nopasswd' | 'root';

export interface LabHostSpec {
  name: string;
  os: LabOs;
  role: LabRole;
  login: LabLogin;
}

export interface LabHost extends LabHostSpec {
  address: string;
  /** Network namespace, also the root-side veth name (at most 15 characters). */
  netns: string;
  loginUser: string;
}

export interface LabProfile {
  name: string;
  description: string;
  hosts: readonly LabHostSpec[];
}

export const LAB_SUBNET = '10.213.0';
export const LAB_GATEWAY = `${LAB_SUBNET}.1`;
export const LAB_BRIDGE = 'pwlab0';
export const MIRROR_PORT = 8088;
export const LAB_ADMIN = 'labadmin';
/** The shop's front door: HAProxy on the load balancer (lb1 is the first host of the shop profile). */
export const SHOP_URL = `http://${LAB_SUBNET}.11/`;
/** The sudo password of the `sudo-password` variant; lab-only, printed by `lab status`. */
export const LAB_SUDO_PASSWORD = 'lab-sudo-pass';

const PROFILES: readonly LabProfile[] = [
  {
    name: 'shop',
    description: 'The e-commerce site: HAProxy, three web, two API, two search hosts and a PostgreSQL pair',
    hosts: [
      { name: 'lb1', os: 'debian', role: 'lb', login: 'sudo-nopasswd' },
      { name: 'web1', os: 'debian', role: 'web', login: 'sudo-nopasswd' },
      { name: 'web2', os: 'rocky', role: 'web', login: 'sudo-nopasswd' },
      { name: 'web3', os: 'debian', role: 'web', login: 'sudo-password' },
      { name: 'api1', os: 'rocky', role: 'api', login: 'root' },
      { name: 'api2', os: 'debian', role: 'api', login: 'sudo-nopasswd' },
      { name: 'search1', os: 'debian', role: 'search', login: 'sudo-password' },
      { name: 'search2', os: 'rocky', role: 'search', login: 'sudo-nopasswd' },
      { name: 'db1', os: 'debian', role: 'db-primary', login: 'sudo-nopasswd' },
      { name: 'db2', os: 'debian', role: 'db-replica', login: 'root' },
    ],
  },
  {
    name: 'mini',
    description: 'One Debian and one Rocky-like web host, for quick tries',
    hosts: [
      { name: 'web1', os: 'debian', role: 'web', login: 'sudo-nopasswd' },
      { name: 'web2', os: 'rocky', role: 'web', login: 'sudo-password' },
    ],
  },
];

export const DEFAULT_PROFILE = 'shop';

export function profileNames(): string[] {
  return PROFILES.map((profile) => profile.name);
}

export function findProfile(name: string): LabProfile | undefined {
  return PROFILES.find((profile) => profile.name === name);
}

/** Addresses .11 upwards in profile order; namespaces named pwl-<host>. */
export function labHosts(profile: LabProfile): LabHost[] {
  return profile.hosts.map((spec, index) => ({
    ...spec,
    address: `${LAB_SUBNET}.${String(11 + index)}`,
    netns: `pwl-${spec.name}`,
    loginUser: spec.login === 'root' ? 'root' : LAB_ADMIN,
  }));
}
