/**
 * The fast reader behind `parse()`: one pass over the character codes of a well-formed
 * dialplan, feeding the same tree builder as the saxes reader (`saxes-read.ts`), so both make
 * the same tree with the same positions.
 *
 * It takes on only what it can check completely: the XML declaration of version 1.0 at the
 * very start, elements and attributes with ASCII names, the five predefined entities and
 * character references, comments, CDATA sections, CRLF line ends. At anything else (a
 * processing instruction, a DOCTYPE, a non-ASCII name) and at the first sign of a problem (a
 * character XML does not allow, a raw `&` or `<`, a mismatched end tag, a refusal of the
 * builder) it gives up and `parse()` reads the text again with saxes, which finds the error
 * and words it exactly as before. A property test (test/parse/fast-read.test.ts) holds the two
 * readers to the same trees, positions and errors on random documents.
 *
 * saxes checks every character against XML's grammar through a state machine, with an event
 * and a few objects per tag; reading the common case directly is several times faster.
 *
 * @module
 */
import type { Diagnostic } from '../ast/diagnostic.js';
import type { DocumentNode } from '../ast/nodes.js';
import { LIMITS } from '../ast/limits.js';
import { MAX_KEPT, MAX_SHARED, Refused, TreeBuilder, type SeenTag } from './tree-builder.js';

/** What a plain object inherits: an attribute of one of these names is left to saxes. */
const INHERITED: Readonly<Record<string, unknown>> = {};
/** The most attributes a tag may have (docs/limits.md). */
const MAX_ATTRIBUTES = LIMITS.attributes;

/** Any character XML 1.0 does not allow in a document (a lone surrogate among them). */
const DISALLOWED = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** The first code unit of the range {@link wideLength} checks: surrogates and above. */
const WIDE = 0xd800;

/**
 * How many code units the character at `i` of `xml` takes, its first unit `c` being at least
 * {@link WIDE}: 2 for a surrogate pair, 1 from U+E000 to U+FFFD. Gives up at what XML does not
 * allow there (a lone surrogate, U+FFFE, U+FFFF), as at any other disallowed character.
 */
function wideLength(xml: string, i: number, c: number): number {
  if (c <= 0xdbff) {
    const low = xml.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return 2;
    return give();
  }
  return c >= 0xe000 && c <= 0xfffd ? 1 : give();
}

/** The XML declaration saxes accepts for XML 1.0, as a sticky match at the start of the text. */
const XML_DECL =
  /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.0\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\3)?[ \t\r\n]*\?>/y;

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const BANG = 0x21;
const DQUOTE = 0x22;
const AMP = 0x26;
const SQUOTE = 0x27;
const SLASH = 0x2f;
const SEMICOLON = 0x3b;
const LT = 0x3c;
const EQ = 0x3d;
const GT = 0x3e;
const QUESTION = 0x3f;
const RBRACKET = 0x5d;

/** The class of each ASCII character: bit 1 a name may start with it, bit 2 continue with it, bit 4 it is white space. */
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const start = ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x5f /* _ */ || c === 0x3a; /* : */
  const name = start || (c >= 0x30 && c <= 0x39) || c === 0x2d /* - */ || c === 0x2e; /* . */
  CLASS[c] = (start ? 1 : 0) | (name ? 2 : 0) | (c === SPACE || c === LF || c === TAB || c === CR ? 4 : 0);
}

/** ASCII white space (the only white space XML knows). Non-ASCII code units are none of these (NaN past the end neither). */
const isSpace = (c: number): boolean => c < 128 && (CLASS[c]! & 4) !== 0;

/** ASCII letters, `_` and `:`: the ASCII characters a name may start with. */
const isNameStart = (c: number): boolean => c < 128 && (CLASS[c]! & 1) !== 0;

/** ASCII characters a name may continue with. */
const isNameChar = (c: number): boolean => c < 128 && (CLASS[c]! & 2) !== 0;

