/**
 * The careful reader behind `parse()`: saxes, a complete XML 1.0/1.1 well-formedness
 * checker, drives the tree builder. `parse()` uses it whenever the fast scanner
 * (`fast-read.ts`) meets anything it does not take on itself, every malformed text among
 * them, so every syntax error is saxes' finding, reported at our own location.
 *
 * @module
 */
import { SaxesParser } from 'saxes';
import type { Diagnostic } from '../ast/diagnostic.js';
import type { DocumentNode, Position } from '../ast/nodes.js';
import { Refused, TreeBuilder, type OpenElement } from './tree-builder.js';

/**
 * The finding for a text of white space alone, as parse() and the schema check both give it
 * (saxes would say "Document must contain a root element", libxml2 "Document is empty").
 */
export function emptyDocument(): Diagnostic {
  return { rule: 'xml-syntax', severity: 'error', message: 'The document is empty; a dialplan needs a <dialplan> root element.', line: 1, column: 1, path: '/' };
}

/**
 * Reads `xml` (a byte-order mark already removed) with saxes into the syntax tree: the
 * document, or the first `xml-syntax` error (or a `schema` error for a root other than
 * `<dialplan>`).
 */
export function readWithSaxes(xml: string): { readonly document?: DocumentNode; readonly diagnostics: readonly Diagnostic[] } {
  if (!/\S/.test(xml)) return { diagnostics: [emptyDocument()] };
  const b = new TreeBuilder(xml);
  const parser = new SaxesParser({ position: true });
  // Offsets are indexes into `xml` (saxes' `position`), turned into line and column by the
  // builder. saxes' own `column` counts code points, not string indexes, and a CRLF is one
  // step for it but two characters in the text; offsets avoid both skews.
  let tagStart = 0;
  let lastClosed: { readonly el: OpenElement; readonly position: number } | undefined;

  const fail = (message: string, loc: Position): never => {
    throw new Refused(message, loc);
  };
  const nameOf = (el: OpenElement) => el.name ?? el.kind;

  parser.on('error', (e) => {
    // saxes prefixes "line:column: " (column in code points); report our own location instead.
    const m = /^\d+:\d+: (.*)$/s.exec(e.message);
    let message = m ? m[1]! : e.message;
    let offset = Math.min(parser.position, xml.length);
    let top = b.top;
    const at = (p: Position) => `line ${p.line}, column ${p.column}`;
    if (/^unexpected close tag/i.test(message)) {
      // saxes stops after the end tag; point at its "</" and say which tag is open
      // saxes has already closed the open tag the end tag failed to match
      if (lastClosed?.position === parser.position) top = lastClosed.el;
      offset = Math.max(0, xml.lastIndexOf('</', offset - 1));
      const name = /^<\/([^\s>]*)/.exec(xml.slice(offset, offset + 200))?.[1] ?? '';
      message = top
        ? `The end tag </${name}> does not match the open tag <${nameOf(top)}> (${at(top.loc)}).`
        : `The end tag </${name}> has no start tag.`;
    } else if (/^unclosed tag/i.test(message) && top) {
      message = `<${nameOf(top)}> (${at(top.loc)}) is never closed.`;
    } else if (/only one root/i.test(message)) {
      offset = Math.max(0, xml.lastIndexOf('<', offset - 1));
      message = 'A document has only one root element.';
    }
    fail(message.charAt(0).toUpperCase() + message.slice(1), b.locAt(offset));
  });
  parser.on('doctype', () => {
    fail(
      'A DOCTYPE is not allowed in a dialplan (entity declarations could read files or expand without bound).',
      b.locAt(Math.max(0, xml.lastIndexOf('<!DOCTYPE', parser.position))),
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
    // saxes' attributes object has no prototype; the tree's is a plain object
    b.open(tag.name, { ...(tag.attributes as Record<string, string>) }, tagStart, parser.position);
  });
  parser.on('closetag', () => {
    // just after the end tag, or after "/>" (saxes closes a self-closing tag at once)
    lastClosed = { el: b.close(parser.position), position: parser.position };
  });
  // a text event comes when saxes reaches the "<" after the text, at parser.position - 1
  parser.on('text', (text) => b.text(text, parser.position - 1));
  parser.on('cdata', (text) => b.text(text, parser.position));
  parser.on('comment', (text) => {
    // saxes reports a comment at its "--"; comments cannot contain "--", so the last "<!--"
    // before it opens this one
    const start = Math.max(0, xml.lastIndexOf('<!--', parser.position - 1));
    const end = xml.indexOf('-->', parser.position - 2) + 3;
    b.comment(text, start, end);
  });
  parser.on('processinginstruction', () => b.skipped(parser.position));

  try {
    parser.write(xml).close();
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    return { diagnostics: [...b.diagnostics, { rule: 'xml-syntax', severity: 'error', message: e.message, line: e.loc.line, column: e.loc.column, path: '/' }] };
  }
  return b.finish();
}
