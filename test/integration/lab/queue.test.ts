import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/main/lab/run';
import { lab, onHost, openLabApp } from '../../lab/hosts';

interface QueueJson {
  feeds: { name: string; date: string; records: number }[];
  items: {
    rank: number;
    fix: string;
    hosts: string[];
    cves: string[];
    kev: boolean;
    score: number;
    reasons: string[];
  }[];
}

const cli = (...args: string[]) => run([process.execPath, 'bin/patchwise.mjs', '--data-dir', lab.dataDir, ...args]);

describe.skipIf(lab.skip !== null)(
  `the patch queue against the lab${lab.skip ? ` (skipped: ${lab.skip})` : ''}`,
  () => {
    it('ranks the KEV-listed, internet-facing fix first, says why, and does not flag a backported fix', async () => {
      const scanned = JSON.parse((await cli('scan', '--json')).stdout) as { hosts: { name: string; status: string }[] };
      expect(scanned.hosts.filter((host) => host.status !== 'ok')).toEqual([]);

      // The lab's synthetic bundle, as it would arrive on a USB stick: one tar.gz of every feed.
      const bundle = join(mkdtempSync(join(tmpdir(), 'patchwise-bundle-')), 'lab-feeds.tar.gz');
      await run(['tar', '-czf', bundle, '-C', 'resources/lab', 'feeds']);
      const imported = JSON.parse((await cli('feeds', 'import', '--json', bundle)).stdout) as {
        imports: { path: string; ok: boolean }[];
      };
      expect(imported.imports.filter((outcome) => !outcome.ok)).toEqual([]);
      expect(imported.imports.map((outcome) => outcome.path)).toContain(
        'lab-feeds.tar.gz:feeds/nvd/nvdcve-2.0-lab.json',
      );

      const queue = JSON.parse((await cli('queue', '--json')).stdout) as QueueJson;
      expect(queue.feeds.map((feed) => feed.name)).toEqual(
        expect.arrayContaining(['kev', 'epss', 'nvd', 'osv', 'debian-tracker']),
      );
      const [first] = queue.items;
      expect(first?.cves).toContain('CVE-2026-90002');
      expect(first?.kev).toBe(true);
      expect(first?.hosts).toEqual(expect.arrayContaining(['web1']));
      expect(first?.reasons).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^kev \+\d+: exploited in the wild \(CISA KEV, due /),
          expect.stringMatching(/^exposure \+10: internet-facing$/),
          expect.stringMatching(/^severity \+[\d.]+: CVSS 9\.1$/),
        ]),
      );
      // Every other fix ranks below it.
      expect(queue.items.slice(1).every((item) => item.score <= (first?.score ?? 0))).toBe(true);

      // The backport: upstream fixed CVE-2026-90005 in openssl 3.0.8; Rocky's fix is the
      // 1:3.0.7-24.el9 the Rocky-like hosts run, which is older than 3.0.8 and not vulnerable.
      expect(await onHost('web2', "rpm -q --qf '%{EPOCH}:%{VERSION}-%{RELEASE}' openssl")).toBe('1:3.0.7-24.el9');
      expect(queue.items.filter((item) => item.cves.includes('CVE-2026-90005'))).toEqual([]);
      const app = openLabApp();
      try {
        expect(app.services.queue.findings().filter((finding) => finding.cves.includes('CVE-2026-90005'))).toEqual([]);
        // ...while the same hosts are found vulnerable to what they do lack.
        expect(
          app.services.queue.findings().filter((finding) => finding.host === 'web2' && finding.state === 'vulnerable'),
        ).not.toEqual([]);
      } finally {
        app.close();
      }
    });
  },
);
