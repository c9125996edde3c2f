/**
 * Where a plan reads variables: every attribute value and the text of every leaf tag.
 *
 * @module
 */
import type { AnyElement } from '../../../ast/nodes.js';
import { rawText } from '../../../ast/nodes.js';
import type { FindingAt, RuleContext, Slice } from '../types.js';

/** One string of the plan that may hold `${…}` references. */
export interface ReadSite {
  readonly node: AnyElement;
  /** `text` for the tag's content, else the attribute name. */
  readonly where: string;
  readonly value: string;
}

/** Where a read site is, for a finding's range: its attribute or its text, narrowed to `within`. */
export function siteAt(site: ReadSite, within?: Slice): FindingAt {
  const base = site.where === 'text' ? { text: true as const } : { attribute: site.where };
  return within ? { ...base, within } : base;
}

const cache = new WeakMap<RuleContext, readonly ReadSite[]>();

/** Every attribute value (except `name`) and every non-blank text of the plan, in document order (computed once per lint run). */
export function readSites(ctx: RuleContext): readonly ReadSite[] {
  let sites = cache.get(ctx);
  if (!sites) {
    const out: ReadSite[] = [];
    for (const { node } of ctx.elements) {
      for (const k in node.attributes) if (k !== 'name') out.push({ node, where: k, value: node.attributes[k]! });
      const t = rawText(node);
      if (t.trim() !== '') out.push({ node, where: 'text', value: t });
    }
    cache.set(ctx, (sites = out));
  }
  return sites;
}
