import { isSoundId } from '../../../language/values.js';
import type { Rule } from '../types.js';

interface Params {
  readonly value: string;
}

/** `<play type="callfireid">` whose value is not a number. */
export const invalidSoundId: Rule<Params> = {
  name: 'invalid-sound-id',
  severity: 'error',
  description: 'A `<play type="callfireid">` value is not a numeric CallFire sound id (or a variable).',
  docs: {
    details:
      '"If the type attribute is callfireid, the value must be of type Long representing the CallFire Sound ID" ' +
      '(HELP-play). A name or a URL there cannot be played; use `type="url"` for URLs.',
    bad: '<play type="callfireid">welcome.wav</play>',
    good: '<play type="callfireid">123456</play>',
  },
  message: ({ value }) => `<play type="callfireid"> "${value}" is not a numeric CallFire sound id.`,
  check(ctx, report) {
    for (const node of ctx.ofTag('play')) {
      if (ctx.attr(node, 'type')?.trim() !== 'callfireid') continue;
      const v = ctx.text(node);
      if (v !== '' && !isSoundId(v)) report(node, { value: v }, { at: { text: true } });
    }
  },
};
