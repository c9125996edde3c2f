/**
 * The elements with one of a few tag names, in document order: a rule about a few tags reads
 * these from the index's lists (`ctx.ofTag`) instead of testing the name of every element of
 * the plan, and reports in the order a walk of every element would. And a look at a tag's
 * children that lists none of them.
 *
 * @module
 */
import type { AnyElement } from '../../../ast/nodes.js';
import { elementName, isElement } from '../../../ast/nodes.js';
import type { RuleContext } from '../types.js';

const NONE: readonly AnyElement[] = Object.freeze([]);

/**
 * The elements named one of `tags` (each name once), in document order. One list is the
 * index's as it is; several are merged by element number.
 */
export function elementsOf(ctx: RuleContext, tags: readonly string[]): readonly AnyElement[] {
  const lists: Array<readonly AnyElement[]> = [];
  let total = 0;
  for (const tag of tags) {
    const list = ctx.ofTag(tag);
    if (list.length === 0) continue;
    lists.push(list);
    total += list.length;
  }
  if (lists.length === 0) return NONE;
  if (lists.length === 1) return lists[0]!;
  const { index } = ctx;
  const numbers = lists.map((list) => Int32Array.from(list, (node) => index.numberOf(node)));
  const next = new Int32Array(lists.length);
  const out = new Array<AnyElement>(total);
  for (let o = 0; o < total; o++) {
    // the list whose next element comes first (a handful of lists: a linear pick)
    let best = -1;
    let bestNumber = 0;
    for (let l = 0; l < lists.length; l++) {
      const at = next[l]!;
      if (at === lists[l]!.length) continue;
      const n = numbers[l]![at]!;
      if (best < 0 || n < bestNumber) {
        best = l;
        bestNumber = n;
      }
    }
    out[o] = lists[best]![next[best]!++]!;
  }
  return out;
}

/** Whether `node` has an element child named `tag` (without listing its children). */
export function hasChild(node: AnyElement, tag: string): boolean {
  const children = node.children;
  for (let c = 0; c < children.length; c++) {
    const child = children[c]!;
    if (isElement(child) && elementName(child) === tag) return true;
  }
  return false;
}
