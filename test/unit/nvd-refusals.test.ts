import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { editedPage, firstV31, fromBytes, fromFile, PAGE, record } from './nvd-pages';
import { asyncRefusal } from './refusal';
import { tempDir } from './support';

// What reading NVD JSON refuses; nvd-parse.test.ts has what it reads.
describe('reading NVD CVE API 2.0 JSON', () => {
  const pageBytes = (): Buffer => readFileSync(PAGE);
  const refusals: [string, () => Buffer | string, RegExp][] = [
    ['a file cut in half', () => pageBytes().subarray(0, 80_000), /page\.json: not valid JSON, perhaps cut short/],
    [
      'a file cut just after a record',
      () => {
        const text = pageBytes().toString('utf8');
        return text.slice(0, text.indexOf('"cve": {', 100_000) - 20);
      },
      /page\.json: not valid JSON, perhaps cut short/,
    ],
    ['an empty file', () => '', /page\.json: not valid JSON/],
    [
      'a page with fewer records than it says',
      () => editedPage((page) => page.vulnerabilities.splice(36)),
      /page\.json: the page says it holds 38 records \(resultsPerPage 38, totalResults 38 from startIndex 0\) but has 36/,
    ],
    [
      'a page with more records than a page holds',
      () =>
        editedPage((page) => {
          page.resultsPerPage = 30;
        }),
      /says it holds 30 records .* but has 38/,
    ],
    [
      'a v3.1 vector that does not parse',
      () =>
        editedPage((page) => {
          firstV31(page, 2)['vectorString'] = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L';
        }),
      /record 3 \(CVE-2023-45391\): metrics\.cvssMetricV31\.0: CVSS 3\.1 vector "CVSS:3\.1\/AV:N.*" does not parse: missing base metric A/,
    ],
    [
      'a v3.0 vector in a v3.1 metric',
      () =>
        editedPage((page) => {
          firstV31(page, 0)['vectorString'] = 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H';
        }),
      /record 1 \(CVE-2023-27314\): .* a CVSS 3\.1 metric holds a CVSS 3\.0 vector/,
    ],
    [
      'a v4.0 vector with a value v4.0 does not have',
      () => readFileSync(record('CVE-2024-5732'), 'utf8').replace('/AT:N/', '/AT:Q/'),
      /the record: metrics\.cvssMetricV40\.0: CVSS 4\.0 vector .* does not parse: AT:Q is not valid/,
    ],
    [
      'a v2 vector that does not parse',
      () => readFileSync(record('CVE-2020-8167'), 'utf8').replace('AV:N/AC:M/Au:N', 'AV:N/AC:M/Au:X'),
      /CVSS 2\.0 vector "AV:N\/AC:M\/Au:X\/C:N\/I:P\/A:N" does not parse/,
    ],
    [
      'a record without a CVE id',
      () =>
        editedPage((page) => {
          if (page.vulnerabilities[4]) page.vulnerabilities[4].cve.id = 'GHSA-1234';
        }),
      /record 5 \(GHSA-1234\): cve\.id must look like CVE-2024-12345/,
    ],
    [
      'a record listed twice',
      () =>
        editedPage((page) => {
          if (page.vulnerabilities[5] && page.vulnerabilities[6]) page.vulnerabilities[6] = page.vulnerabilities[5];
        }),
      /record 7 \(CVE-2023-3746\): CVE-2023-3746 is listed twice/,
    ],
    [
      'a page of another NVD format',
      () => pageBytes().toString('utf8').replace('"NVD_CVE"', '"NVD_CPE"'),
      /page\.json: not an NVD CVE API page: format must be NVD_CVE/,
    ],
    [
      'JSON that is no NVD data',
      () => '{"catalogVersion": "2025.08.25", "count": 0}',
      /not an NVD CVE API 2\.0 page or record/,
    ],
    ['a JSON array', () => '[{"cve": {}}]', /not a JSON object/],
    [
      'bytes that are not UTF-8',
      () => Buffer.concat([pageBytes().subarray(0, 5000), Buffer.from([0xff, 0xfe]), pageBytes().subarray(5000)]),
      /page\.json is not UTF-8 text/,
    ],
  ];
  it.each(refusals)('refuses %s, saying which file and why', async (_what, make, message) => {
    const refused = await asyncRefusal(fromBytes('page.json', make()));
    expect(refused.code).toBe('feed_invalid');
    expect(refused.message).toMatch(message);
  });

  it('refuses a truncated file on disk, naming it', async () => {
    const dir = tempDir();
    const path = `${dir}/nvdcve-2.0-2023.json`;
    writeFileSync(path, readFileSync(PAGE).subarray(0, 150_000));
    const refused = await asyncRefusal(fromFile(path, 64 * 1024));
    expect([refused.code, refused.message]).toEqual([
      'feed_invalid',
      expect.stringMatching(/^nvdcve-2\.0-2023\.json: not valid JSON/),
    ]);
  });
});
