/**
 * Where the cursor stands in a dialplan that is being typed: in a tag name, an attribute
 * name or value, or the text of an element, and which elements are open around it.
 *
 * The parser needs a well-formed document; completion and hover are asked for while the
 * document is half written (`<menu><key|`), so this reads the text up to the cursor with a
 * forgiving lexical pass instead: it never fails, skips comments, CDATA and processing
 * instructions, and closes the nearest open element of the same name on an end tag.
 *
 * @module
 */

/** Open elements around the cursor, outermost first. */
type Stack = readonly string[];

/** What is at the cursor. Offsets are 0-based indexes into the text. */
export type CursorContext =
  /**
   * In a tag name just after `<` or `</` (`start` is where the name starts); `siblings` are the
   * tags before it in the same parent and `following` those after it (both empty in an end tag's
   * name for `following`: what comes next belongs to the grandparent).
   */
  | {
      readonly kind: 'tag-name';
      readonly stack: Stack;
      readonly siblings: readonly string[];
      readonly following: readonly string[];
      readonly start: number;
      readonly end: number;
      readonly closing: boolean;
    }
  /** In a start tag where an attribute name goes (`start` = `end` = cursor when none is typed yet). */
  | { readonly kind: 'attribute-name'; readonly stack: Stack; readonly tag: string; readonly present: readonly string[]; readonly start: number; readonly end: number }
  /** Inside a quoted attribute value: `start` just after the quote, `end` at the closing quote (or the cursor). */
  | { readonly kind: 'attribute-value'; readonly stack: Stack; readonly tag: string; readonly attribute: string; readonly start: number; readonly end: number }
  /** In the text of the innermost open element: `start`..`end` is the whole text run. */
  | { readonly kind: 'text'; readonly stack: Stack; readonly start: number; readonly end: number }
  /** In a comment, CDATA section, processing instruction or after an end tag's name. */
  | { readonly kind: 'other'; readonly stack: Stack };

const NAME_CHAR = /[A-Za-z0-9_:.-]/;
const SPACE = /\s/;

/** The end of the name starting at `from`. */
function nameEnd(text: string, from: number): number {
  let k = from;
  while (k < text.length && NAME_CHAR.test(text[k]!)) k++;
  return k;
}

/** Where the text run starting at `from` ends: the next `<`, or the end. */
function textEnd(text: string, from: number): number {
  const lt = text.indexOf('<', from);
  return lt === -1 ? text.length : lt;
}

/** Markup that is skipped whole: opener and closer. */
const SKIPPED: ReadonlyArray<readonly [string, string]> = [
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
  ['<?', '?>'],
  ['<!', '>'],
];

/**
 * The cursor context at `offset` in `text`.
 *
 * @example
 * ```ts
 * cursorContext('<dialplan><menu><k', 18); // { kind: 'tag-name', stack: ['dialplan', 'menu'], start: 17, … }
 * ```
 */
export function cursorContext(text: string, offset: number): CursorContext {
  const at = Math.max(0, Math.min(offset, text.length));
  const stack: string[] = [];
  /** The child tags seen so far in each open element, parallel to `stack`. */
  const children: string[][] = [];
  const siblings = () => [...(children.at(-1) ?? [])];
  let i = 0;
  for (;;) {
    const j = text.indexOf('<', i);
    if (j === -1 || j >= at) return { kind: 'text', stack, start: i, end: textEnd(text, at) };
    const skipped = SKIPPED.find(([open]) => text.startsWith(open, j));
    if (skipped) {
      const close = text.indexOf(skipped[1], j + skipped[0].length);
      if (close === -1 || close + skipped[1].length > at) return { kind: 'other', stack };
      i = close + skipped[1].length;
      continue;
    }
    if (text[j + 1] === '/') {
      const end = nameEnd(text, j + 2);
      if (at <= end) return { kind: 'tag-name', stack, siblings: siblings(), following: [], start: j + 2, end, closing: true };
      const name = text.slice(j + 2, end);
      const gt = text.indexOf('>', end);
      const next = text.indexOf('<', end);
      if (gt === -1 || (next !== -1 && next < gt)) {
        // an end tag cut short: take it as typed and go on from the next markup
        if (next === -1 || next >= at) return { kind: 'other', stack };
        i = next;
      } else {
        if (gt >= at) return { kind: 'other', stack };
        i = gt + 1;
      }
      const open = stack.lastIndexOf(name);
      if (open !== -1) stack.length = children.length = open;
      continue;
    }
    const end = nameEnd(text, j + 1);
    if (at <= end) {
      return { kind: 'tag-name', stack: [...stack], siblings: siblings(), following: followingSiblings(text, j + 1, end, stack), start: j + 1, end, closing: false };
    }
    const tag = text.slice(j + 1, end);
    const present: string[] = [];
    // the context at the cursor, once found; the rest of the tag is still read for its attribute names
    let hit: CursorContext | undefined;
    let k = end;
    let closed = false;
    while (!closed) {
      while (k < text.length && SPACE.test(text[k]!)) k++;
      if (k >= at && !hit) hit = { kind: 'attribute-name', stack: [...stack], tag, present, start: at, end: at };
      if (k >= text.length) break;
      const ch = text[k]!;
      if (ch === '>') {
        children.at(-1)?.push(tag);
        stack.push(tag);
        children.push([]);
        i = k + 1;
        closed = true;
      } else if (ch === '/' && text[k + 1] === '>') {
        if (k + 1 >= at) hit ??= { kind: 'other', stack: [...stack] };
        children.at(-1)?.push(tag);
        i = k + 2;
        closed = true;
      } else if (ch === '<') {
        // a start tag left unfinished: the next markup begins here
        i = k;
        closed = true;
      } else if (NAME_CHAR.test(ch)) {
        const nEnd = nameEnd(text, k);
        const attribute = text.slice(k, nEnd);
        if (at <= nEnd && !hit) hit = { kind: 'attribute-name', stack: [...stack], tag, present, start: k, end: nEnd };
        else present.push(attribute);
        k = nEnd;
        while (k < text.length && SPACE.test(text[k]!)) k++;
        if (text[k] !== '=') continue;
        k++;
        while (k < text.length && SPACE.test(text[k]!)) k++;
        const quote = text[k];
        if (quote !== '"' && quote !== "'") continue;
        const close = text.indexOf(quote, k + 1);
        if (k >= at) hit ??= { kind: 'other', stack: [...stack] };
        if (close === -1 || close >= at) {
          hit ??= { kind: 'attribute-value', stack: [...stack], tag, attribute, start: k + 1, end: close === -1 ? at : close };
        }
        if (close === -1) break;
        k = close + 1;
      } else {
        k++;
      }
    }
    if (hit) return hit;
    if (!closed) return { kind: 'other', stack };
  }
}

