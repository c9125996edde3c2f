import { hasChild } from '../helpers/tagged.js';
import type { Rule } from '../types.js';

/** A menu with no keypress. */
interface Params {
  /** The menu's `name`, when it has one. */
  readonly menu: string | undefined;
}

export const menuWithoutKeypress: Rule<Params> = {
  name: 'menu-without-keypress',
  severity: 'warning',
  description: 'A `<menu>` has no `<keypress>`, so the caller\'s input is collected and ignored.',
  docs: {
    details:
      '"The menu tag requires at least one `<play>` tag and one `<keypress>` tag" (NODE-menu). A menu without a ' +
      'keypress plays its prompts, waits for input and always falls through (one CallFire API sample does this). ' +
      'Use plain `<play>` tags when no input is wanted.',
    bad: '<menu name="tickets">\n  <play type="tts">Connecting you.</play>\n  <transfer>2135551212</transfer>\n</menu>',
    good: '<play type="tts">Connecting you.</play>\n<transfer>2135551212</transfer>',
  },
  message: () => '<menu> has no <keypress>: the caller\'s input is never used.',
  check(ctx, report) {
    for (const node of ctx.ofTag('menu')) {
      if (!hasChild(node, 'keypress')) report(node, { menu: ctx.attr(node, 'name')?.trim() });
    }
  },
};
