import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { MachineArch } from './tools';
import { run } from './tools';

/**
 * Indexes a flat apt repository (`deb [trusted=yes] http://MIRROR/apt ./`): Packages,
 * Packages.gz and an unsigned Release. The Release date comes from SOURCE_DATE_EPOCH rather than
 * the clock, so rebuilding the same definitions gives the same bytes.
 *
 * Unsigned, hence `[trusted=yes]` on the hosts. Signing would need a lab OpenPGP key (gpg), an
 * InRelease made with `gpg --clearsign` (or Release.gpg), and the public key in each host's
 * /etc/apt/keyrings with `signed-by=` on the sources line.
 */
export async function indexAptRepository(dir: string, arch: MachineArch, sourceDateEpoch: number): Promise<void> {
  const packages = await run('apt-ftparchive', ['packages', '.'], { cwd: dir });
  await writeFile(join(dir, 'Packages'), packages, 'utf8');
  // Node's gzip writes no file name and a zero mtime: reproducible, like `gzip -n`.
  await writeFile(join(dir, 'Packages.gz'), gzipSync(Buffer.from(packages, 'utf8'), { level: 9 }));

  const date = new Date(sourceDateEpoch * 1000).toUTCString().replace('GMT', '+0000');
  const release: [string, string][] = [
    ['Origin', 'Patchwise Lab'],
    ['Label', 'Patchwise Lab (synthetic packages)'],
    ['Suite', 'lab'],
    ['Codename', 'lab'],
    ['Architectures', `${arch.deb} all`],
    ['Description', 'Patchwise lab site mirror: synthetic demo packages for tests'],
    ['Date', date],
  ];
  const options = release.flatMap(([field, value]) => ['-o', `APT::FTPArchive::Release::${field}=${value}`]);
  const text = await run('apt-ftparchive', [...options, 'release', '.'], { cwd: dir });
  await writeFile(join(dir, 'Release'), text, 'utf8');
}
