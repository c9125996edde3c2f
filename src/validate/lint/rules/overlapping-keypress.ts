import type { AnyElement } from '../../../ast/nodes.js';
import { elementChildren, elementName } from '../../../ast/nodes.js';
import { covers, formatKeyPattern, type PressedPattern } from '../../../language/key-pattern.js';
import type { Rule } from '../types.js';

interface Params {
  readonly pressed: string;
  readonly earlier: string;
  readonly earlierLine: number | undefined;
  readonly same: boolean;
}

/** A keypress an earlier one in the same menu already catches entirely. */
export const overlappingKeypress: Rule<Params> = {
  name: 'overlapping-keypress',
  severity: 'warning',
  description: 'A keypress can never fire because an earlier keypress in the same menu already catches all its input.',
  docs: {
    details:
      'The first keypress whose `pressed` matches the input runs. A later keypress with the same pattern ' +
      '(`default` twice, `Timeout` and `timeout`) or inside an earlier range (`1-5` then `3`, or `1-5` then ' +
      '`2-4`) is dead. Ranges compare as numbers written without leading zeros, the way the simulator matches ' +
      'input: `1-5` does not take `03`, so a later `pressed="03"` is reachable. CallFire\'s own sample SimpleTransfer2 has two ' +
      '`pressed="default"` keypresses where the prompt promises 1 for sales and 2 for support.',
    bad: '<menu maxDigits="1">\n  <play type="tts">Press 1 to 5.</play>\n  <keypress pressed="1-5"><goto>agent</goto></keypress>\n  <keypress pressed="3"><goto>billing</goto></keypress>\n</menu>',
    good: '<menu maxDigits="1">\n  <play type="tts">Press 1 to 5.</play>\n  <keypress pressed="3"><goto>billing</goto></keypress>\n  <keypress pressed="1-5"><goto>agent</goto></keypress>\n</menu>',
  },
  message: ({ pressed, earlier, earlierLine, same }) =>
    `keypress pressed="${pressed}" never fires: ${same ? 'the same pattern' : `"${earlier}"`} is already handled by an earlier keypress${earlierLine !== undefined ? ` (line ${earlierLine})` : ''}.`,
  check(ctx, report) {
    for (const { node } of ctx.elements) {
      if (elementName(node) !== 'menu') continue;
      const seen: Array<{ node: AnyElement; raw: string; pattern: PressedPattern }> = [];
      for (const k of elementChildren(node)) {
        if (elementName(k) !== 'keypress') continue;
        const raw = ctx.attr(k, 'pressed')?.trim() ?? '';
        const pattern = ctx.keyPattern(raw);
        const hit = seen.find((s) => covers(s.pattern, pattern));
        if (hit) {
          report(k, { pressed: raw, earlier: hit.raw, earlierLine: hit.node.loc?.line, same: formatKeyPattern(hit.pattern).toLowerCase() === formatKeyPattern(pattern).toLowerCase() }, { at: { attribute: 'pressed' } });
        } else {
          seen.push({ node: k, raw, pattern });
        }
      }
    }
  },
};
