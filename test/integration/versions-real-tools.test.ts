import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareDpkg, compareRpm, rpmvercmp } from '../../src/main/domain/versions';

// Our comparators against the real dpkg and rpm on this machine: every fixture row plus
// generated pairs built from the pieces that make version ordering hard.
//
// apk is not here: no apk binary exists for Debian (apk-tools is not packaged), so nothing real
// can be asked. test/unit/versions.test.ts checks compareApk against apk-tools' own test data.

type Order = -1 | 0 | 1;
interface Pair {
  readonly a: string;
  readonly b: string;
  readonly source: string;
  // For rpm: whole EVRs (compareRpm) or one version/release string (rpmvercmp).
  readonly segment?: boolean;
  // What the fixture table says, to tell a wrong row from a wrong port.
  readonly fixture?: Order;
}

const exec = promisify(execFile);

/** Why a tool cannot be asked here, or undefined when it can. Synchronous: skipping is decided at collect time. */
function unavailable(file: string, args: string[], expected: string, wrongAnswer: string): string | undefined {
  try {
    const out = execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    return out === expected ? undefined : `${wrongAnswer} (it answered ${JSON.stringify(out)})`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `${file} is not installed` : `${file} ${args.join(' ')} failed: ${String(error)}`;
  }
}

const dpkgMissing = unavailable(
  'dpkg',
  ['--compare-versions', '1', 'lt', '2'],
  '',
  'dpkg --compare-versions misbehaves',
);
// An EVR-aware rpm.vercmp (rpm >= 4.16) puts 1:1.0 above 2.0; older ones compare raw strings.
const rpmMissing = unavailable(
  'rpm',
  ['--eval', '%{lua: print(rpm.vercmp("1:1.0", "2.0"))}'],
  '1',
  "rpm's Lua rpm.vercmp does not parse epochs (rpm 4.16 or later is needed)",
);
for (const [tool, reason] of [
  ['dpkg', dpkgMissing],
  ['rpm', rpmMissing],
] as const) {
  if (reason !== undefined) console.warn(`versions-real-tools: SKIPPING the ${tool} comparisons: ${reason}`);
}

function fixture(name: string): string[][] {
  const [, ...lines] = readFileSync(`test/fixtures/versions/${name}`, 'utf8').split('\n');
  return lines.filter((line) => line !== '').map((line) => line.split('\t'));
}
const order = (text: string | undefined): Order => {
  if (text !== '-1' && text !== '0' && text !== '1') throw new Error(`not a comparison result: ${String(text)}`);
  return Number(text) as Order;
};

/** mulberry32: a small seeded generator, so every run (and every machine) checks the same pairs. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const NUMBERS = ['0', '00', '01', '1', '007', '7', '9', '10', '010', '99', '100', '2024', '20240101'];
const WORDS = ['a', 'b', 'z', 'A', 'Z', 'rc', 'beta', 'git', 'dfsg', 'el', 'fc', 'p', 'pre', 'ubuntu', 'deb'];
const EPOCHS = ['0', '1', '2', '10', '01'];

/** Versions made of alternating numbers, words and separators, and near-copies of them. */
function versions(seed: number, separators: readonly string[]) {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(rand() * items.length)];
    if (item === undefined) throw new Error('empty choice');
    return item;
  };
  const piece = (): string => (rand() < 0.6 ? pick(NUMBERS) : pick(WORDS));
  const part = (): string[] => {
    const pieces = [pick(NUMBERS)];
    const length = Math.floor(rand() * 5);
    for (let i = 0; i < length; i++) pieces.push(rand() < 0.7 ? pick(separators) : '', piece());
    if (rand() < 0.15) pieces.push(pick(separators));
    return pieces;
  };
  // Changing one piece, adding or dropping one is where orderings go wrong, so most pairs are
  // a version and a near-copy of it; the rest are unrelated.
  const nearCopy = (pieces: string[]): string[] => {
    const copy = [...pieces];
    const at = Math.floor(rand() * copy.length);
    const roll = rand();
    if (roll < 0.4) copy[at] = at % 2 === 0 ? piece() : pick(separators);
    else if (roll < 0.7) copy.push(pick(separators), piece());
    else if (copy.length > 2) copy.splice(copy.length - 2, 2);
    else copy.push(pick(separators));
    return copy;
  };
  return { rand, pick, part, nearCopy };
}

