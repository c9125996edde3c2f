import type { Rule } from '../types.js';

/** `transfer screen="true"` without `whisper-tts`. */
interface Params {
  /** `whisper-tts` as written (blank), or undefined when absent. */
  readonly whisperTts: string | undefined;
}

export const screenWithoutWhisper: Rule<Params> = {
  name: 'screen-without-whisper',
  severity: 'warning',
  description: 'A `<transfer screen="true">` has no `whisper-tts` telling the called party how to accept.',
  docs: {
    details:
      'Call screening asks the called party to accept the call before it is connected. The only code that uses it ' +
      '(a third-party CallFire client) refuses `screen` without `whisper-tts`: "If you want to screen calls, you ' +
      'must set the whisper tts", which should say how to accept ("Press 1 to accept").',
    bad: '<transfer screen="true">2135551212</transfer>',
    good: '<transfer screen="true" whisper-tts="Call from the hotline. Press 1 to accept.">2135551212</transfer>',
  },
  message: () => '<transfer screen="true"> has no whisper-tts: the called party is not told how to accept the call.',
  check(ctx, report) {
    for (const node of ctx.ofTag('transfer')) {
      if (!ctx.boolAttr(node, 'screen')) continue;
      if ((ctx.attr(node, 'whisper-tts') ?? '').trim() === '') report(node, { whisperTts: ctx.attr(node, 'whisper-tts') }, { at: { attribute: 'screen' } });
    }
  },
};