/** Whether a character reference's code point is a character XML 1.0 allows. */
const isXmlChar = (c: number): boolean =>
  c === TAB || c === LF || c === CR || (c >= SPACE && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

/** The reader gave up: `parse()` reads the text with saxes instead. */
class GiveUp extends Error {}
const GIVE_UP = new GiveUp();

const give = (): never => {
  throw GIVE_UP;
};

/** Line ends as XML reads them: CRLF and a lone CR are one LF. */
const normalizeLineEnds = (s: string): string => (s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s);

/** The longest name, value or text {@link SlicePool} keeps: the longest the tree builder shares. */
const MAX_POOLED = MAX_SHARED;
/** The most strings a {@link SlicePool} keeps: as many as the tree builder shares. */
const POOL_MAX = MAX_KEPT;
/** Slots of a new {@link SlicePool}: a power of two, doubled as it fills (a small plan needs few). */
const POOL_FIRST_SLOTS = 64;

/** One step of the hash {@link SlicePool} files strings under (FNV-1a over UTF-16 code units). */
const hashStep = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193);
const HASH_START = 0x811c9dc5 | 0;

/** The hash {@link SlicePool} files `s` under: the one the scanner computes over the characters of `s`. */
function hashOf(s: string): number {
  let h = HASH_START;
  for (let k = 0; k < s.length; k++) h = hashStep(h, s.charCodeAt(k));
  return h;
}

/**
 * Short pieces of the text read before (tag and attribute names, attribute values, texts),
 * found again by where they were written, without cutting a new string out of the text: a plan
 * writes `<keypress pressed="1">`, `type="tts"` or `<goto>` thousands of times, and each slice
 * was a new string for the garbage collector, hashed anew by the tree builder's maps. A table
 * of open addressing by a hash the scanner computes as it reads the characters anyway, kept at
 * most half full; a candidate is compared with the text before it is taken.
 */
class SlicePool {
  #slots: (string | undefined)[] = new Array(POOL_FIRST_SLOTS).fill(undefined);
  #mask = POOL_FIRST_SLOTS - 1;
  #size = 0;

  /** `xml.slice(from, to)`: the equal string read before when there is one, `h` the hash of those characters. */
  slice(xml: string, from: number, to: number, h: number): string {
    const length = to - from;
    if (length > MAX_POOLED) return xml.slice(from, to);
    const slots = this.#slots;
    const mask = this.#mask;
    for (let k = h & mask; ; k = (k + 1) & mask) {
      const s = slots[k];
      if (s === undefined) {
        const made = xml.slice(from, to);
        if (this.#size < POOL_MAX) {
          slots[k] = made;
          if (++this.#size * 2 > slots.length) this.#grow();
        }
        return made;
      }
      if (s.length === length && sameAt(xml, from, s)) return s;
    }
  }

  /** Twice the slots, the strings filed again. */
  #grow(): void {
    const old = this.#slots;
    const slots: (string | undefined)[] = new Array(old.length * 2).fill(undefined);
    const mask = slots.length - 1;
    for (const s of old) {
      if (s === undefined) continue;
      let k = hashOf(s) & mask;
      while (slots[k] !== undefined) k = (k + 1) & mask;
      slots[k] = s;
    }
    this.#slots = slots;
    this.#mask = mask;
  }
}

/** The longest start tag (from `<` to `>`) a {@link TagMemo} keeps; `<keypress pressed="default">` is 28 characters. */
const MAX_MEMO_TAG = 160;

/** A start tag read before: where it was written and the element it opened. */
interface MemoTag {
  readonly start: number;
  readonly length: number;
  readonly hash: number;
  readonly seen: SeenTag;
  readonly selfClosing: boolean;
}

/**
 * Start tags read before, found again by their text: a plan writes `<keypress pressed="1">`,
 * `<play type="tts" voice="female2">` or `<goto>` thousands of times, and a tag written as one
 * read before, character for character, is the same name with the same attributes (and
 * passed the same checks), so it is opened again without reading its attributes. Open
 * addressing by a hash of the tag's characters, kept at most half full, at most as many tags
 * as the tree builder shares values.
 */
class TagMemo {
  #slots: (MemoTag | undefined)[] = new Array(POOL_FIRST_SLOTS).fill(undefined);
  #mask = POOL_FIRST_SLOTS - 1;
  #size = 0;

  /** The tag read before written as `xml.slice(from, from + length)`, `h` the hash of those characters. */
  find(xml: string, from: number, length: number, h: number): MemoTag | undefined {
    const slots = this.#slots;
    const mask = this.#mask;
    for (let k = h & mask; ; k = (k + 1) & mask) {
      const t = slots[k];
      if (t === undefined) return undefined;
      if (t.hash === h && t.length === length && sameIn(xml, from, t.start, length)) return t;
    }
  }

