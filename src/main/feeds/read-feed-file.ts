import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { AppError } from '../../shared/result';

/** Files over this size are refused before a byte is read. */
export const MAX_FILE_BYTES = 1024 ** 3;
/** The text a feed read whole (KEV ~1.5 MB, EPSS ~12 MB, the tracker ~80 MB) may decompress to. */
export const MAX_TEXT_BYTES = 256 * 1024 ** 2;
/** What a streamed feed (an NVD year: hundreds of MB) may decompress to: memory stays flat. */
export const MAX_STREAM_BYTES = 4 * 1024 ** 3;
/** How much of a feed is decoded to tell its format. */
const HEAD_BYTES = 4096;

export const megabytes = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(0)} MB`;

/** A feed's bytes as given (a file, or a file inside a bundle), read once. */
export interface FeedInput {
  /** What the import records as the data's source: the file's name, or `bundle.zip:path`. */
  source: string;
  bytes: number;
  raw: AsyncIterable<Buffer>;
}

/**
 * A feed opened for reading: its head, decoded to tell the format, then its whole content once,
 * either as chunks (streamed parsers) or as text (the rest). The checksum is of the bytes as
 * given, compressed or not: what the admin compares with the publisher's.
 */
export interface OpenedFeed {
  source: string;
  bytes: number;
  head: string;
  /** Lets the content run to MAX_STREAM_BYTES: only for parsers that do not hold it all. */
  streamed(): AsyncIterable<Buffer>;
  /** The whole content as UTF-8 text, refused past MAX_TEXT_BYTES. */
  text(): Promise<string>;
  /** Known once the content has been read to its end. */
  sha256(): string;
  /** Lets go of the file (or bundle entry) when the content is not read to its end. */
  close(): Promise<void>;
}

/** The decoded content in chunks: hashed as given, gunzipped when it is gzip, cut off past `limit.max`. */
async function* decoded(input: FeedInput, hash: Hash, limit: { max: number }): AsyncGenerator<Buffer> {
  const hashed = async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of input.raw) {
      hash.update(chunk);
      yield chunk;
    }
  };
  let gzip = false;
  let source: Readable | null = null;
  let gunzip: ReturnType<typeof createGunzip> | null = null;
  let total = 0;
  try {
    const raw = hashed();
    const first = await raw.next();
    if (first.done) return;
    gzip = first.value[0] === 0x1f && first.value[1] === 0x8b;
    const rest = async function* (): AsyncGenerator<Buffer> {
      yield first.value;
      yield* raw;
    };
    source = Readable.from(rest());
    if (gzip) {
      const inflate = createGunzip();
      source.on('error', (error) => inflate.destroy(error));
      gunzip = source.pipe(inflate);
    }
    for await (const chunk of (gunzip ?? source) as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit.max)
        throw new AppError(
          'feed_too_large',
          `${input.source} ${gzip ? 'decompresses to' : 'holds'} more than ${megabytes(limit.max)}; refused (a decompression bomb, or a feed Patchwise cannot read whole)`,
        );
      yield chunk;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'feed_invalid',
      `${input.source}: cannot read it${gzip ? ' as gzip' : ''}: ${(error as Error).message}`,
    );
  } finally {
    gunzip?.destroy();
    source?.destroy();
  }
}

export async function openFeed(input: FeedInput): Promise<OpenedFeed> {
  const hash = createHash('sha256');
  const limit = { max: MAX_TEXT_BYTES };
  const content = decoded(input, hash, limit);
  const headChunks: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < HEAD_BYTES) {
    const next = await content.next();
    if (next.done) {
      ended = true;
      break;
    }
    headChunks.push(next.value);
    headBytes += next.value.length;
  }
  let digest: string | null = null;
  let taken = false;
  const all = async function* (): AsyncGenerator<Buffer> {
    if (taken) throw new Error(`${input.source} is read once`);
    taken = true;
    try {
      yield* headChunks;
      if (!ended) yield* content;
      digest = hash.digest('hex');
    } finally {
      // A parser that stops early (bad data) closes the file or the bundle entry behind it.
      await content.return(undefined);
    }
  };
  let head: string;
  try {
    // Streaming, so 4 KB that end inside a character are not taken for bad text.
    head = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(headChunks).subarray(0, HEAD_BYTES), {
      stream: true,
    });
  } catch {
    await content.return(undefined);
    throw new AppError('feed_invalid', `${input.source} is not UTF-8 text`);
  }
  return {
    source: input.source,
    bytes: input.bytes,
    head,
    streamed() {
      limit.max = MAX_STREAM_BYTES;
      return all();
    },
    async text() {
      const chunks: Buffer[] = [];
      for await (const chunk of all()) chunks.push(chunk);
      try {
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(Buffer.concat(chunks));
      } catch {
        throw new AppError('feed_invalid', `${input.source} is not UTF-8 text`);
      }
    },
    sha256() {
      if (digest === null) throw new Error(`${input.source} has not been read to its end`);
      return digest;
    },
    async close() {
      await content.return(undefined);
    },
  };
}

/** What a file on disk is: a bundle of feeds, or one feed (plain or gzip). */
export type FeedPath =
  | { kind: 'zip'; path: string; source: string; bytes: number }
  | { kind: 'tar'; path: string; source: string; bytes: number }
  | { kind: 'file'; path: string; source: string; bytes: number };

/** Checks a path before reading it: it exists, is a file within the size limit, and what kind it is. */
export async function inspectFeedPath(path: string): Promise<FeedPath> {
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
  const found = { path, source, bytes: info.size };
  if (head.readUInt32BE(0) === 0x504b0304 || head.readUInt32BE(0) === 0x504b0506) return { kind: 'zip', ...found };
  // A gzip file is a bundle when its name says tar: the tar header is only seen once inflated.
  if (head[0] === 0x1f && head[1] === 0x8b && /\.(tar\.gz|tgz)$/i.test(source)) return { kind: 'tar', ...found };
  return { kind: 'file', ...found };
}

export const fileInput = (file: FeedPath): FeedInput => ({
  source: file.source,
  bytes: file.bytes,
  raw: createReadStream(file.path) as AsyncIterable<Buffer>,
});

/** In a folder or a bundle, the files that may be feeds; a README or a signature beside them is not. */
export const FEED_FILE = /\.(json|csv|xml|gz|zip|tgz)$/i;

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
