import { join } from 'node:path';

/** Where a lab keeps its cache, keys, mirror, hosts and state. One lab per folder. */
export interface LabLayout {
  dir: string;
  cacheDir: string;
  keyFile: string;
  mirrorDir: string;
  hostsDir: string;
  stateFile: string;
  controlSocket: string;
  daemonLog: string;
}

export const DEFAULT_LAB_DIR = '/var/tmp/patchwise-lab';

export function labLayout(dir: string = process.env['PATCHWISE_LAB_DIR'] ?? DEFAULT_LAB_DIR): LabLayout {
  return {
    dir,
    cacheDir: join(dir, 'cache'),
    keyFile: join(dir, 'keys', 'lab_ed25519'),
    mirrorDir: join(dir, 'mirror'),
    hostsDir: join(dir, 'hosts'),
    stateFile: join(dir, 'state.json'),
    controlSocket: join(dir, 'control.sock'),
    daemonLog: join(dir, 'daemon.log'),
  };
}

export interface HostDirs {
  upper: string;
  work: string;
  root: string;
  /** Directories kept on the real disk and bind-mounted over the overlay at boot. */
  native: string;
}

export function hostDirs(layout: LabLayout, name: string): HostDirs {
  const base = join(layout.hostsDir, name);
  return {
    upper: join(base, 'upper'),
    work: join(base, 'work'),
    root: join(base, 'root'),
    native: join(base, 'native'),
  };
}
