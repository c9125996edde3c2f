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
 * index's as it is; several are merged by element number. Only the elements listed are
 * numbered, each once, when it comes to the head of its list (`numberOf` reads a parsed
 * element's number on the element), not every element of the plan.
 */
export function elementsOf(ctx: RuleContext, tags: readonly string[]): readonly AnyElement[] {
  let only: readonly AnyElement[] | undefined;
  let found = 0;
  for (let t = 0; t < tags.length; t++) {
    const list = ctx.ofTag(tags[t]!);
    if (list.length === 0) continue;
    only = list;
    found++;
  }
  if (only === undefined) return NONE;
  if (found === 1) return only;
  const lists: (readonly AnyElement[])[] = [];
  let total = 0;
  for (let t = 0; t < tags.length; t++) {
    const list = ctx.ofTag(tags[t]!);
    if (list.length === 0) continue;
    lists.push(list);
    total += list.length;
  }
  const { index } = ctx;
  // where each list stands, and the number of its element there (END once it is used up)
  const next = new Int32Array(lists.length);
  const head = new Float64Array(lists.length);
  for (let l = 0; l < lists.length; l++) head[l] = index.numberOf(lists[l]![0]!);
  const out = new Array<AnyElement>(total);
  for (let o = 0; o < total; o++) {
    // the list whose next element comes first (a handful of lists: a linear pick)
    let best = 0;
    for (let l = 1; l < lists.length; l++) if (head[l]! < head[best]!) best = l;
    const list = lists[best]!;
    const at = next[best]!;
    out[o] = list[at]!;
    next[best] = at + 1;
    head[best] = at + 1 < list.length ? index.numberOf(list[at + 1]!) : END;
  }
  return out;
}

/** The head of a list that is used up: after every element number. */
const END = Number.POSITIVE_INFINITY;

/** Whether `node` has an element child named `tag` (without listing its children). */
export function hasChild(node: AnyElement, tag: string): boolean {
  const children = node.children;
  for (let c = 0; c < children.length; c++) {
    const child = children[c]!;
    if (isElement(child) && elementName(child) === tag) return true;
  }
  return false;
}
