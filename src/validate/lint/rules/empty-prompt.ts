import { elementName } from '../../../ast/nodes.js';
import { elementsOf } from '../helpers/tagged.js';
import type { Rule } from '../types.js';

/** The tags with something to say: play's and sms's content, transfer's whisper-tts. */
const TAGS = ['play', 'sms', 'transfer'];

interface Params {
  readonly tag: string;
  readonly where: string;
  readonly markupOnly: boolean;
}

/** Strips VTML tags, to see whether any words are left. */
function spokenText(s: string): string {
  return s.replace(/<\/?vtml_[^>]*>/gi, '').trim();
}

/** Prompts and messages with nothing to say. */
export const emptyPrompt: Rule<Params> = {
  name: 'empty-prompt',
  severity: 'warning',
  description: 'A `<play>`, `<sms>` or `whisper-tts` has no text (or only VTML markup), so nothing is said.',
  docs: {
    details:
      'A TTS prompt must contain the text to read (DEV-play); an empty one plays silence, and a menu built on it ' +
      'waits for input nobody asked for. The same holds for an `<sms>` body and a transfer\'s `whisper-tts`. TTS ' +
      'text made only of VTML tags (`<vtml_speed value="60"></vtml_speed>`) counts as empty.',
    bad: '<play type="tts">   </play>',
    good: '<play type="tts">Thank you for calling.</play>',
  },
  message: ({ tag, where, markupOnly }) =>
    `${where === 'text' ? `<${tag}>` : `<${tag} ${where}>`} ${markupOnly ? 'holds only VTML markup' : 'is empty'}: nothing is said.`,
  check(ctx, report) {
    // an index, not for...of: this runs once per lint, mostly before it is optimised, where each step of an iterator is an object
    const nodes = elementsOf(ctx, TAGS);
    for (let n = 0; n < nodes.length; n++) {
      const node = nodes[n]!;
      const tag = elementName(node);
      if (tag === 'play' || tag === 'sms') {
        const text = ctx.text(node);
        const tts = (ctx.attr(node, 'type')?.trim() ?? 'tts') === 'tts';
        if (text === '') report(node, { tag, where: 'text', markupOnly: false }, { at: { text: true } });
        else if (tts && tag === 'play' && spokenText(text) === '') report(node, { tag, where: 'text', markupOnly: true }, { at: { text: true } });
      } else if (tag === 'transfer') {
        const w = ctx.attr(node, 'whisper-tts');
        if (w !== undefined && spokenText(w) === '') report(node, { tag, where: 'whisper-tts', markupOnly: w.trim() !== '' }, { at: { attribute: 'whisper-tts' } });
      }
    }
  },
};
