/**
 * The nodes `parse()` makes: the tree types of `ast/nodes.ts`, with positions and source
 * spans computed on first read from a few offsets instead of being built for every node.
 *
 * A parsed element used to carry about twenty objects (seven spans, their points, one span
 * per attribute with its name, value and whole span); on a 20 MB plan that was most of a
 * 650 MB tree, though only the few nodes a finding, a format or an editor request is about
 * ever read a span. Here a node keeps its offsets in private fields and `span` is a getter
 * that builds (and then keeps) the same `ElementSpan` the parser used to build eagerly. `loc`
 * (line and column of the node's start) is a getter too, made and kept on first read: a loc
 * object on each of the 660,000 nodes of a 20 MB plan was 26 MB, and lint reads only the
 * locations of what it reports. Line and column come from the text's line starts, found once
 * per document when a position is first asked for.
 *
 * `kind`, `name`, `attributes`, `children` and `text` stay plain own properties; `loc` and
 * `span` are read through getters, so a spread copy of a node has neither, and `toJSON` writes
 * what the plain objects of a built tree hold (`loc` included, `span` not).
 *
 * @module
 */
import type { ElementSpan, Node, Position, SourcePoint, SourceSpan } from '../ast/nodes.js';
import { NO_CHILDREN } from '../ast/nodes.js';
import { DOCUMENT_ORDER } from '../ast/document-order.js';
import { lineStarts, positionAt } from '../util/line-starts.js';
import type { TagName } from '../language/catalog.js';
import { attributeSpans } from './spans.js';

/** Elements per chunk of {@link SourceText}'s start and end offsets (a power of two). */
const CHUNK_BITS = 10;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;

/** The parsed text of one document, shared by its nodes: positions of offsets, on demand. */
export class SourceText {
  #starts: number[] | undefined;
  /**
   * Where each element of the document starts (its `<`) and ends (after its end tag or `/>`,
   * -1 while open), by its number in document order: two numbers in typed arrays instead of
   * two fields of every element, which were a fifth of a parsed element and copied by every
   * garbage collection that moved the tree. Chunks of a fixed size, added as elements come, so
   * growing copies nothing and leaves no garbage (memory outside the heap is freed only when
   * the garbage collector finds its array dead).
   */
  readonly #elementStarts: Int32Array[] = [];
  readonly #elementEnds: Int32Array[] = [];

  constructor(readonly text: string) {}

  /** Element `order` (the next one: elements are opened in document order) starts at `start` and is open. */
  opened(order: number, start: number): void {
    const chunk = order >>> CHUNK_BITS;
    if (chunk === this.#elementStarts.length) {
      this.#elementStarts.push(new Int32Array(CHUNK));
      this.#elementEnds.push(new Int32Array(CHUNK));
    }
    this.#elementStarts[chunk]![order & CHUNK_MASK] = start;
    this.#elementEnds[chunk]![order & CHUNK_MASK] = -1;
  }

  /** Element `order` ends at `end`. */
  closed(order: number, end: number): void {
    this.#elementEnds[order >>> CHUNK_BITS]![order & CHUNK_MASK] = end;
  }

  /** Where element `order` starts. */
  startOf(order: number): number {
    return this.#elementStarts[order >>> CHUNK_BITS]![order & CHUNK_MASK]!;
  }

  /** Where element `order` ends (-1 while open). */
  endOf(order: number): number {
    return this.#elementEnds[order >>> CHUNK_BITS]![order & CHUNK_MASK]!;
  }

  /** The 1-based line and column of `offset`. */
  positionAt(offset: number): Position {
    return positionAt((this.#starts ??= lineStarts(this.text)), offset);
  }

  /** The point (1-based line and column, 0-based offset) of `offset`. */
  readonly pointAt = (offset: number): SourcePoint => {
    const { line, column } = this.positionAt(offset);
    return { line, column, offset };
  };

  /** The span between two offsets. */
  span(start: number, end: number): SourceSpan {
    return { start: this.pointAt(start), end: this.pointAt(end) };
  }
}

/** Node's `util.inspect.custom`, without importing node:util into the parser. */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * The attributes of every element written without any: one frozen object for all (most
 * `<keypress>` bodies, `<hangup/>`, `<goto>`), rather than an empty object each.
 */
export const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});

// A node's loc and span, once read, are kept here rather than in two fields of every node:
// lint reads them for the few nodes it reports, and two empty fields on each of the 660,000
// nodes of a 20 MB plan were 10 MB of its tree at `dialplan lint`'s peak.
const LOCS = new WeakMap<object, Position>();
const SPANS = new WeakMap<ParsedElement, ElementSpan>();

/**
 * A parsed element: an `ElementNode` (a tag of the language) or, with `kind` `#unknown` and
 * its `name`, an `UnknownElementNode`. Where it was written is three numbers; the rest is
 * found again in the text when the span is first read.
 */
