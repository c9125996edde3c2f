/**
 * Which tag of the old plan is which tag of the new one. Named tags are the same tag when
 * their name and tag agree, wherever they moved; the children of matched tags are aligned in
 * order (a longest common subsequence on what the tag is and says, names left out), and what
 * is left between two aligned pairs is paired by tag, so an edited prompt is one changed step
 * and a renamed menu one renamed menu. Iterative throughout: deep or wide plans cannot
 * overflow the stack, and the alignment falls back to a linear one past a size bound.
 *
 * @module
 */
import type { AnyElement, DocumentNode } from '../ast/nodes.js';
import { elementChildren, elementName, textOf } from '../ast/nodes.js';
import { indexPlan } from '../ast/plan-index.js';

/** The pairs, both ways. */
export interface Matching {
  readonly oldToNew: ReadonlyMap<AnyElement, AnyElement>;
  readonly newToOld: ReadonlyMap<AnyElement, AnyElement>;
}

/** Past this many cells (old children × new children) one parent's children are aligned greedily instead. */
const MAX_ALIGNMENT_CELLS = 4_000_000;

/** What a tag is and says, its name left out: equal keys align. */
function key(el: AnyElement): string {
  const attrs = Object.entries(el.attributes)
    .filter(([k]) => k !== 'name')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('\u0001');
  return `${elementName(el)}\u0000${attrs}\u0000${elementChildren(el).length === 0 ? textOf(el) : ''}`;
}

/** Matches the tags of two plans. */
export function matchPlans(oldDoc: DocumentNode, newDoc: DocumentNode): Matching {
  const oldToNew = new Map<AnyElement, AnyElement>();
  const newToOld = new Map<AnyElement, AnyElement>();
  const queue: Array<[AnyElement, AnyElement]> = [];
  const pair = (o: AnyElement, n: AnyElement) => {
    oldToNew.set(o, n);
    newToOld.set(n, o);
    queue.push([o, n]);
  };
  pair(oldDoc.root, newDoc.root);
  const newNames = indexPlan(newDoc).byName;
  for (const [name, o] of indexPlan(oldDoc).byName) {
    const n = newNames.get(name);
    if (n && n.kind === o.kind && !newToOld.has(n)) pair(o, n);
  }
  for (let head = 0; head < queue.length; head++) {
    const [o, n] = queue[head]!;
    const oc = elementChildren(o).filter((c) => !oldToNew.has(c));
    const nc = elementChildren(n).filter((c) => !newToOld.has(c));
    for (const [a, b] of align(oc, nc)) pair(a, b);
  }
  return { oldToNew, newToOld };
}

/** Aligns two child lists: equal keys in order first, then the rest between them by tag. */
function align(a: readonly AnyElement[], b: readonly AnyElement[]): Array<[AnyElement, AnyElement]> {
  const ka = a.map(key);
  const kb = b.map(key);
  const anchors = a.length * b.length <= MAX_ALIGNMENT_CELLS ? lcs(ka, kb) : greedy(ka, kb);
  const out: Array<[AnyElement, AnyElement]> = [];
  let i = 0;
  let j = 0;
  for (const [ai, bj] of [...anchors, [a.length, b.length] as const]) {
    // the gap before this anchor: pair what is left by tag, in order
    const left = a.slice(i, ai);
    const right = b.slice(j, bj);
    const byTag = new Map<string, AnyElement[]>();
    for (const r of right) {
      const list = byTag.get(elementName(r));
      if (list) list.push(r);
      else byTag.set(elementName(r), [r]);
    }
    const taken = new Map<string, number>();
    for (const x of left) {
      const list = byTag.get(elementName(x));
      const k = taken.get(elementName(x)) ?? 0;
      if (list && k < list.length) {
        taken.set(elementName(x), k + 1);
        out.push([x, list[k]!]);
      }
    }
    if (ai < a.length) out.push([a[ai]!, b[bj]!]);
    i = ai + 1;
    j = bj + 1;
  }
  return out;
}

/** The index pairs of a longest common subsequence (equal prefix and suffix taken first). */
function lcs(a: readonly string[], b: readonly string[]): Array<readonly [number, number]> {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  const table = new Uint32Array((n + 1) * (m + 1));
  const at = (x: number, y: number) => x * (m + 1) + y;
  for (let x = n - 1; x >= 0; x--) {
    for (let y = m - 1; y >= 0; y--) {
      table[at(x, y)] = a[start + x] === b[start + y] ? table[at(x + 1, y + 1)]! + 1 : Math.max(table[at(x + 1, y)]!, table[at(x, y + 1)]!);
    }
  }
  const pairs: Array<readonly [number, number]> = [];
  for (let k = 0; k < start; k++) pairs.push([k, k]);
  let x = 0;
  let y = 0;
  while (x < n && y < m) {
    if (a[start + x] === b[start + y]) {
      pairs.push([start + x, start + y]);
      x++;
      y++;
    } else if (table[at(x + 1, y)]! >= table[at(x, y + 1)]!) x++;
    else y++;
  }
  for (let k = 0; endA + k < a.length; k++) pairs.push([endA + k, endB + k]);
  return pairs;
}

/** A linear alignment for very wide parents: each key matches its next unused occurrence, kept in order. */
function greedy(a: readonly string[], b: readonly string[]): Array<readonly [number, number]> {
  const positions = new Map<string, number[]>();
  b.forEach((k, j) => {
    const list = positions.get(k);
    if (list) list.push(j);
    else positions.set(k, [j]);
  });
  const cursor = new Map<string, number>();
  const pairs: Array<readonly [number, number]> = [];
  let last = -1;
  a.forEach((k, i) => {
    const list = positions.get(k);
    if (!list) return;
    let c = cursor.get(k) ?? 0;
    while (c < list.length && list[c]! <= last) c++;
    cursor.set(k, c + 1);
    if (c < list.length) {
      pairs.push([i, list[c]!]);
      last = list[c]!;
    }
  });
  return pairs;
}