function dpkgPairs(count: number): Pair[] {
  const { rand, pick, part, nearCopy } = versions(20_240_611, ['.', '.', '+', '~', '~~', ':', '-']);
  const make = (epoch: string | undefined, upstream: string[], revision: string[] | undefined): string => {
    // In the upstream part ':' is valid only after an epoch, and '-' only before a revision.
    const up = upstream
      .join('')
      .replaceAll(':', epoch === undefined ? '.' : ':')
      .replaceAll('-', revision === undefined ? '+' : '-');
    const rev = revision?.join('').replaceAll(/[:-]/g, '+');
    return `${epoch === undefined ? '' : `${epoch}:`}${rand() < 0.05 ? 'v' : ''}${up}${rev === undefined ? '' : `-${rev}`}`;
  };
  return Array.from({ length: count }, () => {
    const epoch = rand() < 0.2 ? pick(EPOCHS) : undefined;
    const upstream = part();
    const revision = rand() < 0.6 ? part() : undefined;
    const a = make(epoch, upstream, revision);
    if (rand() < 0.3)
      return { a, b: make(rand() < 0.2 ? pick(EPOCHS) : undefined, part(), part()), source: 'generated' };
    const roll = rand();
    const b =
      roll < 0.5
        ? make(epoch, nearCopy(upstream), revision)
        : roll < 0.8
          ? make(epoch, upstream, revision === undefined ? (rand() < 0.5 ? ['0'] : part()) : nearCopy(revision))
          : make(epoch === undefined ? pick(EPOCHS) : undefined, upstream, revision);
    return { a, b, source: 'generated' };
  });
}

function rpmPairs(count: number, segment: boolean): Pair[] {
  const seps = ['.', '.', '_', '+', '~', '^', '~', '^'];
  const { rand, pick, part, nearCopy } = versions(segment ? 19_980_101 : 4_018, seps);
  const make = (epoch: string | undefined, version: string[], release: string[] | undefined): string =>
    `${epoch === undefined ? '' : `${epoch}:`}${version.join('')}${release === undefined ? '' : `-${release.join('')}`}`;
  return Array.from({ length: count }, () => {
    const epoch = !segment && rand() < 0.2 ? pick(EPOCHS) : undefined;
    const version = part();
    const release = !segment && rand() < 0.7 ? part() : undefined;
    const a = make(epoch, version, release);
    const roll = rand();
    const b =
      roll < 0.25
        ? make(segment ? undefined : epoch, part(), segment ? undefined : part())
        : roll < 0.65 || segment
          ? make(epoch, nearCopy(version), release)
          : roll < 0.9
            ? make(epoch, version, release === undefined ? part() : rand() < 0.2 ? undefined : nearCopy(release))
            : make(epoch === undefined ? pick(EPOCHS) : undefined, version, release);
    return { a, b, source: 'generated', segment };
  });
}

/** dpkg's answer from its exit status: 0 when the relation holds, 1 when not, anything else an error. */
async function dpkgHolds(a: string, relation: 'lt' | 'eq' | 'gt', b: string): Promise<boolean> {
  try {
    await exec('dpkg', ['--compare-versions', a, relation, b]);
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 1) return false;
    throw error;
  }
}

const RELATION = { '-1': 'lt', '0': 'eq', '1': 'gt' } as const;

/**
 * dpkg's order of each pair. dpkg answers one relation per run and a run costs ~10 ms here, so
 * it is first asked the relation our port predicts: a yes settles the pair in one run (dpkg's
 * relations are exact), and only a disagreement costs the runs needed to find dpkg's answer.
 */
async function askDpkg(pairs: readonly Pair[]): Promise<Order[]> {
  const answers: Order[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < pairs.length; i = next++) {
      const { a, b } = pairs[i] as Pair;
      let guess: Order | undefined;
      try {
        guess = compareDpkg(a, b);
      } catch {
        guess = undefined; // the per-pair test reports it
      }
      if (guess !== undefined && (await dpkgHolds(a, RELATION[guess], b))) answers[i] = guess;
      else answers[i] = (await dpkgHolds(a, 'lt', b)) ? -1 : (await dpkgHolds(a, 'eq', b)) ? 0 : 1;
    }
  };
  await Promise.all(Array.from({ length: availableParallelism() }, worker));
  return answers;
}