/**
 * Where the start tag whose name ends at `from` ends: just past its `>` (quoted values may hold
 * one), and whether it opens an element (not `/>`); `open` is undefined when the tag is left
 * unfinished (the next `<` or the end comes first), and the position is then that `<`.
 */
function startTagEnd(text: string, from: number): { readonly next: number; readonly open: boolean | undefined } {
  let k = from;
  while (k < text.length) {
    const ch = text[k]!;
    if (ch === '<') return { next: k, open: undefined };
    if (ch === '>') return { next: k + 1, open: text[k - 1] !== '/' };
    if (ch === '"' || ch === "'") {
      const close = text.indexOf(ch, k + 1);
      if (close === -1) break;
      k = close + 1;
    } else {
      k++;
    }
  }
  return { next: text.length, open: undefined };
}

/**
 * The tags after the one whose name spans `nameStart`..`nameStop`, in the same parent: read on
 * to the parent's end tag (or the end of the text), skipping the current tag's own content and
 * that of every later sibling. As forgiving as {@link cursorContext}: an unfinished tag opens
 * nothing, an end tag closes the innermost open tag of its name (and those inside it), one that
 * names no open tag is passed over, and any end tag where only the parent is open ends it.
 * `ancestors` are the tags open around the cursor's tag (its parent last).
 */
function followingSiblings(text: string, nameStart: number, nameStop: number, ancestors: readonly string[]): string[] {
  const out: string[] = [];
  const current = startTagEnd(text, nameStop);
  // the tags open since the cursor's; a tag still without a name (`<|`) or unfinished
  // (`<h|<else/>`) holds nothing
  const open: string[] = nameStop > nameStart && current.open === true ? [text.slice(nameStart, nameStop)] : [];
  let i = current.next;
  for (;;) {
    const j = text.indexOf('<', i);
    if (j === -1) return out;
    const skipped = SKIPPED.find(([start]) => text.startsWith(start, j));
    if (skipped) {
      const close = text.indexOf(skipped[1], j + skipped[0].length);
      if (close === -1) return out;
      i = close + skipped[1].length;
      continue;
    }
    if (text[j + 1] === '/') {
      if (open.length === 0) return out;
      const end = nameEnd(text, j + 2);
      const name = text.slice(j + 2, end);
      const inner = open.lastIndexOf(name);
      if (inner !== -1) open.length = inner;
      else if (ancestors.includes(name)) return out;
      // an end tag cut short ends at the next markup, as in cursorContext
      i = Math.max(startTagEnd(text, end).next, j + 1);
      continue;
    }
    const end = nameEnd(text, j + 1);
    const tag = startTagEnd(text, end);
    if (end > j + 1) {
      const name = text.slice(j + 1, end);
      if (open.length === 0) out.push(name);
      if (tag.open === true) open.push(name);
    }
    i = Math.max(tag.next, j + 1);
  }
}

/**
 * The name of the document's root element, read past the XML declaration, comments and
 * processing instructions; undefined while there is none.
 */
export function rootElementName(text: string): string | undefined {
  let i = 0;
  for (;;) {
    while (i < text.length && (SPACE.test(text[i]!) || text.charCodeAt(i) === 0xfeff)) i++;
    if (text[i] !== '<') return undefined;
    const skipped = SKIPPED.find(([open]) => text.startsWith(open, i));
    if (!skipped) {
      const end = nameEnd(text, i + 1);
      return end > i + 1 ? text.slice(i + 1, end) : undefined;
    }
    const close = text.indexOf(skipped[1], i + skipped[0].length);
    if (close === -1) return undefined;
    i = close + skipped[1].length;
  }
}
