/**
 * Where a plan reads variables: the attribute values and leaf texts that hold a `$`.
 *
 * @module
 */
import type { AnyElement } from '../../../ast/nodes.js';
import { rawText } from '../../../ast/nodes.js';
import type { VariableScan } from '../../../language/variable-refs.js';
import type { FindingAt, RuleContext, Slice } from '../types.js';

/** One string of the plan that may hold `${…}` references. */
export interface ReadSite {
  readonly node: AnyElement;
  /** `text` for the tag's content, else the attribute name. */
  readonly where: string;
  readonly value: string;
  /**
   * `ctx.variableScan(value)`, found when the site is listed: every rule that reads sites
   * reads it, and a string the plan repeats shares one scan (and its references).
   */
  readonly scan: VariableScan;
}

/** Where a read site is, for a finding's range: its attribute or its text, narrowed to `within`. */
export function siteAt(site: ReadSite, within?: Slice): FindingAt {
  const base = site.where === 'text' ? { text: true as const } : { attribute: site.where };
  return within ? { ...base, within } : base;
}

/** The sites of a run, one entry per site at the same index of each list. */
interface SiteList {
  /** The element numbers (`ctx.elements`). */
  readonly numbers: Int32Array;
  /** The attribute names, {@link TEXT} for the text. */
  readonly wheres: readonly string[];
  readonly scans: readonly VariableScan[];
}

/** What {@link SiteList.wheres} holds for a text: no attribute has an empty name (an attribute may be named `text`). */
const TEXT = '';

const lists = new WeakMap<RuleContext, SiteList>();

/**
 * A walk over the read sites: `for (const site = readSites(ctx); site.next(); )` makes the walk
 * the site itself, one site after the other (so a walk allocates nothing per site; a site kept
 * past its step must be copied). Iterating it gives a record of each site instead.
 */
export class SiteWalk implements ReadSite {
  node!: AnyElement;
  where = '';
  value = '';
  scan!: VariableScan;
  private at = -1;

  /** @internal */
  constructor(
    private readonly elements: readonly AnyElement[],
    private readonly list: SiteList,
  ) {}

  /** Moves to the next site; false past the last one. */
  next(): boolean {
    const at = ++this.at;
    const { numbers, wheres, scans } = this.list;
    if (at >= numbers.length) return false;
    const node = this.elements[numbers[at]!]!;
    const where = wheres[at]!;
    this.node = node;
    this.where = where === TEXT ? 'text' : where;
    this.value = where === TEXT ? rawText(node) : node.attributes[where]!;
    this.scan = scans[at]!;
    return true;
  }

  /** Each site left as a record of its own. */
  *[Symbol.iterator](): Generator<ReadSite, void, undefined> {
    while (this.next()) yield { node: this.node, where: this.where, value: this.value, scan: this.scan };
  }
}

/**
 * Every attribute value (except `name`) and every text of the plan that holds a `$`, in
 * document order. Each rule that reads sites looks for `${…}` or `$call.x`, so a string without
 * `$` is never a site: most of a big plan's strings take no room. Five rules walk them six
 * times, so the first walk lists them, in one pass over every attribute of every element,
 * and the others read the list. It is kept for the run, so it is compact: per site the
 * element's number, the attribute's name (one string for all its sites) and the scan (the
 * run's scan cache holds it already), 20 bytes, about 0.4 MB for the 3 MB bench plan's 19,056
 * sites; the value is read again from the element, which is cheap. A record per site (64
 * bytes with its slot, 8 MB for a 20 MB plan) raised the peak RSS of that plan's lint by 5-9 MB;
 * a generator walking the elements for each rule, as before, made a site and an iterator result
 * per site and walk.
 */
export function readSites(ctx: RuleContext): SiteWalk {
  let list = lists.get(ctx);
  if (!list) lists.set(ctx, (list = listSites(ctx)));
  return new SiteWalk(ctx.elements, list);
}

function listSites(ctx: RuleContext): SiteList {
  const { elements } = ctx;
  let numbers = new Int32Array(1024);
  const wheres: string[] = [];
  const scans: VariableScan[] = [];
  const add = (number: number, where: string, value: string): void => {
    const n = wheres.length;
    if (n === numbers.length) {
      const more = new Int32Array(n * 2);
      more.set(numbers);
      numbers = more;
    }
    numbers[n] = number;
    wheres.push(where);
    scans.push(ctx.variableScan(value));
  };
  for (let i = 0; i < elements.length; i++) {
    const node = elements[i]!;
    const attributes = node.attributes;
    for (const k in attributes) {
      if (k === 'name') continue;
      const value = attributes[k]!;
      if (value.includes('$')) add(i, k, value);
    }
    // the text is joined only when one of its pieces holds a `$` (the blanks between child tags never do)
    const children = node.children;
    for (let c = 0; c < children.length; c++) {
      const child = children[c]!;
      if (child.kind === '#text' && child.text.includes('$')) {
        add(i, TEXT, rawText(node));
        break;
      }
    }
  }
  return { numbers: numbers.slice(0, wheres.length), wheres, scans };
}