/** Every pair in one rpm run: the Lua loop reads `a<TAB>b` lines from stdin, never from code. */
function askRpm(pairs: readonly Pair[]): Order[] {
  const script =
    '%{lua: for line in io.lines() do local a, b = line:match("^(.-)\\t(.*)$"); print(rpm.vercmp(a, b) .. "\\n") end}';
  const input = pairs.map(({ a, b }) => `${a}\t${b}\n`).join('');
  const out = execFileSync('rpm', ['--eval', script], { input, encoding: 'utf8' });
  const answers = out.split('\n').filter((line) => line !== '');
  expect(answers).toHaveLength(pairs.length);
  return answers.map(order);
}

const title = (pairs: readonly Pair[]) =>
  pairs.map((pair, i) => [`${pair.source}: ${pair.a} vs ${pair.b}`, pair, i] as const);

describe.skipIf(dpkgMissing !== undefined)(
  `compareDpkg = dpkg --compare-versions${dpkgMissing ? ` (skipped: ${dpkgMissing})` : ''}`,
  () => {
    const fixtures: Pair[] = fixture('dpkg_compare.tsv').map(([a = '', b = '', expected, origin = '']) => ({
      a,
      b,
      source: `fixture ${origin}`,
      fixture: order(expected),
    }));
    const generated = dpkgPairs(300);
    const pairs = [...fixtures, ...generated];
    let dpkg: Order[] = [];

    beforeAll(async () => {
      dpkg = await askDpkg(pairs);
    });

    it('asks about every fixture row and at least 300 generated pairs', () => {
      expect(fixtures).toHaveLength(67);
      expect(generated.length).toBeGreaterThanOrEqual(300);
      expect(dpkg).toHaveLength(pairs.length);
      // The generator must reach all three outcomes, or it is not testing much.
      expect(new Set(dpkg.slice(fixtures.length))).toEqual(new Set([-1, 0, 1]));
    });

    it.each(title(pairs))('%s', (_title, pair, i) => {
      const real = dpkg[i];
      expect(compareDpkg(pair.a, pair.b), `dpkg says ${String(real)}`).toBe(real);
      if (pair.fixture !== undefined) expect(pair.fixture, 'the fixture row agrees with dpkg').toBe(real);
    });
  },
);

describe.skipIf(rpmMissing !== undefined)(
  `compareRpm and rpmvercmp = rpm.vercmp${rpmMissing ? ` (skipped: ${rpmMissing})` : ''}`,
  () => {
    const fixtures: Pair[] = fixture('rpm_compare.tsv').map(([a = '', b = '', expected, mode = '', origin = '']) => ({
      a,
      b,
      source: `fixture ${mode} ${origin}`,
      segment: mode === 'rpmvercmp',
      fixture: order(expected),
    }));
    const generated = [...rpmPairs(300, false), ...rpmPairs(150, true)];
    const pairs = [...fixtures, ...generated];
    let rpm: Order[] = [];

    beforeAll(() => {
      rpm = askRpm(pairs);
    });

    it('asks about every fixture row and at least 300 generated pairs', () => {
      expect(fixtures).toHaveLength(116);
      expect(generated.length).toBeGreaterThanOrEqual(300);
      expect(new Set(rpm.slice(fixtures.length))).toEqual(new Set([-1, 0, 1]));
    });

    // On one version or release string rpm.vercmp finds no epoch and no release, so it is
    // rpmvercmp itself.
    it.each(title(pairs))('%s', (_title, pair, i) => {
      const real = rpm[i];
      const ours = pair.segment === true ? rpmvercmp(pair.a, pair.b) : compareRpm(pair.a, pair.b);
      expect(ours, `rpm says ${String(real)}`).toBe(real);
      if (pair.fixture !== undefined) expect(pair.fixture, 'the fixture row agrees with rpm').toBe(real);
    });
  },
);
