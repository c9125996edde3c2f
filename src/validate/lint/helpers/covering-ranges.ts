/**
 * For each keypress of a menu, the first range keypress before it that takes every input it
 * takes (`1-5` before `3` or `2-4`), found for a whole menu at once: menus can hold thousands
 * of ranges, and trying each earlier range per keypress compares every pair.
 *
 * @module
 */
import { compareDigits, type PressedPattern } from '../../../language/key-pattern.js';
import { firstNotBefore } from '../../../util/binary-search.js';

/** A number without its leading zeros, so numbers compare by length, then as text. */
const plain = (digits: string): string => digits.replace(/^0+(?=\d)/, '');

const compare = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** The numbers a pattern takes, as `[low, high]` without leading zeros, or undefined when `covers()` never lets a range take it. */
function span(p: PressedPattern): [string, string] | undefined {
  // exact digits are taken by a range only when written without leading zeros (matchesEntry)
  if (p.kind === 'digits') return /^(0|[1-9]\d*)$/.test(p.value) ? [p.value, p.value] : undefined;
  if (p.kind === 'range' && compareDigits(p.low, p.high) <= 0) return [plain(p.low), plain(p.high)];
  return undefined;
}

/**
 * `out[j]` is the index of the first range among `patterns[0..j)` that covers `patterns[j]`
 * in the sense of `covers()`, or -1. Every non-empty range counts, also one that an earlier
 * keypress covers itself: what it covers, that earlier one covers too and comes first.
 * One sweep by low end over a Fenwick tree keyed by high end keeps the first index:
 * O(n log n) for n keypresses.
 */
export function firstCoveringRanges(patterns: readonly PressedPattern[]): Int32Array {
  const out = new Int32Array(patterns.length).fill(-1);
  const ranges: Array<{ low: string; high: string; at: number }> = [];
  const queries: Array<{ low: string; high: string; at: number }> = [];
  patterns.forEach((p, at) => {
    const s = span(p);
    if (!s) return;
    queries.push({ low: s[0], high: s[1], at });
    if (p.kind === 'range') ranges.push({ low: s[0], high: s[1], at });
  });
  if (ranges.length === 0) return out;
  // high ends, largest first: a range with high >= h sits at a rank <= the rank of h
  const highs = [...new Set(ranges.map((r) => r.high))].sort((a, b) => compare(b, a));
  const rank = new Map(highs.map((h, i) => [h, i + 1]));
  const tree = new Int32Array(highs.length + 1).fill(patterns.length);
  const add = (i: number, at: number): void => {
    for (; i <= highs.length; i += i & -i) if (at < tree[i]!) tree[i] = at;
  };
  const first = (i: number): number => {
    let best = patterns.length;
    for (; i > 0; i -= i & -i) if (tree[i]! < best) best = tree[i]!;
    return best;
  };
  ranges.sort((a, b) => compare(a.low, b.low));
  queries.sort((a, b) => compare(a.low, b.low));
  let next = 0;
  for (const q of queries) {
    // every range starting at or below the query's low end is in the tree
    while (next < ranges.length && compare(ranges[next]!.low, q.low) <= 0) {
      add(rank.get(ranges[next]!.high)!, ranges[next]!.at);
      next++;
    }
    // the ranks of the high ends >= the query's high end: a prefix of `highs`
    const at = first(firstNotBefore(highs, (h) => compare(h, q.high) >= 0));
    if (at < q.at) out[q.at] = at;
  }
  return out;
}
