/**
 * XML to AST, the mirror of `compile/`. Keeps line and column for every node and every
 * comment, so diagnostics, traces and diagrams can point into the file.
 *
 * Input is untrusted: a DOCTYPE (and with it every entity declaration), XInclude and
 * undefined entities are refused as `xml-syntax` errors, and nothing is ever read from disk
 * or network while parsing.
 *
 * @module
 */
import { SaxesParser } from 'saxes';
import type { AttributeSpan, CommentNode, DocumentNode, ElementNode, ElementSpan, Node, Position, SourcePoint, SourceSpan, UnknownElementNode } from '../ast/nodes.js';
import { CATALOG, isTagName } from '../language/catalog.js';
import type { Diagnostic } from '../ast/diagnostic.js';
import { attributeSpans, PointCursor, spanOf } from './spans.js';
import { rawText } from '../ast/nodes.js';
import { attributesMessage, depthMessage, LIMITS, referenceProblem, referencesMessage } from '../ast/limits.js';

/** What {@link parse} returns: the document when the input is a well-formed dialplan, and the problems found. */
export interface ParseResult {
  readonly document?: DocumentNode;
  /** `xml-syntax` errors, or a `schema` error when the root is not `<dialplan>`. */
  readonly diagnostics: readonly Diagnostic[];
}

const XINCLUDE_NS = 'http://www.w3.org/2001/XInclude';

interface Open {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: Node[];
  readonly loc: Position;
  readonly keepsText: boolean;
  /** The start tag, its name and attributes: spans made when it is read, in text order. */
  readonly startTag: SourceSpan;
  readonly nameSpan: SourceSpan;
  readonly selfClosing: boolean;
  readonly attributeSpans: Record<string, AttributeSpan>;
}

class Refused extends Error {}

/**
 * Parses CallFire XML into the syntax tree.
 *
 * @example
 * ```ts
 * const { document, diagnostics } = parse('<dialplan name="Root"><hangup/></dialplan>');
 * document?.root.children[0]; // { kind: 'hangup', attributes: {}, children: [], loc: { line: 1, column: 23 } }
 * ```
 */
