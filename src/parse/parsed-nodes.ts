/**
 * The nodes `parse()` makes: the tree types of `ast/nodes.ts`, with source spans computed on
 * first read from a few offsets instead of being built for every node.
 *
 * A parsed element used to carry about twenty objects (seven spans, their points, one span
 * per attribute with its name, value and whole span); on a 20 MB plan that was most of a
 * 650 MB tree, though only the few nodes a finding, a format or an editor request is about
 * ever read a span. Here a node keeps its offsets in private fields and `span` is a getter
 * that builds (and then keeps) the same `ElementSpan` the parser used to build eagerly. Line
 * and column of a span's points come from the text's line starts, found once per document.
 *
 * `kind`, `name`, `attributes`, `children`, `text` and `loc` stay plain own properties, so
 * code that compares, copies or walks nodes sees what it always saw; `span` is read through
 * the getter (it is not an own property: a spread copy of a node has no span).
 *
 * @module
 */
import type { ElementSpan, Node, Position, SourcePoint, SourceSpan } from '../ast/nodes.js';
import type { TagName } from '../language/catalog.js';
import { attributeSpans } from './spans.js';

/** The parsed text of one document, shared by its nodes: points of offsets, on demand. */
export class SourceText {
  #starts: Int32Array | undefined;

  constructor(readonly text: string) {}

  /** The point (1-based line and column, 0-based offset) of `offset`. */
  readonly pointAt = (offset: number): SourcePoint => {
    const starts = (this.#starts ??= lineStartTable(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1, offset };
  };

  /** The span between two offsets. */
  span(start: number, end: number): SourceSpan {
    return { start: this.pointAt(start), end: this.pointAt(end) };
  }
}

/** 0-based offsets at which each line starts (after each `\n`), packed. */
function lineStartTable(text: string): Int32Array {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Int32Array(count);
  let k = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
  return starts;
}

/**
 * The children of an element without any (and of every element until it closes): one frozen
 * array for all, as the builder's trees are frozen too.
 */
export const NO_CHILDREN: readonly Node[] = Object.freeze([]);

/** What parsed elements, known or not, share: where they were written (three numbers; the rest is found again in the text). */
abstract class ParsedElementBase {
  #src: SourceText;
  #start: number;
  /** Just after the end tag, or after `/>`; -1 while open. */
  #end = -1;
  #span: ElementSpan | undefined;

  constructor(src: SourceText, start: number) {
    this.#src = src;
    this.#start = start;
  }

  /** The element's children, known when it closes. */
  abstract children: readonly Node[];

  /** Sets the children and where the element ends: just after its end tag or its `/>`. */
  closeAt(children: readonly Node[], end: number): void {
    this.children = children;
    this.#end = end;
  }

  protected spanOf(name: string): ElementSpan {
    if (this.#span) return this.#span;
    const src = this.#src;
    const xml = src.text;
    const at = src.pointAt;
    const nameEnd = this.#start + 1 + name.length;
    const startEnd = startTagEnd(xml, nameEnd);
    const startTag = src.span(this.#start, startEnd);
    const nameSpan = { start: at(this.#start + 1), end: at(nameEnd) };
    const attributes = attributeSpans(xml, nameEnd, startEnd, at);
    if (startEnd === this.#end) {
      this.#span = { whole: startTag, startTag, name: nameSpan, attributes };
    } else {
      // the end tag holds no other "</"
      const endTag = src.span(xml.lastIndexOf('</', this.#end - 1), this.#end);
      this.#span = {
        whole: { start: startTag.start, end: endTag.end },
        startTag,
        name: nameSpan,
        attributes,
        content: { start: startTag.end, end: endTag.start },
        endTag,
      };
    }
    return this.#span;
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

/** A parsed tag of the language (an `ElementNode`). */
export class ParsedElement extends ParsedElementBase {
  readonly kind: TagName;
  readonly attributes: Readonly<Record<string, string>>;
  children: readonly Node[] = NO_CHILDREN;
  readonly loc: Position;

  constructor(kind: TagName, attributes: Readonly<Record<string, string>>, loc: Position, src: SourceText, start: number) {
    super(src, start);
    this.kind = kind;
    this.attributes = attributes;
    this.loc = loc;
  }

  get span(): ElementSpan {
    return this.spanOf(this.kind);
  }
}

/** A parsed tag that is not part of the language (an `UnknownElementNode`). */
export class ParsedUnknownElement extends ParsedElementBase {
  readonly kind = '#unknown';
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  children: readonly Node[] = NO_CHILDREN;
  readonly loc: Position;

  constructor(name: string, attributes: Readonly<Record<string, string>>, loc: Position, src: SourceText, start: number) {
    super(src, start);
    this.name = name;
    this.attributes = attributes;
    this.loc = loc;
  }

  get span(): ElementSpan {
    return this.spanOf(this.name);
  }
}

/** Character data (a `TextNode`): adjacent text and CDATA sections, as one node. */
export class ParsedText {
  readonly kind = '#text';
  text: string;
  readonly loc: Position;
  #src: SourceText;
  #start: number;
  #end: number;

  constructor(text: string, loc: Position, src: SourceText, start: number, end: number) {
    this.text = text;
    this.loc = loc;
    this.#src = src;
    this.#start = start;
    this.#end = end;
  }

  /** Appends the character data that follows this node directly, ending at `end`. */
  extend(text: string, end: number): void {
    this.text += text;
    this.#end = end;
  }

  /** The text as written, from its first character (or `<![CDATA[`) to the next markup. */
  get span(): SourceSpan {
    return this.#src.span(this.#start, this.#end);
  }
}

/** A parsed comment (a `CommentNode`). */
export class ParsedComment {
  readonly kind = '#comment';
  readonly text: string;
  readonly loc: Position;
  #src: SourceText;
  #start: number;
  #end: number;

  constructor(text: string, loc: Position, src: SourceText, start: number, end: number) {
    this.text = text;
    this.loc = loc;
    this.#src = src;
    this.#start = start;
    this.#end = end;
  }

  /** From `<!--` to the end of `-->`. */
  get span(): SourceSpan {
    return this.#src.span(this.#start, this.#end);
  }
}
