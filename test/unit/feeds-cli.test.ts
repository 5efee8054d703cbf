import { afterEach, describe, expect, it, vi } from 'vitest';
import { runFeeds } from '../../src/main/cli/feeds';
import { edited, EPSS, KEV_JSON } from './feed-imports';
import { tempDir } from './support';

describe('patchwise feeds', () => {
  const printed: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    printed.length = 0;
  });
  const capture = () =>
    vi.spyOn(console, 'log').mockImplementation((text: unknown) => {
      printed.push(String(text));
    });

  it('imports each file on its own, says which failed, and exits 1 if any did', async () => {
    const dataDir = tempDir();
    capture();
    const broken = edited(EPSS, (text) => text.replace('0.31419', 'x'));
    const code = await runFeeds({ action: 'import', paths: [KEV_JSON, broken], json: false }, dataDir);
    expect(code).toBe(1);
    expect(printed[0]).toMatch(/^imported +kev +2025-08-25 +30 records/);
    expect(printed[1]).toMatch(
      /^failed +.*epss_scores-2026-09-29\.csv: .*line 3: epss must be a number.*\(feed_invalid\)$/,
    );

    printed.length = 0;
    expect(await runFeeds({ action: 'status', json: true }, dataDir)).toBe(0);
    const status = JSON.parse(printed.join('\n')) as { feeds: { name: string; date: string; records: number }[] };
    expect(status.feeds).toEqual([
      expect.objectContaining({ name: 'kev', date: '2025-08-25T17:04:19.979Z', records: 30 }),
    ]);
  });
});