  /** Whether {@link add} keeps another tag. */
  get hasRoom(): boolean {
    return this.#size < POOL_MAX;
  }

  /** Keeps `tag` (not found before): only while {@link hasRoom}. */
  add(tag: MemoTag): void {
    const slots = this.#slots;
    const mask = this.#mask;
    let k = tag.hash & mask;
    while (slots[k] !== undefined) k = (k + 1) & mask;
    slots[k] = tag;
    if (++this.#size * 2 > slots.length) this.#grow();
  }

  /** Twice the slots, the tags filed again. */
  #grow(): void {
    const old = this.#slots;
    const slots: (MemoTag | undefined)[] = new Array(old.length * 2).fill(undefined);
    const mask = slots.length - 1;
    for (const t of old) {
      if (t === undefined) continue;
      let k = t.hash & mask;
      while (slots[k] !== undefined) k = (k + 1) & mask;
      slots[k] = t;
    }
    this.#slots = slots;
    this.#mask = mask;
  }
}

/** Whether the `length` characters of `xml` at `a` and at `b` are the same. */
function sameIn(xml: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (xml.charCodeAt(a + k) !== xml.charCodeAt(b + k)) return false;
  return true;
}

/** Whether `s` is written in `xml` at `from`. */
function sameAt(xml: string, from: number, s: string): boolean {
  for (let k = 0; k < s.length; k++) if (xml.charCodeAt(from + k) !== s.charCodeAt(k)) return false;
  return true;
}

/**
 * Reads `xml` (a byte-order mark already removed) into the syntax tree, or returns undefined
 * when the text holds anything this reader leaves to saxes.
 */
export function readFast(xml: string): { readonly document?: DocumentNode; readonly diagnostics: readonly Diagnostic[] } | undefined {
  try {
    return new FastReader(xml).read();
  } catch (e) {
    // a refusal is also left to saxes, which refuses at the same place after checking all before it
    if (e === GIVE_UP || e instanceof Refused) return undefined;
    throw e;
  }
}

class FastReader {
  readonly #xml: string;
  readonly #n: number;
  readonly #b: TreeBuilder;
  readonly #pool = new SlicePool();
  readonly #tags = new TagMemo();

  constructor(xml: string) {
    this.#xml = xml;
    this.#n = xml.length;
    this.#b = new TreeBuilder(xml);
  }

  read(): ReturnType<TreeBuilder['finish']> {
    const xml = this.#xml;
    const b = this.#b;
    let i = 0;
    if (xml.startsWith('<?xml', 0)) {
      XML_DECL.lastIndex = 0;
      if (!XML_DECL.test(xml)) give();
      i = XML_DECL.lastIndex;
    }
    i = this.#outside(i);
    // the root element
    if (!isNameStart(xml.charCodeAt(i + 1))) give();
    i = this.#startTag(i);
    while (b.stack.length > 0) i = this.#content(i);
    i = this.#outside(i);
    if (i < this.#n) give(); // a second root, or a processing instruction
    return b.finish();
  }

  /** Skips white space and comments before or after the root: the offset of the next other thing. */
  #outside(i: number): number {
    const xml = this.#xml;
    const n = this.#n;
    for (;;) {
      while (i < n && isSpace(xml.charCodeAt(i))) i++;
      if (i >= n) return i;
      if (xml.charCodeAt(i) !== LT) give(); // text outside the root
      if (xml.charCodeAt(i + 1) !== BANG) return i;
      if (!xml.startsWith('<!--', i)) give(); // a DOCTYPE, or CDATA outside the root
      i = this.#comment(i);
    }
  }