export function parse(input: string): ParseResult {
  const xml = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const diagnostics: Diagnostic[] = [];
  // one cursor for every position: the parser asks for them in order, so this is one pass
  const cursor = new PointCursor(xml);
  const pointAt = (offset: number): SourcePoint => cursor.at(offset);
  const locAt = (offset: number): Position => {
    const p = cursor.at(offset);
    return { line: p.line, column: p.column };
  };

  const parser = new SaxesParser({ position: true });
  const stack: Open[] = [];
  const prolog: CommentNode[] = [];
  const epilog: CommentNode[] = [];
  let root: ElementNode<'dialplan'> | undefined;
  let rootName: string | undefined;
  // Offsets are indexes into `xml` (saxes' `position`), turned into line and column only
  // when a node is made. saxes' own `column` counts code points, not string indexes, and
  // a CRLF is one step for it but two characters in the text; offsets avoid both skews.
  let lastEnd = 0;
  let tagStart = 0;
  let lastClosed: { readonly open: Open; readonly position: number } | undefined;

  const fail = (message: string, loc: Position, path = '/'): never => {
    diagnostics.push({ rule: 'xml-syntax', severity: 'error', message, line: loc.line, column: loc.column, path });
    throw new Refused(message);
  };

  parser.on('error', (e) => {
    // saxes prefixes "line:column: " (column in code points); report our own location instead.
    const m = /^\d+:\d+: (.*)$/s.exec(e.message);
    let message = m ? m[1]! : e.message;
    let offset = Math.min(parser.position, xml.length);
    let top = stack.at(-1);
    const at = (p: Position) => `line ${p.line}, column ${p.column}`;
    if (/^unexpected close tag/i.test(message)) {
      // saxes stops after the end tag; point at its "</" and say which tag is open
      // saxes has already closed the open tag the end tag failed to match
      if (lastClosed?.position === parser.position) top = lastClosed.open;
      offset = Math.max(0, xml.lastIndexOf('</', offset - 1));
      const name = /^<\/([^\s>]*)/.exec(xml.slice(offset, offset + 200))?.[1] ?? '';
      message = top
        ? `The end tag </${name}> does not match the open tag <${top.name}> (${at(top.loc)}).`
        : `The end tag </${name}> has no start tag.`;
    } else if (/^unclosed tag/i.test(message) && top) {
      message = `<${top.name}> (${at(top.loc)}) is never closed.`;
    } else if (/only one root/i.test(message)) {
      offset = Math.max(0, xml.lastIndexOf('<', offset - 1));
      message = 'A document has only one root element.';
    }
    fail(message.charAt(0).toUpperCase() + message.slice(1), locAt(offset));
  });
  parser.on('doctype', () => {
    fail(
      'A DOCTYPE is not allowed in a dialplan (entity declarations could read files or expand without bound).',
      locAt(Math.max(0, xml.lastIndexOf('<!DOCTYPE', parser.position))),
    );
  });
  parser.on('opentagstart', (tag) => {
    // saxes has consumed "<name" and the one character after it, counting string indexes
    // (astral characters included); a CRLF after the name is one character to it but two in
    // the text. (Searching back with lastIndexOf instead cost more than all of saxes.)
    const after = parser.position;
    const crlf = xml.charCodeAt(after - 1) === 10 && xml.charCodeAt(after - 2) === 13 ? 1 : 0;
    tagStart = Math.max(0, after - tag.name.length - 2 - crlf);
  });
  parser.on('opentag', (tag) => {
    const loc = locAt(tagStart);
    const attributes = tag.attributes as Record<string, string>;
    if (tag.name.endsWith(':include') || tag.name === 'include' || Object.values(attributes).includes(XINCLUDE_NS)) {
      fail('XInclude is not allowed in a dialplan.', loc);
    }
    if (stack.length === 0 && rootName !== undefined) fail('A document has only one root element.', loc);
    // refused before any work that grows with them (docs/limits.md)
    if (stack.length >= LIMITS.depth) fail(depthMessage(tag.name), loc);
    const names = Object.keys(attributes);
    if (names.length > LIMITS.attributes) fail(attributesMessage(tag.name), loc);
    for (const k of names) {
      const problem = referenceProblem(attributes[k]!);
      if (problem) fail(referencesMessage(tag.name, `attribute "${k}"`, problem), loc);
    }
    const keepsText = isTagName(tag.name) ? CATALOG[tag.name].content !== 'children' : true;
    const startEnd = parser.position;
    // in text order, so the cursor only moves forward: "<", the name, the attributes, ">"
    const tagPoint = pointAt(tagStart);
    const nameSpan = spanOf(pointAt, tagStart + 1, tagStart + 1 + tag.name.length);
    const attrSpans = attributeSpans(xml, nameSpan.end.offset, startEnd, pointAt);
    const startTag = { start: tagPoint, end: pointAt(startEnd) };
    stack.push({
      name: tag.name,
      attributes: { ...attributes },
      children: [],
      loc,
      keepsText,
      startTag,
      nameSpan,
      attributeSpans: attrSpans,
      selfClosing: tag.isSelfClosing,
    });
    rootName ??= tag.name;
    lastEnd = parser.position;
  });
  parser.on('closetag', () => {
    const open = stack.pop()!;
    lastClosed = { open, position: parser.position };
    const problem = referenceProblem(rawText(open));
    if (problem) fail(referencesMessage(open.name, 'text', problem), open.loc);
    const span = elementSpan(open, parser.position);
    const el: ElementNode | UnknownElementNode = isTagName(open.name)
      ? { kind: open.name, attributes: open.attributes, children: open.children, loc: open.loc, span }
      : { kind: '#unknown', name: open.name, attributes: open.attributes, children: open.children, loc: open.loc, span };
    const parent = stack.at(-1);
    if (parent) parent.children.push(el);
    else if (el.kind === 'dialplan') root = el as ElementNode<'dialplan'>;
    else {
      diagnostics.push({
        rule: 'schema',
        severity: 'error',
        message: `The root element must be <dialplan>, found <${open.name}>.`,
        line: open.loc.line,
        column: open.loc.column,
        path: '/',
      });
    }
    lastEnd = parser.position;
  });
  /** Spans of an element closed at `end` (just after its end tag or its `/>`). */
  const elementSpan = (open: Open, end: number): ElementSpan => {
    const { startTag } = open;
    if (open.selfClosing) return { whole: startTag, startTag, name: open.nameSpan, attributes: open.attributeSpans };
    const endTag = spanOf(pointAt, Math.max(startTag.end.offset, xml.lastIndexOf('</', end - 1)), end);
    return {
      whole: { start: startTag.start, end: endTag.end },
      startTag,
      name: open.nameSpan,
      attributes: open.attributeSpans,
      content: { start: startTag.end, end: endTag.start },
      endTag,
    };
  };
  // `end`: the offset just after the text as written (a text event stops at the next "<")
  const onText = (text: string, end: number) => {
    const parent = stack.at(-1);
    // White space between tags is layout; text inside a leaf tag (or stray text in a container) is kept.
    if (parent && (parent.keepsText || text.trim() !== '')) {
      const prev = parent.children.at(-1);
      if (prev?.kind === '#text') {
        const span = prev.span && { start: prev.span.start, end: pointAt(end) };
        parent.children[parent.children.length - 1] = span ? { ...prev, text: prev.text + text, span } : { ...prev, text: prev.text + text };
      } else {
        parent.children.push({ kind: '#text', text, loc: locAt(lastEnd), span: spanOf(pointAt, lastEnd, end) });
      }
    }
    lastEnd = parser.position;
  };
  parser.on('text', (text) => onText(text, parser.position - 1));
  parser.on('cdata', (text) => {
    // the text event before a CDATA section ends at its "<![CDATA["; point at the section
    lastEnd = Math.max(lastEnd, xml.lastIndexOf('<![CDATA[', parser.position - 1));
    onText(text, parser.position);
  });
  parser.on('comment', (text) => {
    // comments cannot contain "--", so the last "<!--" before the current position opens this one
    const start = Math.max(0, xml.lastIndexOf('<!--', parser.position - 1));
    const end = xml.indexOf('-->', parser.position - 2) + 3;
    const node: CommentNode = { kind: '#comment', text, loc: locAt(start), span: spanOf(pointAt, start, end) };
    const parent = stack.at(-1);
    if (parent) parent.children.push(node);
    else (rootName === undefined ? prolog : epilog).push(node);
    lastEnd = parser.position;
  });

  try {
    parser.write(xml).close();
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    return { diagnostics };
  }
  return root && diagnostics.length === 0 ? { document: { kind: '#document', root, prolog, epilog }, diagnostics } : { diagnostics };
}
