import type { InitialPackages } from './host-root';
import type { LabLayout } from './layout';
import type { LabHost } from './profile';
import { buildLabRepositories, type LabRepositories } from './repo/build-repositories';
import { initialLabVersion } from './repo/manifest';
import { runsDemoHttp } from './roles';

/** The site mirror's apt and rpm repositories, built from the package definitions in resources/. */
export function buildMirror(layout: LabLayout): Promise<LabRepositories> {
  return buildLabRepositories({ outDir: layout.mirrorDir });
}

/** Which package files a host starts with: the old versions; the HTTP service only where it runs. */
export function initialPackagesFrom(mirror: LabRepositories): (host: LabHost) => InitialPackages {
  return (host) => {
    const wanted = mirror.packages
      .filter((pkg) => pkg.name !== 'demo-http' || runsDemoHttp(host))
      .map(initialLabVersion);
    return {
      debian: wanted.map((version) => version.deb.path),
      rocky: wanted.map((version) => version.rpm.path),
      rockyBase: mirror.rockyBase.packages.map((pkg) => pkg.path),
    };
  };
}
