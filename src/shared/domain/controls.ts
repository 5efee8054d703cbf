/**
 * Compensating controls: what stands between an attacker and a host's vulnerable services until
 * the fix is applied. Each one is a CVSS environmental modification of the attack (the admin
 * vouches for it per host), so it lowers a score by as much as the CVSS specification says that
 * change of attack vector, complexity or privileges does, and never raises one.
 */
export const COMPENSATING_CONTROLS = ['network-restricted', 'exploit-filtering', 'sign-in-required'] as const;

export type CompensatingControl = (typeof COMPENSATING_CONTROLS)[number];

/** The CVSS metric each control modifies, with the value it lowers and the value it sets. */
export const CONTROL_EFFECTS: Readonly<
  Record<CompensatingControl, { metric: 'AV' | 'AC' | 'PR'; from: string; to: string }>
> = {
  // A firewall or segment admits only an admin network: no longer reachable from anywhere.
  'network-restricted': { metric: 'AV', from: 'N', to: 'A' },
  // An intrusion-prevention system or web application firewall blocks known exploit traffic.
  'exploit-filtering': { metric: 'AC', from: 'L', to: 'H' },
  // A VPN, bastion or single sign-on gateway stands in front of its services.
  'sign-in-required': { metric: 'PR', from: 'N', to: 'L' },
};

export const CONTROL_LABELS: Readonly<Record<CompensatingControl, string>> = {
  'network-restricted': 'Reachable only from an admin network (firewall or segmentation)',
  'exploit-filtering': 'Exploit traffic filtered (IPS or web application firewall)',
  'sign-in-required': 'Sign-in required before its services (VPN, bastion or SSO gateway)',
};
