import { elementName } from '../../../ast/nodes.js';
import { elementsOf } from '../helpers/tagged.js';
import type { Rule } from '../types.js';

/** The tags with TTS text: play's content, transfer's whisper-tts. */
const TAGS = ['play', 'transfer'];

interface Params {
  readonly where: string;
  readonly problem: 'not-vtml' | 'stray-lt' | 'unclosed-vtml' | 'unopened-vtml' | 'escaped-entity';
  readonly excerpt: string;
}

const NO_PROBLEMS: ReadonlyArray<Pick<Params, 'problem' | 'excerpt'>> = Object.freeze([]);

/** Finds markup problems in TTS text (already entity-decoded, as the TTS engine receives it). */
export function ttsProblems(text: string): ReadonlyArray<Pick<Params, 'problem' | 'excerpt'>> {
  // every problem starts at a `<` or an `&`: most prompts hold neither and share one empty answer
  if (!text.includes('<') && !text.includes('&')) return NO_PROBLEMS;
  const out: Array<Pick<Params, 'problem' | 'excerpt'>> = [];
  const open: string[] = [];
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)([^<>]*?)(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    const between = text.slice(last, m.index);
    if (between.includes('<')) out.push({ problem: 'stray-lt', excerpt: excerptAt(text, last + between.indexOf('<')) });
    last = m.index + m[0].length;
    const name = m[2]!;
    if (!/^vtml_/i.test(name)) {
      out.push({ problem: 'not-vtml', excerpt: m[0] });
      continue;
    }
    if (m[4] === '/') continue;
    if (m[1] === '/') {
      const i = open.lastIndexOf(name.toLowerCase());
      if (i < 0) out.push({ problem: 'unopened-vtml', excerpt: m[0] });
      else open.splice(i, 1);
    } else {
      open.push(name.toLowerCase());
    }
  }
  const rest = text.slice(last);
  if (rest.includes('<')) out.push({ problem: 'stray-lt', excerpt: excerptAt(text, last + rest.indexOf('<')) });
  for (const name of open) out.push({ problem: 'unclosed-vtml', excerpt: `<${name}>` });
  for (const m of text.matchAll(/&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g)) out.push({ problem: 'escaped-entity', excerpt: m[0] });
  return out;
}

function excerptAt(text: string, at: number): string {
  return text.slice(Math.max(0, at - 8), at + 12).replace(/\s+/g, ' ').trim();
}

const WORDING: Record<Params['problem'], string> = {
  'not-vtml': 'is markup the TTS engine does not know (only VTML tags such as <vtml_speed> are understood)',
  'stray-lt': 'contains a "<" that starts no VTML tag; the TTS engine may reject or mangle the text',
  'unclosed-vtml': 'opens a VTML tag that is never closed',
  'unopened-vtml': 'closes a VTML tag that was never opened',
  'escaped-entity': 'is escaped twice: the caller hears the entity name spelled out',
};

/** Raw `<`, non-VTML markup, unbalanced VTML and double-escaped entities in TTS text. */
export const ttsMarkup: Rule<Params> = {
  name: 'tts-markup',
  severity: 'warning',
  description: 'TTS text holds markup that is not VTML, a stray `<`, unbalanced VTML tags or a double-escaped entity.',
  docs: {
    details:
      'TTS text may carry VTML, written entity-encoded in the XML (`&lt;vtml_speed value="60"&gt;…&lt;/vtml_speed&gt;`, ' +
      'DEV-play). After XML decoding, the TTS engine reads VTML tags; any other `<…>` tag (HTML, SSML), a lone `<`, a ' +
      'VTML tag left open, or an entity escaped twice (`&amp;amp;` reaches the engine as `&amp;`, read out as ' +
      '"amp") is reported. Checked in `<play type="tts">` and `whisper-tts`.',
    bad: '<play type="tts">Press 1 &lt;b&gt;now&lt;/b&gt; &amp;amp; save.</play>',
    good: '<play type="tts">&lt;vtml_speed value="80"&gt;Press 1 now and save.&lt;/vtml_speed&gt;</play>',
  },
  message: ({ where, problem, excerpt }) =>
    `${where === 'whisper-tts' ? 'whisper-tts' : 'TTS text'} "${excerpt}" ${WORDING[problem]}.`,
  check(ctx, report) {
    // an index, not for...of: this runs once per lint, mostly before it is optimised, where each step of an iterator is an object
    const nodes = elementsOf(ctx, TAGS);
    for (let n = 0; n < nodes.length; n++) {
      const node = nodes[n]!;
      const tag = elementName(node);
      if (tag === 'play' && (ctx.attr(node, 'type')?.trim() ?? 'tts') === 'tts') {
        for (const p of ttsProblems(ctx.text(node))) report(node, { where: 'text', ...p }, { at: { text: true } });
      } else if (tag === 'transfer') {
        const w = ctx.attr(node, 'whisper-tts');
        if (w !== undefined) for (const p of ttsProblems(w)) report(node, { where: 'whisper-tts', ...p }, { at: { attribute: 'whisper-tts' } });
      }
    }
  },
};
