import { compareDigits } from '../../../language/key-pattern.js';
import type { Rule } from '../types.js';

interface Params {
  readonly pressed: string;
}

/** `pressed="5-1"`: a range whose low end is above its high end. */
export const invalidKeyRange: Rule<Params> = {
  name: 'invalid-key-range',
  severity: 'error',
  description: 'A keypress range `A-B` has its low end above its high end, so it matches nothing.',
  docs: {
    details:
      'Ranges in `pressed` are inclusive and numeric (`300-315` catches the extensions 300 to 315). A range written ' +
      'backwards matches no input.',
    bad: '<keypress pressed="9-1"><goto>agent</goto></keypress>',
    good: '<keypress pressed="1-9"><goto>agent</goto></keypress>',
  },
  message: ({ pressed }) => `keypress pressed="${pressed}" is an empty range: its low end is above its high end.`,
  check(ctx, report) {
    // an index, not for...of: this runs once per lint, mostly before it is optimised, where each step of an iterator is an object
    const nodes = ctx.ofTag('keypress');
    for (let n = 0; n < nodes.length; n++) {
      const node = nodes[n]!;
      const pressed = ctx.attr(node, 'pressed')?.trim() ?? '';
      const p = ctx.keyPattern(pressed);
      if (p.kind === 'range' && compareDigits(p.low, p.high) > 0) report(node, { pressed }, { at: { attribute: 'pressed' } });
    }
  },
};
