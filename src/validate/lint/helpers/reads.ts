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

/**
 * Every attribute value (except `name`) and every text of the plan that holds a `$`, in
 * document order. Each rule that reads sites looks for `${…}` or `$call.x`, so a string without
 * `$` is never a site: most of a big plan's strings take no room. The sites are walked again
 * for each rule rather than kept for the run: five rules from `undefined-variable` to the last
 * one read them, and a list of a 20 MB plan's sites (and the scans they held) lived through
 * all of them, old-space memory at the run's peak; a walk is cheap, and each site dies young.
 */
export function* readSites(ctx: RuleContext): Generator<ReadSite, void, undefined> {
  const { elements } = ctx;
  for (let i = 0; i < elements.length; i++) {
    const node = elements[i]!;
    for (const k in node.attributes) {
      if (k === 'name') continue;
      const value = node.attributes[k]!;
      if (value.includes('$')) yield { node, where: k, value, scan: ctx.variableScan(value) };
    }
    // the text is joined only when one of its pieces holds a `$` (the blanks between child tags never do)
    const children = node.children;
    for (let c = 0; c < children.length; c++) {
      const child = children[c]!;
      if (child.kind === '#text' && child.text.includes('$')) {
        const value = rawText(node);
        yield { node, where: 'text', value, scan: ctx.variableScan(value) };
        break;
      }
    }
  }
}
