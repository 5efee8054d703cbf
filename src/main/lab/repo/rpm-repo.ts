import { readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './tools';

/**
 * Indexes an rpm repository with createrepo_c and adds updateinfo.xml with modifyrepo_c, as a
 * distribution mirror carries it. Timestamps come from SOURCE_DATE_EPOCH (the revision) instead
 * of the clock; no sqlite databases, which dnf does not need and which never build the same twice.
 */
export async function indexRpmRepository(dir: string, updateinfo: string, sourceDateEpoch: number): Promise<void> {
  const revision = String(sourceDateEpoch);
  await run('createrepo_c', [
    '--quiet',
    '--no-database',
    '--revision',
    revision,
    '--set-timestamp-to-revision',
    '--general-compress-type',
    'gz',
    dir,
  ]);
  // modifyrepo_c names the record after the file, so the file must be called updateinfo.xml.
  const file = join(dir, 'updateinfo.xml');
  await writeFile(file, updateinfo, 'utf8');
  // modifyrepo_c takes the record's timestamp from the file's mtime.
  await utimes(file, sourceDateEpoch, sourceDateEpoch);
  const repodata = join(dir, 'repodata');
  await run('modifyrepo_c', ['--mdtype', 'updateinfo', '--compress-type', 'gz', file, repodata]);

  // modifyrepo_c stamps its record with the time it wrote the compressed copy and has no option
  // against it; every other record already carries the revision, so this one is given it too.
  const repomd = join(repodata, 'repomd.xml');
  const text = await readFile(repomd, 'utf8');
  await writeFile(
    repomd,
    text.replace(/<timestamp>[0-9]+<\/timestamp>/g, `<timestamp>${revision}</timestamp>`),
    'utf8',
  );
  for (const name of await readdir(repodata)) await utimes(join(repodata, name), sourceDateEpoch, sourceDateEpoch);
}
