import { elementChildren, elementName, isElement } from '../../../ast/nodes.js';
import type { Rule } from '../types.js';

/** A menu with keypresses but neither a default nor a timeout one. */
interface Params {
  /** The `pressed` values of the menu's keypresses, as written. */
  readonly pressed: readonly string[];
}

export const menuWithoutFallback: Rule<Params> = {
  name: 'menu-without-fallback',
  severity: 'warning',
  description: 'A `<menu>` whose keypresses all jump away has no `default` or `timeout` keypress, so wrong or missing input silently falls through.',
  docs: {
    details:
      'When the input matches no keypress, or the caller presses nothing, the menu falls through to the next tag ' +
      '(the CallFire samples rely on it). A `pressed="default"` (and `pressed="timeout"`) keypress that replays the prompt or says "invalid ' +
      'entry" is what the CallFire samples do. Surveys often rely on falling through to the next question on ' +
      'purpose, so the rule only reports menus whose every keypress ends by leaving (`goto`, `hangup`, `transfer`): ' +
      'there the author routed every choice explicitly and the fall-through path was most likely forgotten. Menus ' +
      'without any keypress are left to `menu-without-keypress`.',
    bad: '<menu maxDigits="1" timeout="5">\n  <play type="tts">Press 1 for sales.</play>\n  <keypress pressed="1"><goto>sales</goto></keypress>\n</menu>',
    good: '<menu name="main" maxDigits="1" timeout="5">\n  <play type="tts">Press 1 for sales.</play>\n  <keypress pressed="1"><goto>sales</goto></keypress>\n  <keypress pressed="default"><goto>main</goto></keypress>\n</menu>',
  },
  message: () => '<menu> has no default or timeout keypress: invalid or missing input falls through to the next tag.',
  check(ctx, report) {
    for (const node of ctx.ofTag('menu')) {
      // most menus have a fallback: they are answered without listing their keypresses
      let keys = 0;
      let fallback = false;
      const children = node.children;
      for (let c = 0; c < children.length && !fallback; c++) {
        const k = children[c]!;
        if (!isElement(k) || elementName(k) !== 'keypress') continue;
        keys++;
        const kind = ctx.keyPattern(ctx.attr(k, 'pressed') ?? '').kind;
        fallback = kind === 'default' || kind === 'timeout';
      }
      if (keys === 0 || fallback) continue;
      const presses = elementChildren(node).filter((c) => elementName(c) === 'keypress');
      const leaves = presses.every((k) => {
        const last = elementChildren(k).at(-1);
        const tag = last ? elementName(last) : '';
        return tag === 'goto' || tag === 'hangup' || tag === 'transfer';
      });
      if (leaves) report(node, { pressed: presses.map((k) => ctx.attr(k, 'pressed')?.trim() ?? '') });
    }
  },
};
