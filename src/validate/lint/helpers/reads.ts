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

const withSites = new WeakMap<RuleContext, Int32Array>();

/**
 * Every attribute value (except `name`) and every text of the plan that holds a `$`, in
 * document order. Each rule that reads sites looks for `${…}` or `$call.x`, so a string without
 * `$` is never a site: most of a big plan's strings take no room. The sites are walked again
 * for each rule rather than kept for the run: five rules from `undefined-variable` to the last
 * one read them, and a list of a 20 MB plan's sites (and the scans they held) lived through
 * all of them, old-space memory at the run's peak. What is kept is the numbers of the
 * elements that have a site, noted by the first walk that reaches the end (four bytes per such
 * element): the later walks visit those alone (a few in ten of a plan's elements) instead of
 * every attribute of every element once per rule, and each site dies young.
 */
export function* readSites(ctx: RuleContext): Generator<ReadSite, void, undefined> {
  const { elements } = ctx;
  const known = withSites.get(ctx);
  const found: number[] | undefined = known ? undefined : [];
  const count = known ? known.length : elements.length;
  for (let i = 0; i < count; i++) {
    const number = known ? known[i]! : i;
    const node = elements[number]!;
    let sites = 0;
    for (const k in node.attributes) {
      if (k === 'name') continue;
      const value = node.attributes[k]!;
      if (value.includes('$')) {
        sites++;
        yield { node, where: k, value, scan: ctx.variableScan(value) };
      }
    }
    // the text is joined only when one of its pieces holds a `$` (the blanks between child tags never do)
    const children = node.children;
    for (let c = 0; c < children.length; c++) {
      const child = children[c]!;
      if (child.kind === '#text' && child.text.includes('$')) {
        const value = rawText(node);
        sites++;
        yield { node, where: 'text', value, scan: ctx.variableScan(value) };
        break;
      }
    }
    if (found && sites > 0) found.push(number);
  }
  if (found) withSites.set(ctx, Int32Array.from(found));
}
