/**
 * Where a plan reads variables: every attribute value and the text of every leaf tag.
 *
 * @module
 */
import type { AnyElement } from '../../../ast/nodes.js';
import { rawText } from '../../../ast/nodes.js';
import type { RuleContext } from '../types.js';

/** One string of the plan that may hold `${…}` references. */
export interface ReadSite {
  readonly node: AnyElement;
  /** `text` for the tag's content, else the attribute name. */
  readonly where: string;
  readonly value: string;
}

/** Every attribute value (except `name`) and every non-blank text of the plan, in document order. */
export function* readSites(ctx: RuleContext): Generator<ReadSite> {
  for (const { node } of ctx.elements) {
    for (const [k, v] of Object.entries(node.attributes)) if (k !== 'name') yield { node, where: k, value: v };
    const t = rawText(node);
    if (t.trim() !== '') yield { node, where: 'text', value: t };
  }
}