  /** A comment at `i` (its `<!--`): the offset after its `-->`. */
  #comment(i: number): number {
    const xml = this.#xml;
    const close = xml.indexOf('-->', i + 4);
    if (close === -1) give();
    const body = xml.slice(i + 4, close);
    // "--" may not occur in a comment, nor may it end with "-" (as in "--->")
    if (body.includes('--') || body.endsWith('-') || DISALLOWED.test(body)) give();
    this.#b.comment(normalizeLineEnds(body), i, close + 3);
    return close + 3;
  }

  /** Character data and the markup after it, inside an element, from `i`: the offset after that markup. */
  #content(i: number): number {
    const xml = this.#xml;
    const n = this.#n;
    const start = i;
    let text = '';
    let from = i;
    // only ASCII white space so far: between tags of a container it is layout, and no text is made
    let blank = true;
    // the hash of the characters read so far (for the pool, when the text is one piece of the source)
    let h = HASH_START;
    for (;;) {
      if (i >= n) give(); // the root is never closed
      const c = xml.charCodeAt(i);
      if (c === LT) break;
      h = hashStep(h, c);
      if (c > RBRACKET) {
        // most of a text: letters, neither markup nor white space
        blank = false;
        if (c < WIDE) i++;
        else if (wideLength(xml, i, c) === 1) i++;
        else {
          h = hashStep(h, xml.charCodeAt(i + 1));
          i += 2;
        }
      } else if (c === AMP) {
        text += xml.slice(from, i) + this.#reference(i);
        i = from = this.#after;
        blank = false;
      } else if (c === CR) {
        text += `${xml.slice(from, i)}\n`;
        i += xml.charCodeAt(i + 1) === LF ? 2 : 1;
        from = i;
      } else {
        if (c === RBRACKET && xml.startsWith(']]>', i)) give();
        if (c !== SPACE && c !== LF && c !== TAB) {
          if (c < SPACE) give(); // a control character
          blank = false;
        }
        i++;
      }
    }
    if (i > start) {
      if (blank && !this.#b.keepsWhiteSpace) this.#b.skipped(i);
      else if (from === start) this.#b.text(this.#pool.slice(xml, start, i, h), i, true);
      else this.#b.text(text + xml.slice(from, i), i);
    }
    const next = xml.charCodeAt(i + 1);
    if (next === SLASH) return this.#endTag(i);
    if (next === BANG) {
      if (xml.startsWith('<!--', i)) return this.#comment(i);
      if (xml.startsWith('<![CDATA[', i)) {
        const close = xml.indexOf(']]>', i + 9);
        if (close === -1) give();
        const body = xml.slice(i + 9, close);
        if (DISALLOWED.test(body)) give();
        this.#b.text(normalizeLineEnds(body), close + 3);
        return close + 3;
      }
      give();
    }
    if (next === QUESTION || !isNameStart(next)) give();
    return this.#startTag(i);
  }

  /** Where the last reference read ends (after its `;`). */
  #after = 0;

  /** An entity or character reference at `i` (its `&`): its value; {@link #after} is set to the offset after its `;`. */
  #reference(i: number): string {
    const xml = this.#xml;
    if (xml.charCodeAt(i + 1) === 0x23 /* # */) {
      const hex = xml.charCodeAt(i + 2) === 0x78; /* x (saxes takes no X) */
      let j = hex ? i + 3 : i + 2;
      const digits = j;
      let code = 0;
      for (;;) {
        const c = xml.charCodeAt(j);
        const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : hex && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 0x57 : -1;
        if (d < 0) break;
        code = code * (hex ? 16 : 10) + d;
        if (code > 0x10ffff) give();
        j++;
      }
      if (j === digits || xml.charCodeAt(j) !== SEMICOLON || !isXmlChar(code)) give();
      this.#after = j + 1;
      return String.fromCodePoint(code);
    }
    const semi = xml.indexOf(';', i + 1);
    if (semi === -1 || semi - i > 5) give();
    this.#after = semi + 1;
    switch (xml.slice(i + 1, semi)) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return give();
    }
  }

  /** A start tag at `i` (its `<`, a name start after it): the offset after its `>` or `/>`. */
  #startTag(i: number): number {
    const xml = this.#xml;
    const n = this.#n;
    const b = this.#b;
    // the tag up to its first ">", when short: one written so before is opened again
    let end = i + 1;
    let h = HASH_START;
    for (const limit = Math.min(n, i + MAX_MEMO_TAG); end < limit; end++) {
      const c = xml.charCodeAt(end);
      if (c === GT) break;
      h = hashStep(h, c);
    }
    const memo = xml.charCodeAt(end) === GT;
    if (memo) {
      const seen = this.#tags.find(xml, i, end + 1 - i, h);
      if (seen !== undefined) {
        b.openAgain(seen.seen, i, end + 1);
        if (seen.selfClosing) b.close(end + 1);
        return end + 1;
      }
    }
    const after = this.#readStartTag(i);
    // kept when its first ">" ends it (a ">" in a value would end the text searched for)
    if (memo && after === end + 1 && this.#tags.hasRoom) this.#tags.add({ start: i, length: end + 1 - i, hash: h, seen: b.seen(), selfClosing: this.#selfClosed });
    return after;
  }

  /** Whether the last {@link #readStartTag} read a tag that closes itself (`/>`). */
  #selfClosed = false;

  /** {@link #startTag} for a tag not read before. */
  #readStartTag(i: number): number {
    const xml = this.#xml;
    const n = this.#n;
    const pool = this.#pool;
    let h = hashStep(HASH_START, xml.charCodeAt(i + 1));
    let j = i + 2;
    for (let c = xml.charCodeAt(j); isNameChar(c); c = xml.charCodeAt(++j)) h = hashStep(h, c);
    const name = pool.slice(xml, i + 1, j, h);
    const b = this.#b;
    const names = b.attributeNames;
    const values = b.attributeValues;
    let count = 0;
    for (;;) {
      const before = j;
      while (isSpace(xml.charCodeAt(j))) j++;
      const c = xml.charCodeAt(j);
      if (c === GT) {
        b.openRead(name, count, i, j + 1);
        this.#selfClosed = false;
        return j + 1;
      }
      if (c === SLASH) {
        if (xml.charCodeAt(j + 1) !== GT) give();
        b.openRead(name, count, i, j + 2);
        this.#selfClosed = true;
        b.close(j + 2);
        return j + 2;
      }
      // an attribute, after white space
      if (j === before || !isNameStart(c)) give();
      // more than the builder takes: it refuses the tag, and saxes refuses it at the same place
      // (so the search for a repeated name below stays short)
      if (count === MAX_ATTRIBUTES) give();
      const nameStart = j;
      h = hashStep(HASH_START, c);
      for (let d = xml.charCodeAt(++j); isNameChar(d); d = xml.charCodeAt(++j)) h = hashStep(h, d);
      const attribute = pool.slice(xml, nameStart, j, h);
      while (isSpace(xml.charCodeAt(j))) j++;
      if (xml.charCodeAt(j) !== EQ) give();
      j++;
      while (isSpace(xml.charCodeAt(j))) j++;
      const quote = xml.charCodeAt(j);
      if (quote !== DQUOTE && quote !== SQUOTE) give();
      j++;
      // the value: references decoded, each white-space character (a CRLF counting as one) a space
      let value = '';
      let from = j;
      const valueStart = j;
      h = HASH_START;
      for (;;) {
        if (j >= n) give();
        const v = xml.charCodeAt(j);
        if (v === quote) break;
        h = hashStep(h, v);
        if (v > LT) {
          if (v < WIDE) j++;
          else if (wideLength(xml, j, v) === 1) j++;
          else {
            h = hashStep(h, xml.charCodeAt(j + 1));
            j += 2;
          }
        } else if (v === AMP) {
          value += xml.slice(from, j) + this.#reference(j);
          j = from = this.#after;
        } else if (v === LT) {
          give();
        } else if (v === TAB || v === LF || v === CR) {
          value += `${xml.slice(from, j)} `;
          j += v === CR && xml.charCodeAt(j + 1) === LF ? 2 : 1;
          from = j;
        } else {
          if (v < SPACE) give(); // a control character
          j++;
        }
      }
      value = from === valueStart ? pool.slice(xml, from, j, h) : value + xml.slice(from, j);
      j++;
      // a repeated attribute (or a name Object.prototype has, or __proto__) is left to saxes
      if (INHERITED[attribute] !== undefined || attribute === '__proto__') give();
      for (let a = 0; a < count; a++) if (names[a] === attribute) give();
      names[count] = attribute;
      values[count++] = value;
    }
  }

  /** An end tag at `i` (its `</`): the offset after its `>`. */
  #endTag(i: number): number {
    const xml = this.#xml;
    const top = this.#b.top!;
    const name = top.name ?? top.kind;
    if (!xml.startsWith(name, i + 2)) give();
    let j = i + 2 + name.length;
    while (isSpace(xml.charCodeAt(j))) j++;
    if (xml.charCodeAt(j) !== GT) give();
    this.#b.close(j + 1);
    return j + 1;
  }
}
