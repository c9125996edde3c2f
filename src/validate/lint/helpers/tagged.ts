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

const numbersCache = new WeakMap<RuleContext, Map<string, number[]>>();

/**
 * The element numbers of each tag, in document order, listed in one pass per lint run (the
 * index lists elements by tag, but finding each one's number again would be a map look-up
 * per element and per rule).
 */
function numbersByTag(ctx: RuleContext): Map<string, number[]> {
  let byTag = numbersCache.get(ctx);
  if (!byTag) {
    byTag = new Map();
    const { elements } = ctx;
    for (let k = 0; k < elements.length; k++) {
      const tag = elementName(elements[k]!);
      const list = byTag.get(tag);
      if (list) list.push(k);
      else byTag.set(tag, [k]);
    }
    numbersCache.set(ctx, byTag);
  }
  return byTag;
}

/**
 * The elements named one of `tags` (each name once), in document order. One list is the
 * index's as it is; several are merged by element number.
 */
export function elementsOf(ctx: RuleContext, tags: readonly string[]): readonly AnyElement[] {
  let only: readonly AnyElement[] | undefined;
  let found = 0;
  for (const tag of tags) {
    const list = ctx.ofTag(tag);
    if (list.length === 0) continue;
    only = list;
    found++;
  }
  if (only === undefined) return NONE;
  if (found === 1) return only;
  const byTag = numbersByTag(ctx);
  const lists: number[][] = [];
  let total = 0;
  for (const tag of tags) {
    const list = byTag.get(tag);
    if (!list) continue;
    lists.push(list);
    total += list.length;
  }
  const { elements } = ctx;
  const next = new Int32Array(lists.length);
  const out = new Array<AnyElement>(total);
  for (let o = 0; o < total; o++) {
    // the list whose next element comes first (a handful of lists: a linear pick)
    let best = -1;
    let bestNumber = 0;
    for (let l = 0; l < lists.length; l++) {
      const list = lists[l]!;
      const at = next[l]!;
      if (at === list.length) continue;
      const n = list[at]!;
      if (best < 0 || n < bestNumber) {
        best = l;
        bestNumber = n;
      }
    }
    next[best]!++;
    out[o] = elements[bestNumber]!;
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
