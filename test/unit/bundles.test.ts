import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_BYTES } from '../../src/main/feeds/read-feed-file';
import { admin, makeApp, tempDir } from './support';
import { zipOf } from './zip';

const KEV_JSON = 'test/fixtures/feeds/kev/kev_slice.json';
const EPSS = 'test/fixtures/feeds/epss/epss_scores-2026-09-29.csv';
const OSV = 'test/fixtures/feeds/osv/almalinux9-ALSA-2024-2433.json';

const write = (name: string, data: Buffer): string => {
  const path = join(tempDir(), name);
  writeFileSync(path, data);
  return path;
};

async function tarGzOf(items: { name: string; data: Buffer }[]): Promise<Buffer> {
  const tar = pack();
  for (const item of items) tar.entry({ name: item.name, size: item.data.length }, item.data);
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar as AsyncIterable<Buffer>) chunks.push(chunk);
  return gzipSync(Buffer.concat(chunks));
}

/** An EPSS file that is all header and then zeros, well past what a feed read whole may hold. */
const epssBomb = (): Buffer =>
  Buffer.concat([
    Buffer.from('#model_version:v2025.03.14,score_date:2026-10-01T12:55:00Z\ncve,epss,percentile\n'),
    Buffer.alloc(MAX_TEXT_BYTES + 1024 ** 2),
  ]);

describe('importing bundles', () => {
  it('imports every feed in a zip, in name order, each recorded as bundle:file', async () => {
    const app = makeApp();
    const bundle = write(
      'feeds-2026-10.zip',
      zipOf([
        { name: 'osv/ALSA-2024-2433.json', data: readFileSync(OSV) },
        { name: 'kev/known_exploited_vulnerabilities.json', data: readFileSync(KEV_JSON) },
        { name: 'README.txt', data: Buffer.from('Fetched on the internet side') },
        { name: 'epss/epss.csv.gz', data: gzipSync(readFileSync(EPSS)) },
      ]),
    );
    const outcomes = await app.services.feeds.importPath(bundle, admin);
    expect(outcomes.map((outcome) => [outcome.source, outcome.ok && outcome.result.name])).toEqual([
      ['feeds-2026-10.zip:epss/epss.csv.gz', 'epss'],
      ['feeds-2026-10.zip:kev/known_exploited_vulnerabilities.json', 'kev'],
      ['feeds-2026-10.zip:osv/ALSA-2024-2433.json', 'osv'],
    ]);
    expect(app.services.feeds.status().map((feed) => [feed.name, feed.source])).toEqual([
      ['kev', 'feeds-2026-10.zip:kev/known_exploited_vulnerabilities.json'],
      ['epss', 'feeds-2026-10.zip:epss/epss.csv.gz'],
      ['osv', 'feeds-2026-10.zip:osv/ALSA-2024-2433.json'],
    ]);
    // The same bundle again changes nothing.
    const again = await app.services.feeds.importPath(bundle, admin);
    expect(again.map((outcome) => outcome.ok && outcome.result.status)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
  });

  it('imports a tar.gz bundle in one pass, and goes on past a file it cannot read', async () => {
    const app = makeApp();
    const bundle = write(
      'feeds.tar.gz',
      await tarGzOf([
        { name: 'kev.json', data: readFileSync(KEV_JSON) },
        { name: 'broken.json', data: readFileSync(KEV_JSON).subarray(0, 500) },
        { name: 'epss.csv', data: readFileSync(EPSS) },
      ]),
    );
    const outcomes = await app.services.feeds.importPath(bundle, admin);
    expect(outcomes.map((outcome) => [outcome.source, outcome.ok ? outcome.result.name : outcome.error.code])).toEqual([
      ['feeds.tar.gz:kev.json', 'kev'],
      ['feeds.tar.gz:broken.json', 'feed_invalid'],
      ['feeds.tar.gz:epss.csv', 'epss'],
    ]);
  });

  it('refuses a zip bomb that tells its size, and keeps the rest of the bundle', async () => {
    const app = makeApp();
    const bundle = write(
      'bomb.zip',
      zipOf([
        { name: 'a-epss.csv', data: epssBomb() },
        { name: 'b-kev.json', data: readFileSync(KEV_JSON) },
      ]),
    );
    const outcomes = await app.services.feeds.importPath(bundle, admin);
    expect(outcomes[0]).toMatchObject({
      source: 'bomb.zip:a-epss.csv',
      ok: false,
      error: { code: 'feed_too_large', message: expect.stringMatching(/holds more than 256 MB; refused/) as unknown },
    });
    expect(outcomes[1]).toMatchObject({ ok: true, result: { name: 'kev', records: 30 } });
    expect(app.services.feeds.status().map((feed) => feed.name)).toEqual(['kev']);
  }, 60_000);

  it('refuses a zip bomb that lies about its size at the first byte past the lie', async () => {
    const app = makeApp();
    await app.services.feeds.importFile(EPSS, admin);
    const before = app.services.feeds.status();
    const bundle = write('liar.zip', zipOf([{ name: 'epss.csv', data: epssBomb(), declaredSize: 4096 }]));
    const outcomes = await app.services.feeds.importPath(bundle, admin);
    expect(outcomes).toEqual([
      {
        source: 'liar.zip:epss.csv',
        ok: false,
        error: {
          code: 'feed_invalid',
          message: expect.stringMatching(/^liar\.zip:epss\.csv: cannot read it: too many bytes/) as unknown,
        },
      },
    ]);
    expect(app.services.feeds.status()).toEqual(before);
  }, 60_000);

  it('refuses a damaged zip, a bundle inside a bundle, and a bundle with no feeds', async () => {
    const app = makeApp();
    const damaged = write('damaged.zip', zipOf([{ name: 'kev.json', data: readFileSync(KEV_JSON) }]).subarray(0, 200));
    await expect(app.services.feeds.importPath(damaged, admin)).rejects.toMatchObject({
      code: 'feed_invalid',
      message: expect.stringMatching(/^damaged\.zip: not a zip archive Patchwise can read/) as unknown,
    });
    const nested = write('outer.zip', zipOf([{ name: 'inner.zip', data: zipOf([]) }]));
    await expect(app.services.feeds.importPath(nested, admin)).resolves.toEqual([
      {
        source: 'outer.zip:inner.zip',
        ok: false,
        error: { code: 'feed_invalid', message: 'outer.zip:inner.zip is a bundle inside a bundle; not read' },
      },
    ]);
    const empty = write('empty.tar.gz', await tarGzOf([{ name: 'README', data: Buffer.from('nothing') }]));
    await expect(app.services.feeds.importPath(empty, admin)).rejects.toMatchObject({
      code: 'feed_invalid',
      message: expect.stringMatching(/empty\.tar\.gz holds no feed files/) as unknown,
    });
  });
});
