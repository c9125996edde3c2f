import { elementName, isElement } from '../../../ast/nodes.js';
import { shortestInput } from '../../../language/key-pattern.js';
import type { Rule } from '../types.js';

interface Params {
  readonly pressed: string;
  readonly length: number;
  readonly maxDigits: number;
}

/** A pattern longer than the menu's maxDigits. */
export const keypressExceedsMaxDigits: Rule<Params> = {
  name: 'keypress-exceeds-max-digits',
  severity: 'error',
  description: 'A keypress pattern needs more digits than the menu\'s `maxDigits` lets the caller enter.',
  docs: {
    details:
      'A menu stops collecting input after `maxDigits` digits, so a keypress whose pattern is longer (`pressed="10"` ' +
      'with `maxDigits="1"`, or a range whose low end already has more digits) can never match; a range that ' +
      'still takes some short enough numbers (`5-15` with `maxDigits="1"`) is not reported. Menus without ' +
      '`maxDigits` are not checked: CallFire documents no default.',
    bad: '<menu maxDigits="1">\n  <play type="tts">Enter your extension.</play>\n  <keypress pressed="100-199"><goto>ext</goto></keypress>\n</menu>',
    good: '<menu maxDigits="3">\n  <play type="tts">Enter your extension.</play>\n  <keypress pressed="100-199"><goto>ext</goto></keypress>\n</menu>',
  },
  message: ({ pressed, length, maxDigits }) =>
    `keypress pressed="${pressed}" needs ${length} digits but the menu's maxDigits is ${maxDigits}; it can never match.`,
  check(ctx, report) {
    // the fewest digits each distinct pattern takes: menus repeat the same few (1, 2, default)
    const shortest = new Map<string, number>();
    for (const node of ctx.ofTag('menu')) {
      const maxDigits = ctx.intAttr(node, 'maxDigits');
      if (maxDigits === undefined || maxDigits < 1) continue;
      const children = node.children;
      for (let c = 0; c < children.length; c++) {
        const k = children[c]!;
        if (!isElement(k) || elementName(k) !== 'keypress') continue;
        const pressed = ctx.attr(k, 'pressed')?.trim() ?? '';
        let length = shortest.get(pressed);
        if (length === undefined) shortest.set(pressed, (length = shortestInput(ctx.keyPattern(pressed))));
        if (length > maxDigits) report(k, { pressed, length, maxDigits }, { at: { attribute: 'pressed' } });
      }
    }
  },
};
