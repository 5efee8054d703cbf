import { describe, expect, it } from 'vitest';
import { adaptiveLookup } from '../../src/main/queue/lookups';
import { createCveRepo } from '../../src/main/store/cve-repo';
import { createFeedRepo } from '../../src/main/store/feed-repo';
import { EPSS, KEV_JSON } from './feed-imports';
import { PAGE } from './nvd-pages';
import { admin, makeApp } from './support';

describe('feed lookups for a queue', () => {
  it('asks one key at a time up to the threshold, then reads everything once', () => {
    const asked: string[] = [];
    let bulk = 0;
    const lookup = adaptiveLookup(
      (key) => {
        asked.push(key);
        return key.length;
      },
      () => {
        bulk += 1;
        return new Map([['abc', 99]]);
      },
      2,
    );
    expect([lookup('a'), lookup('ab')]).toEqual([1, 2]);
    expect([lookup('abc'), lookup('abcd'), lookup('abc')]).toEqual([99, undefined, 99]);
    expect(asked).toEqual(['a', 'ab']);
    expect(bulk).toBe(1);
  });

  it('reads in bulk exactly what it reads one CVE at a time: KEV, EPSS, and the CVSS metric chosen', async () => {
    const app = makeApp();
    for (const path of [KEV_JSON, EPSS, PAGE]) await app.services.feeds.importFile(path, admin);
    const feeds = createFeedRepo(app.store.db);
    const cves = createCveRepo(app.store.db);
    const kev = feeds.kevAll();
    const epss = feeds.epssAll();
    const cvss = cves.cvssAll();
    expect([kev.size, epss.size > 0, cvss.size > 30]).toEqual([30, true, true]);
    for (const [cve, entry] of kev) expect(feeds.kev(cve)).toEqual(entry);
    for (const [cve, score] of epss) expect(feeds.epss(cve)).toEqual(score);
    for (const [cve, choice] of cvss) expect(cves.cvss(cve)).toEqual(choice);
  });
});
