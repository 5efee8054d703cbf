import { createWriteStream, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_BYTES } from '../../src/main/feeds/read-feed-file';
import { edited, EPSS, EPSS_NO_COMMENT, KEV_CSV, KEV_JSON, snapshot } from './feed-imports';
import { admin, makeApp, tempDir } from './support';

describe('refused files leave the earlier data as it was', () => {
  const refusals: [string, () => string, string, RegExp][] = [
    [
      'a KEV JSON cut short',
      () => edited(KEV_JSON, (text) => text.slice(0, Math.floor(text.length / 2))),
      'feed_invalid',
      /^kev_slice\.json: not valid JSON, perhaps cut short/,
    ],
    [
      'a KEV JSON whose count does not match its entries',
      () => edited(KEV_JSON, (text) => text.replace('"count": 30', '"count": 31')),
      'feed_invalid',
      /the catalog says it holds 31 entries but has 30/,
    ],
    [
      'a KEV CSV cut in the middle of a row',
      () => edited(KEV_CSV, (text) => text.slice(0, text.lastIndexOf('\nCVE-') + 60)),
      'feed_invalid',
      /^kev_slice\.csv: line \d+: .*(columns where the header has 11|Unterminated quote)/,
    ],
    [
      'a KEV entry with a bad date',
      () => edited(KEV_JSON, (text) => text.replace('"dueDate": "2025-09-15"', '"dueDate": "15/09/2025"')),
      'feed_invalid',
      /entry 1: dueDate dueDate must be a date/,
    ],
    [
      'an EPSS file with a score out of range',
      () => edited(EPSS, (text) => text.replace('0.31419', '1.31419')),
      'feed_invalid',
      /line 3: epss must be a number from 0 to 1, got "1\.31419"/,
    ],
    [
      'an EPSS file cut in the middle of a row',
      () => edited(EPSS, (text) => text.slice(0, text.lastIndexOf(','))),
      'feed_invalid',
      /expected 3 columns, got 2 \(cut short\?\)/,
    ],
    [
      'an EPSS file without a date anywhere',
      () => edited(EPSS_NO_COMMENT, (text) => text, 'scores.csv'),
      'feed_invalid',
      /has no score date/,
    ],
    [
      'a file of another kind',
      () => edited(KEV_JSON, () => '<!doctype html><title>Download</title>', 'kev.json'),
      'feed_invalid',
      /not a feed format Patchwise reads; it reads CISA KEV \(JSON or CSV\), EPSS/,
    ],
    [
      'a file that is not UTF-8',
      () => {
        const path = join(tempDir(), 'latin1.csv');
        writeFileSync(path, Buffer.from([0x63, 0x76, 0x65, 0xff, 0xfe, 0x0a]));
        return path;
      },
      'feed_invalid',
      /latin1\.csv is not UTF-8 text/,
    ],
    [
      'a gzip file cut short',
      () => {
        const path = join(tempDir(), 'epss.csv.gz');
        const gz = gzipSync(readFileSync(EPSS));
        writeFileSync(path, gz.subarray(0, gz.length - 20));
        return path;
      },
      'feed_invalid',
      /epss\.csv\.gz: cannot read it as gzip/,
    ],
    [
      'a 2 GB file',
      () => {
        const path = join(tempDir(), 'known_exploited_vulnerabilities.json');
        writeFileSync(path, '');
        // Sparse: takes no disk, and must be refused before a byte of it is read.
        truncateSync(path, 2 * 1024 ** 3);
        return path;
      },
      'feed_too_large',
      /is 2048 MB; feed files over 1024 MB are refused/,
    ],
  ];

  it.each(refusals)('refuses %s', async (_what, make, code, message) => {
    const app = makeApp();
    await app.services.feeds.importFile(KEV_JSON, admin);
    await app.services.feeds.importFile(EPSS, admin);
    const before = snapshot(app.dataDir);
    await expect(app.services.feeds.importFile(make(), admin)).rejects.toMatchObject({
      code,
      message: expect.stringMatching(message) as unknown,
    });
    expect(snapshot(app.dataDir)).toEqual(before);
  });

  it('refuses a gzip bomb once its output passes the limit, without holding it all', async () => {
    const path = join(tempDir(), 'epss_scores-2026-10-01.csv.gz');
    // An EPSS header, then 1 MB of zeros repeated past the limit: it compresses about 1000:1.
    const zeros = Buffer.alloc(1024 ** 2);
    const chunks = Math.ceil(MAX_TEXT_BYTES / zeros.length) + 8;
    await pipeline(
      Readable.from(
        (function* () {
          yield Buffer.from('#model_version:v2025.03.14,score_date:2026-10-01T12:55:00Z\ncve,epss,percentile\n');
          for (let i = 0; i < chunks; i++) yield zeros;
        })(),
      ),
      createGzip({ level: 1 }),
      createWriteStream(path),
    );
    const app = makeApp();
    await app.services.feeds.importFile(EPSS, admin);
    const before = snapshot(app.dataDir);
    await expect(app.services.feeds.importFile(path, admin)).rejects.toMatchObject({
      code: 'feed_too_large',
      message: expect.stringMatching(/decompresses to more than 256 MB; refused/) as unknown,
    });
    expect(snapshot(app.dataDir)).toEqual(before);
  }, 60_000);
});
