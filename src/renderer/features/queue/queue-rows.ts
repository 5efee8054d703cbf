import type { QueueRow } from '../../../shared/domain/queue';
import { fixNeedsReboot } from '../../../shared/domain/reboot';

const SSVC: readonly QueueRow['ssvc'][] = ['Track', 'Track*', 'Attend', 'Act'];
// Control characters that no real fix, package, host or CVE name contains: a row's start, its
// fields, and the items of a list field. A name that has one anyway (names come from hosts and
// feed files) shows it as U+FFFD, so that it cannot shift its row's fields or match another fix.
const ROW = '\u001d';
const FIELD = '\u001f';
const ITEM = '\u001e';
// Built from a string: the lint rule against control characters in regular expressions is for
// ones there by mistake.
const SEPARATORS = new RegExp(`[${ROW}${ITEM}${FIELD}]`, 'g');
const clean = (name: string): string => name.replace(SEPARATORS, '\ufffd');
const joined = (names: readonly string[]): string => names.map(clean).join(ITEM);

/**
 * The queue as the page holds it: columns, not an object per fix. 100,000 fixes as objects are
 * about 1.5 million heap objects (37 MB) that every major garbage collection marks again, and
 * scrolling triggers one every few seconds (the layout and style objects Blink makes per frame are
 * collected with the JavaScript heap): on 2 cores its marking threads took the CPU of the frames
 * in flight, the dropped frames bench/queue-scroll.mjs counted. Here every row's names are one
 * string and its numbers typed arrays, a handful of objects whatever the length; a row becomes an
 * object again only when it is shown.
 */
export interface QueueRows {
  readonly length: number;
  /**
   * The row at `index` (0-based, in rank order), as the API sent it, but for what a list cannot
   * tell apart: an empty name in a list, an empty due date (null), a separator in a name (above).
   */
  row(index: number): QueueRow;
  /** Its rank alone, which a row skimmed past shows. */
  rank(index: number): number;
  /** Where the fix named `fix` is, or -1. */
  indexOf(fix: string): number;
  /** The indexes of the rows `keep` accepts, in rank order. */
  select(keep: (row: RowFacts) => boolean): Uint32Array;
}

/** What filters read of a row without making it an object. */
export interface RowFacts {
  readonly ssvc: QueueRow['ssvc'];
  readonly kev: boolean;
  /** The due date in ms since the epoch, or NaN without one. */
  readonly dueMs: number;
  readonly needsReboot: boolean;
  hosts(): string[];
  /** The fix, its packages, hosts and CVEs, in lower case, apart by separators no search word has. */
  searchText(): string;
}

const listOf = (field: string): string[] => (field === '' ? [] : field.split(ITEM));

/**
 * The columns of `items`. Apart from queueRows on purpose: the closures that queueRows returns keep
 * every variable of their function that any closure uses, and a per-row callback here would have
 * kept the array of row strings, 200,000 strings, alive with the text made of them.
 */
function columnsOf(items: readonly QueueRow[]) {
  const count = items.length;
  const rank = new Int32Array(count);
  const score = new Float64Array(count);
  const epss = new Float64Array(count);
  const dueMs = new Float64Array(count);
  // Bits 0-1: the SSVC decision; 2: in KEV; 3: needs a reboot.
  const flags = new Uint8Array(count);
  // Where each row starts in `text` and where its due date starts (after the searchable part).
  const starts = new Uint32Array(count + 1);
  const dueAt = new Uint32Array(count);
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; i < count; i++) {
    const item = items[i] as QueueRow;
    rank[i] = item.rank;
    score[i] = item.score;
    epss[i] = item.epss ?? Number.NaN;
    dueMs[i] = item.due === null ? Number.NaN : Date.parse(item.due);
    flags[i] = SSVC.indexOf(item.ssvc) | (item.kev ? 4 : 0) | (fixNeedsReboot(item.packages) ? 8 : 0);
    const searchable = [clean(item.fix), joined(item.packages), joined(item.hosts), joined(item.cves)].join(FIELD);
    starts[i] = length;
    dueAt[i] = length + ROW.length + searchable.length + FIELD.length;
    const part = `${ROW}${searchable}${FIELD}${clean(item.due ?? '')}`;
    parts.push(part);
    length += part.length;
  }
  starts[count] = length;
  return { count, rank, score, epss, dueMs, flags, starts, dueAt, text: parts.join('') };
}

export function queueRows(items: readonly QueueRow[]): QueueRows {
  const { count, rank, score, epss, dueMs, flags, starts, dueAt, text } = columnsOf(items);

  const fields = (index: number): string[] =>
    text.slice((starts[index] ?? 0) + ROW.length, (dueAt[index] ?? 0) - FIELD.length).split(FIELD);
  const dueOf = (index: number): string | null => {
    const due = text.slice(dueAt[index], starts[index + 1]);
    return due === '' ? null : due;
  };

  return {
    length: count,
    row(index) {
      const [fix = '', packages = '', hosts = '', cves = ''] = fields(index);
      const epssValue = epss[index] ?? Number.NaN;
      return {
        rank: rank[index] ?? 0,
        fix,
        packages: listOf(packages),
        hosts: listOf(hosts),
        cves: listOf(cves),
        kev: ((flags[index] ?? 0) & 4) !== 0,
        epss: Number.isNaN(epssValue) ? null : epssValue,
        ssvc: SSVC[(flags[index] ?? 0) & 3] ?? 'Track',
        score: score[index] ?? 0,
        due: dueOf(index),
      };
    },
    rank: (index) => rank[index] ?? 0,
    indexOf(fix) {
      const at = text.indexOf(`${ROW}${clean(fix)}${FIELD}`);
      if (at < 0) return -1;
      // The row whose start is `at`: binary search over the starts.
      let low = 0;
      let high = count - 1;
      while (low < high) {
        const middle = (low + high + 1) >>> 1;
        if ((starts[middle] ?? 0) <= at) low = middle;
        else high = middle - 1;
      }
      return low;
    },
    select(keep) {
      const kept = new Uint32Array(count);
      let n = 0;
      let index = 0;
      const facts: RowFacts = {
        get ssvc() {
          return SSVC[(flags[index] ?? 0) & 3] ?? 'Track';
        },
        get kev() {
          return ((flags[index] ?? 0) & 4) !== 0;
        },
        get dueMs() {
          return dueMs[index] ?? Number.NaN;
        },
        get needsReboot() {
          return ((flags[index] ?? 0) & 8) !== 0;
        },
        hosts: () => listOf(fields(index)[2] ?? ''),
        searchText: () =>
          text.slice((starts[index] ?? 0) + ROW.length, (dueAt[index] ?? 0) - FIELD.length).toLowerCase(),
      };
      for (index = 0; index < count; index++) if (keep(facts)) kept[n++] = index;
      return kept.slice(0, n);
    },
  };
}
