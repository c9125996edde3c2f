import { hasChild } from '../helpers/tagged.js';
import type { Rule } from '../types.js';

/** A menu with no play. */
interface Params {
  /** The menu's `name`, when it has one. */
  readonly menu: string | undefined;
}

export const menuWithoutPrompt: Rule<Params> = {
  name: 'menu-without-prompt',
  severity: 'warning',
  description: 'A `<menu>` has no `<play>`, so the caller is never told what to press.',
  docs: {
    details:
      '"The menu tag requires at least one `<play>` tag and one `<keypress>` tag" (NODE-menu). Without a prompt the ' +
      'menu waits in silence.',
    bad: '<menu maxDigits="1" timeout="5">\n  <keypress pressed="1"><hangup/></keypress>\n</menu>',
    good: '<menu maxDigits="1" timeout="5">\n  <play type="tts">Press 1 to hang up.</play>\n  <keypress pressed="1"><hangup/></keypress>\n</menu>',
  },
  message: () => '<menu> has no <play>: the caller hears no prompt.',
  check(ctx, report) {
    for (const node of ctx.ofTag('menu')) {
      if (!hasChild(node, 'play')) report(node, { menu: ctx.attr(node, 'name')?.trim() });
    }
  },
};
