import { createReadStream } from 'node:fs';
import { posix } from 'node:path';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import { openPromise, type Entry as ZipEntry, type ZipFile } from 'yauzl';
import { AppError } from '../../shared/result';
import { FEED_FILE, MAX_STREAM_BYTES, megabytes, type FeedInput, type FeedPath } from './read-feed-file';

/** More files than any real bundle holds; past it the archive is refused, not walked. */
export const MAX_BUNDLE_ENTRIES = 10_000;
/** What a tar.gz bundle as a whole may inflate to. */
export const MAX_BUNDLE_BYTES = 8 * 1024 ** 3;

/** One file of a bundle: ready to import, or refused on its own while the others go on. */
export type BundleEntry = { ok: true; input: FeedInput } | { ok: false; source: string; error: AppError };

const NESTED = /\.(zip|tgz|tar\.gz|tar)$/i;

/**
 * Whether a file in a bundle is a feed to import: folders, dot files, macOS resource forks and
 * READMEs are passed over in silence; a bundle inside a bundle is refused (one level is read,
 * so a nested archive cannot multiply the limits).
 */
function screen(source: string, name: string, size: number): BundleEntry | 'skip' | null {
  const base = posix.basename(name);
  if (name.endsWith('/') || base.startsWith('.') || name.startsWith('__MACOSX/')) return 'skip';
  if (NESTED.test(base))
    return {
      ok: false,
      source,
      error: new AppError('feed_invalid', `${source} is a bundle inside a bundle; not read`),
    };
  if (!FEED_FILE.test(base)) return 'skip';
  if (size > MAX_STREAM_BYTES)
    return {
      ok: false,
      source,
      error: new AppError('feed_too_large', `${source} is ${megabytes(size)}; refused before inflating it`),
    };
  return null;
}

async function readZipEntries(zip: ZipFile, bundle: string): Promise<ZipEntry[]> {
  if (zip.entryCount > MAX_BUNDLE_ENTRIES)
    throw new AppError(
      'feed_too_large',
      `${bundle} lists ${String(zip.entryCount)} files; bundles of more than ${String(MAX_BUNDLE_ENTRIES)} are refused`,
    );
  const entries: ZipEntry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: ZipEntry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return entries.sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
}

/**
 * The files of a zip bundle in name order. yauzl checks each entry's inflated size against the
 * size its header declares, so a bomb that lies about its size stops at the lie, and one that
 * tells the truth is refused from the header alone (or by the reader's own limit).
 */
async function* zipEntries(bundle: FeedPath): AsyncGenerator<BundleEntry> {
  const zip = await openPromise(bundle.path, {
    lazyEntries: true,
    autoClose: false,
    validateEntrySizes: true,
    strictFileNames: false,
  }).catch((error: unknown) => {
    throw new AppError(
      'feed_invalid',
      `${bundle.source}: not a zip archive Patchwise can read: ${(error as Error).message}`,
    );
  });
  try {
    const entries = await readZipEntries(zip, bundle.source).catch((error: unknown) => {
      if (error instanceof AppError) throw error;
      throw new AppError('feed_invalid', `${bundle.source}: its file list is damaged: ${(error as Error).message}`);
    });
    for (const entry of entries) {
      const source = `${bundle.source}:${entry.fileName}`;
      const screened = screen(source, entry.fileName, entry.uncompressedSize);
      if (screened === 'skip') continue;
      if (screened) {
        yield screened;
        continue;
      }
      if (entry.isEncrypted()) {
        yield { ok: false, source, error: new AppError('feed_invalid', `${source} is encrypted; not read`) };
        continue;
      }
      const stream = await zip.openReadStreamPromise(entry).catch((error: unknown) => error as Error);
      if (stream instanceof Error) {
        yield { ok: false, source, error: new AppError('feed_invalid', `${source}: ${stream.message}`) };
        continue;
      }
      yield { ok: true, input: { source, bytes: entry.uncompressedSize, raw: stream } };
      stream.destroy();
    }
  } finally {
    zip.close();
  }
}

/** An entry's bytes; when the reader stops early the rest is drained, since the next entry follows it. */
async function* entryChunks(entry: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const chunks = entry[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    for (;;) if ((await chunks.next()).done) break;
  }
}

/** The files of a tar.gz bundle in the order the archive holds them, read in one pass. */
async function* tarEntries(bundle: FeedPath): AsyncGenerator<BundleEntry> {
  const file = createReadStream(bundle.path);
  const gunzip = createGunzip();
  const tar = extract();
  let inflated = 0;
  gunzip.on('data', (chunk: Buffer) => {
    inflated += chunk.length;
    if (inflated > MAX_BUNDLE_BYTES)
      gunzip.destroy(
        new AppError(
          'feed_too_large',
          `${bundle.source} inflates to more than ${megabytes(MAX_BUNDLE_BYTES)}; refused`,
        ),
      );
  });
  file.on('error', (error) => gunzip.destroy(error));
  gunzip.on('error', (error) => {
    tar.destroy(error);
  });
  file.pipe(gunzip).pipe(tar);
  let count = 0;
  try {
    for await (const entry of tar) {
      const { name, size, type } = entry.header;
      const source = `${bundle.source}:${name}`;
      if (++count > MAX_BUNDLE_ENTRIES)
        throw new AppError(
          'feed_too_large',
          `${bundle.source} holds more than ${String(MAX_BUNDLE_ENTRIES)} files; refused`,
        );
      const screened = type === 'file' || type === 'contiguous-file' ? screen(source, name, size) : 'skip';
      if (screened !== null) {
        entry.resume();
        if (screened !== 'skip') yield screened;
        continue;
      }
      yield { ok: true, input: { source, bytes: size, raw: entryChunks(entry as AsyncIterable<Buffer>) } };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'feed_invalid',
      `${bundle.source}: not a tar.gz archive Patchwise can read: ${(error as Error).message}`,
    );
  } finally {
    tar.destroy();
    gunzip.destroy();
    file.destroy();
  }
}

/** The feed files inside a bundle, each to be imported on its own. */
export function bundleEntries(bundle: FeedPath): AsyncGenerator<BundleEntry> {
  return bundle.kind === 'zip' ? zipEntries(bundle) : tarEntries(bundle);
}
