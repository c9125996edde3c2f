/**
 * Where exactly a finding is: the stretch of source text a rule's report points at (its
 * start tag, an attribute's name or value, the tag's text, or a `${…}` inside one), read
 * from the spans the parser records. Plans built with the DSL have no spans and get none.
 *
 * @module
 */
import type { AnyElement, SourcePoint, SourceSpan, TextNode } from '../../ast/nodes.js';
import type { FindingAt, Slice } from './types.js';

const XML_SPACE = /[ \t\r\n]/;

/** The point `n` characters into `text`, which is written exactly as it reads from `p` on. */
function pointIn(p: SourcePoint, text: string, n: number): SourcePoint {
  const before = text.slice(0, n);
  const lastBreak = before.lastIndexOf('\n');
  if (lastBreak === -1) return { line: p.line, column: p.column + n, offset: p.offset + n };
  let breaks = 0;
  for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) breaks++;
  return { line: p.line + breaks, column: n - lastBreak, offset: p.offset + n };
}

/**
 * The spans of the pieces of `value` as written in the source, when the source spells it
 * character for character (every entity, CDATA section and CRLF makes the source longer than
 * what was parsed, so equal lengths mean a one-to-one spelling): one span per piece, with
 * the offset in `value` it starts at. Undefined when the spelling differs.
 */
export function exactPieces(node: AnyElement, at: FindingAt): { readonly from: number; readonly span: SourceSpan; readonly text: string }[] | undefined {
  if ('attribute' in at) {
    const span = node.span?.attributes[at.attribute]?.value;
    const value = node.attributes[at.attribute];
    if (!span || value === undefined || span.end.offset - span.start.offset !== value.length || span.start.line !== span.end.line) return undefined;
    return [{ from: 0, span, text: value }];
  }
  // kept per node: a container with thousands of stray texts is asked once per text
  if (textPieces.has(node)) return textPieces.get(node);
  let out: { from: number; span: SourceSpan; text: string }[] | undefined = [];
  let from = 0;
  for (const c of node.children) {
    if (c.kind !== '#text') continue;
    if (!c.span || c.span.end.offset - c.span.start.offset !== c.text.length) {
      out = undefined;
      break;
    }
    out.push({ from, span: c.span, text: c.text });
    from += c.text.length;
  }
  textPieces.set(node, out);
  return out;
}

/** {@link exactPieces} of each tag's text (trees are immutable). */
const textPieces = new WeakMap<AnyElement, { readonly from: number; readonly span: SourceSpan; readonly text: string }[] | undefined>();

/** The span of `[start, end)` of the parsed string, when the source spells it exactly and it lies in one piece. */
export function sliceSpan(node: AnyElement, at: FindingAt, slice: Slice): SourceSpan | undefined {
  for (const p of exactPieces(node, at) ?? []) {
    if (slice.start >= p.from && slice.end <= p.from + p.text.length) {
      return { start: pointIn(p.span.start, p.text, slice.start - p.from), end: pointIn(p.span.start, p.text, slice.end - p.from) };
    }
  }
  return undefined;
}

/** `span` without the white space at its ends, when the source is a plain spelling; else `span` itself. */
function trimmed(node: AnyElement, at: FindingAt, span: SourceSpan): SourceSpan {
  const pieces = exactPieces(node, at);
  if (pieces?.length !== 1) return span;
  const text = pieces[0]!.text;
  let a = 0;
  let b = text.length;
  while (a < b && XML_SPACE.test(text[a]!)) a++;
  while (b > a && XML_SPACE.test(text[b - 1]!)) b--;
  if (a === b) return span;
  return sliceSpan(node, at, { start: a, end: b }) ?? span;
}

/**
 * The source range of a finding: the part `at` names, narrowed to `at.within` where the source
 * allows; the start tag when `at` is absent or the part has no span (a missing attribute, a
 * self-closing tag's text). Undefined for nodes without spans.
 */
export function findingSpan(node: AnyElement, at: FindingAt | undefined): SourceSpan | undefined {
  const span = node.span;
  if (!span) return undefined;
  if (!at) return span.startTag;
  if (at.within) {
    const narrow = sliceSpan(node, at, at.within);
    if (narrow) return narrow;
  }
  if ('attribute' in at) {
    const a = span.attributes[at.attribute];
    if (!a) return span.startTag;
    if (at.part === 'name') return a.name;
    if (at.part === 'whole') return a.whole;
    return trimmed(node, at, a.value);
  }
  if (!span.content) return span.startTag;
  // the one text child, if there is exactly one (a loop that stops at the second: containers are wide)
  let text: TextNode | undefined;
  for (const c of node.children) {
    if (c.kind !== '#text') continue;
    if (text) return span.content;
    text = c;
  }
  if (text?.span) return trimmed(node, at, text.span);
  return span.content;
}