export class ParsedElement {
  // assigned in the constructor, in the order the tree's plain objects list them
  declare readonly kind: TagName | '#unknown';
  declare readonly name?: string;
  declare readonly attributes: Readonly<Record<string, string>>;
  declare children: readonly Node[];
  /** The document's text, which also holds where this element starts and ends (by {@link #order}). */
  #src: SourceText;
  /** How many elements of the document were opened before this one (see `ast/document-order.ts`). */
  #order: number;

  /**
   * `tag` is the name as a tag of the language, undefined for an unknown tag; `start` the
   * offset of its `<`; `order` how many elements of the document were opened before it.
   */
  constructor(name: string, tag: TagName | undefined, attributes: Readonly<Record<string, string>>, src: SourceText, start: number, order: number) {
    const self = this as { -readonly [K in 'kind' | 'name' | 'attributes']: ParsedElement[K] };
    self.kind = tag ?? '#unknown';
    if (tag === undefined) self.name = name;
    self.attributes = attributes;
    this.children = NO_CHILDREN;
    this.#src = src;
    this.#order = order;
    src.opened(order, start);
  }

  /** The element's place in its document's order: the document index's number of it. */
  get [DOCUMENT_ORDER](): number {
    return this.#order;
  }

  /** Line and column of the start tag's `<`. */
  get loc(): Position {
    let loc = LOCS.get(this);
    if (loc === undefined) LOCS.set(this, (loc = this.#src.positionAt(this.#src.startOf(this.#order))));
    return loc;
  }

  /** What JSON.stringify writes: the fields of a built tree's element, `loc` among them. */
  toJSON(): object {
    return this.name === undefined
      ? { kind: this.kind, attributes: this.attributes, children: this.children, loc: this.loc }
      : { kind: this.kind, name: this.name, attributes: this.attributes, children: this.children, loc: this.loc };
  }

  /** What console.log shows: the same fields (Node's inspect lists own properties only). */
  [INSPECT](): object {
    return this.toJSON();
  }

  /** Sets the children and where the element ends: just after its end tag or its `/>`. */
  closeAt(children: readonly Node[], end: number): void {
    this.children = children;
    this.#src.closed(this.#order, end);
  }

  /** Where the element's parts were written. */
  get span(): ElementSpan {
    const kept = SPANS.get(this);
    if (kept) return kept;
    const src = this.#src;
    const xml = src.text;
    const at = src.pointAt;
    const start = src.startOf(this.#order);
    const end = src.endOf(this.#order);
    const nameEnd = start + 1 + (this.name ?? this.kind).length;
    const startEnd = startTagEnd(xml, nameEnd);
    const startTag = src.span(start, startEnd);
    const nameSpan = { start: at(start + 1), end: at(nameEnd) };
    const attributes = attributeSpans(xml, nameEnd, startEnd, at);
    let span: ElementSpan;
    if (startEnd === end) {
      span = { whole: startTag, startTag, name: nameSpan, attributes };
    } else {
      // the end tag holds no other "</"
      const endTag = src.span(xml.lastIndexOf('</', end - 1), end);
      span = {
        whole: { start: startTag.start, end: endTag.end },
        startTag,
        name: nameSpan,
        attributes,
        content: { start: startTag.end, end: endTag.start },
        endTag,
      };
    }
    SPANS.set(this, span);
    return span;
  }
}

/** Just after the `>` of the well-formed start tag whose attributes start at `from` (a `>` may stand in a quoted value). */
function startTagEnd(xml: string, from: number): number {
  for (let i = from; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === 0x22 /* " */ || c === 0x27 /* ' */) i = xml.indexOf(c === 0x22 ? '"' : "'", i + 1);
    else if (c === 0x3e /* > */) return i + 1;
  }
  return xml.length;
}

/**
 * Parsed character data (a `TextNode`: adjacent text and CDATA sections as one node, its span
 * from its first character or `<![CDATA[` to the next markup) or a parsed comment (a
 * `CommentNode`, its span from `<!--` to the end of `-->`).
 */
export class ParsedCharacters {
  readonly kind: '#text' | '#comment';
  text: string;
  #src: SourceText;
  #start: number;
  #end: number;

  constructor(kind: '#text' | '#comment', text: string, src: SourceText, start: number, end: number) {
    this.kind = kind;
    this.text = text;
    this.#src = src;
    this.#start = start;
    this.#end = end;
  }

  /** Line and column of the first character (of `<!--` for a comment). */
  get loc(): Position {
    let loc = LOCS.get(this);
    if (loc === undefined) LOCS.set(this, (loc = this.#src.positionAt(this.#start)));
    return loc;
  }

  /** What JSON.stringify writes: the fields of a built tree's text or comment, `loc` among them. */
  toJSON(): object {
    return { kind: this.kind, text: this.text, loc: this.loc };
  }

  /** What console.log shows: the same fields. */
  [INSPECT](): object {
    return this.toJSON();
  }

  /** Appends the character data that follows this text directly, ending at `end`. */
  extend(text: string, end: number): void {
    this.text += text;
    this.#end = end;
  }

  get span(): SourceSpan {
    return this.#src.span(this.#start, this.#end);
  }
}
