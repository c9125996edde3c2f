import type { AnyElement } from '../../../ast/nodes.js';
import { elementName, isElement } from '../../../ast/nodes.js';
import type { Rule, RuleContext } from '../types.js';

interface Params {
  readonly tag: string;
  readonly after: 'hangup' | 'goto' | 'transfer';
  readonly afterLine: number | undefined;
}

const BRANCHES = new Set(['keypress', 'else']);

/** Why execution never continues past `node` in its block, if it never does. */
function stops(ctx: RuleContext, node: AnyElement): Params['after'] | undefined {
  const tag = elementName(node);
  if (tag === 'hangup' || tag === 'goto') return tag;
  // a transfer returns to the plan when it is not answered within `timeout` (DEV-transfer),
  // and after the bridged call with continue-after="true"
  if (tag === 'transfer' && !ctx.boolAttr(node, 'continue-after') && ctx.attr(node, 'timeout') === undefined) return tag;
  return undefined;
}

/**
 * The tags a goto or catch can land on or inside, in one pass from the last element up (each
 * marks its parent), so a tag's subtree is never searched again for each block it is in.
 */
function targetedTags(ctx: RuleContext): Set<AnyElement> {
  const out = new Set<AnyElement>();
  const { index } = ctx;
  for (let i = ctx.elements.length - 1; i >= 0; i--) {
    const node = ctx.elements[i]!;
    const name = ctx.attr(node, 'name')?.trim();
    if (!out.has(node) && !(name && ctx.isGotoTarget(name))) continue;
    out.add(node);
    const parent = index.parentNumber(i);
    if (parent >= 0) out.add(ctx.elements[parent]!);
  }
  return out;
}

/** Tags after hangup, goto or a final transfer in the same block. */
export const unreachableCode: Rule<Params> = {
  name: 'unreachable-code',
  severity: 'warning',
  description: 'A tag follows a `hangup`, a `goto` or a final `transfer` in the same block, so it never runs.',
  docs: {
    details:
      'Tags in a block run top to bottom. After `<hangup/>` the call is over; after `<goto>` execution goes on at ' +
      'the target; after a `<transfer>` the caller is bridged away, unless it has `continue-after="true"` or a ' +
      '`timeout` (an unanswered transfer returns to the plan, DEV-transfer); a `<hangup/>` right after a transfer ' +
      'is the samples\' way to end the call when nobody answers and is not reported, nor is a `<catch type="hangup">` ' +
      'after a hangup. The first tag after such a tag is ' +
      'reported, unless a goto or catch targets it (or a tag inside it): a named tag can still be reached by a jump.',
    bad: '<keypress pressed="1">\n  <hangup/>\n  <play type="tts">Goodbye.</play>\n</keypress>',
    good: '<keypress pressed="1">\n  <play type="tts">Goodbye.</play>\n  <hangup/>\n</keypress>',
  },
  message: ({ tag, after, afterLine }) =>
    `<${tag}> never runs: it follows <${after}>${afterLine !== undefined ? ` (line ${afterLine})` : ''} in the same block and no goto targets it.`,
  check(ctx, report) {
    let targeted: Set<AnyElement> | undefined;
    const { elements } = ctx;
    for (let i = 0; i < elements.length; i++) {
      const node = elements[i]!;
      // only a block with two tags can hold one after a stop
      if (node.children.length < 2) continue;
      // the tags of the block in sequence (branches left out), each with the one before it:
      // the first that stops with a tag after it decides (no list of the children is made)
      const children = node.children;
      let previous: AnyElement | undefined;
      for (let c = 0; c < children.length; c++) {
        const next = children[c]!;
        if (!isElement(next) || BRANCHES.has(elementName(next))) continue;
        const before = previous;
        previous = next;
        if (before === undefined) continue;
        const after = stops(ctx, before);
        if (!after) continue;
        // <transfer/><hangup/> is how CallFire's samples end the call when nobody answers: not dead code
        if (after === 'transfer' && elementName(next) === 'hangup') break;
        // a hangup handler placed after the hangup still runs: the call ends through it
        if (after === 'hangup' && elementName(next) === 'catch' && ctx.attr(next, 'type')?.trim() === 'hangup') break;
        if (!(targeted ??= targetedTags(ctx)).has(next)) report(next, { tag: elementName(next), after, afterLine: before.loc?.line });
        break;
      }
    }
  },
};
