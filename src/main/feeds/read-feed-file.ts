import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { AppError } from '../../shared/result';

/** Files over this size are refused before a byte is read. */
export const MAX_FILE_BYTES = 1024 ** 3;
/**
 * The text a feed may decompress to. KEV (~1.5 MB) and EPSS (~12 MB) are read whole; NVD years
 * and the Debian tracker (hundreds of MB) will need a streaming parser instead.
 */
export const MAX_TEXT_BYTES = 256 * 1024 ** 2;

export interface FeedFile {
  /** The file's name, recorded as the data's source (its folder says nothing about the data). */
  source: string;
  /** Of the file as given, compressed or not: what the admin compares with the publisher's. */
  sha256: string;
  bytes: number;
  text: string;
}

const megabytes = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(0)} MB`;

/** The file's bytes, or the gzip stream's output, cut off (and refused) past the text limit. */
async function readBounded(path: string, source: string, gzip: boolean, hash: ReturnType<typeof createHash>) {
  const file = createReadStream(path);
  // Compressed: the file's bytes are hashed as they flow into gunzip; plain: in the loop below.
  if (gzip) file.on('data', (chunk) => hash.update(chunk));
  const gunzip = gzip ? createGunzip() : null;
  const stream = gunzip ? file.pipe(gunzip) : file;
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > MAX_TEXT_BYTES)
        throw new AppError(
          'feed_too_large',
          `${source} decompresses to more than ${megabytes(MAX_TEXT_BYTES)}; refused (a decompression bomb, or a feed Patchwise cannot read whole yet)`,
        );
      if (!gzip) hash.update(chunk);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'feed_invalid',
      `${source}: cannot read it${gzip ? ' as gzip' : ''}: ${(error as Error).message}`,
    );
  } finally {
    gunzip?.destroy();
    file.destroy();
  }
  return Buffer.concat(chunks);
}

/** Reads a feed file (plain or .gz) within the size limits, as UTF-8 text, with its checksum. */
export async function readFeedFile(path: string): Promise<FeedFile> {
  const source = basename(path);
  const info = await stat(path).catch((error: unknown) => {
    throw new AppError(
      'not_found',
      `${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  });
  if (!info.isFile()) throw new AppError('feed_invalid', `${path} is not a file`);
  if (info.size > MAX_FILE_BYTES)
    throw new AppError(
      'feed_too_large',
      `${source} is ${megabytes(info.size)}; feed files over ${megabytes(MAX_FILE_BYTES)} are refused`,
    );
  const head = Buffer.alloc(4);
  const handle = await open(path);
  try {
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  if (head.readUInt32BE(0) === 0x504b0304)
    throw new AppError(
      'feed_invalid',
      `${source} is a zip archive; import the files inside it (bundles are not read yet)`,
    );
  const hash = createHash('sha256');
  const bytes = await readBounded(path, source, head[0] === 0x1f && head[1] === 0x8b, hash);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError('feed_invalid', `${source} is not UTF-8 text`);
  }
  return { source, sha256: hash.digest('hex'), bytes: info.size, text };
}

/** In a folder, the files that may be feeds; a README or a signature beside them is not. */
const FEED_FILE = /\.(json|csv|gz)$/i;

/**
 * The files to import: each path given, with folders replaced by the feed files inside them
 * (recursively, in name order, so a folder imports the same way every time).
 */
export async function expandFeedPaths(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info?.isDirectory()) {
      files.push(path);
      continue;
    }
    const entries = await readdir(path, { recursive: true, withFileTypes: true });
    files.push(
      ...entries
        .filter((entry) => entry.isFile() && FEED_FILE.test(entry.name))
        .map((entry) => join(entry.parentPath, entry.name))
        .sort(),
    );
  }
  return files;
}
