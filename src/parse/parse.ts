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
import type { CommentNode, DocumentNode, ElementNode, Node, Position, UnknownElementNode } from '../ast/nodes.js';
import { CATALOG, isTagName } from '../language/catalog.js';
import type { Diagnostic } from '../validate/diagnostic.js';

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
}

class Refused extends Error {}

/** 0-based offsets at which each line starts. */
function lineStarts(xml: string): number[] {
  const starts = [0];
  for (let i = xml.indexOf('\n'); i !== -1; i = xml.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

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
  let starts: number[] | undefined;
  const locAt = (offset: number): Position => {
    starts ??= lineStarts(xml);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };

  const parser = new SaxesParser({ position: true });
  const stack: Open[] = [];
  const prolog: CommentNode[] = [];
  const epilog: CommentNode[] = [];
  let root: ElementNode<'dialplan'> | undefined;
  let rootName: string | undefined;
  let lastEnd: Position = { line: 1, column: 1 };
  const here = (): Position => ({ line: parser.line, column: parser.column + 1 });

  const fail = (message: string, loc: Position, path = '/'): never => {
    diagnostics.push({ rule: 'xml-syntax', severity: 'error', message, line: loc.line, column: loc.column, path });
    throw new Refused(message);
  };

  parser.on('error', (e) => {
    // saxes prefixes "line:column: "; keep our own location fields instead.
    const m = /^(\d+):(\d+): (.*)$/s.exec(e.message);
    const message = m ? m[3]! : e.message;
    const loc = m ? { line: Number(m[1]), column: Math.max(1, Number(m[2])) } : here();
    fail(message.charAt(0).toUpperCase() + message.slice(1), loc);
  });
  parser.on('doctype', () => {
    fail('A DOCTYPE is not allowed in a dialplan (entity declarations could read files or expand without bound).', lastEnd);
  });
  parser.on('opentagstart', (tag) => {
    // saxes has consumed "<name" and one more character; find the "<" from that.
    let offset = parser.position - tag.name.length - 2;
    if (parser.column === 0) {
      // the character after the name was a line break, already counted as a new line
      offset = (starts ??= lineStarts(xml))[parser.line - 1]! - 1 - tag.name.length - 1;
      if (xml[offset + tag.name.length + 1] === '\r') offset -= 1;
    } else {
      const s = (starts ??= lineStarts(xml))[parser.line - 1]!;
      offset = s + parser.column - tag.name.length - 2;
    }
    lastEnd = locAt(Math.max(0, offset));
  });
  parser.on('opentag', (tag) => {
    const loc = lastEnd;
    const attributes = tag.attributes as Record<string, string>;
    if (tag.name.endsWith(':include') || tag.name === 'include' || Object.values(attributes).includes(XINCLUDE_NS)) {
      fail('XInclude is not allowed in a dialplan.', loc);
    }
    if (stack.length === 0 && rootName !== undefined) fail('A document has only one root element.', loc);
    const keepsText = isTagName(tag.name) ? CATALOG[tag.name].content !== 'children' : true;
    stack.push({ name: tag.name, attributes: { ...attributes }, children: [], loc, keepsText });
    rootName ??= tag.name;
    lastEnd = here();
  });
  parser.on('closetag', () => {
    const open = stack.pop()!;
    const el: ElementNode | UnknownElementNode = isTagName(open.name)
      ? { kind: open.name, attributes: open.attributes, children: open.children, loc: open.loc }
      : { kind: '#unknown', name: open.name, attributes: open.attributes, children: open.children, loc: open.loc };
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
    lastEnd = here();
  });
  const onText = (text: string) => {
    const parent = stack.at(-1);
    // White space between tags is layout; text inside a leaf tag (or stray text in a container) is kept.
    if (parent && (parent.keepsText || text.trim() !== '')) {
      const prev = parent.children.at(-1);
      if (prev?.kind === '#text') {
        parent.children[parent.children.length - 1] = { ...prev, text: prev.text + text };
      } else {
        parent.children.push({ kind: '#text', text, loc: lastEnd });
      }
    }
    lastEnd = here();
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('comment', (text) => {
    const end = (starts ??= lineStarts(xml))[parser.line - 1]! + parser.column;
    const node: CommentNode = { kind: '#comment', text, loc: locAt(Math.max(0, end - text.length - 7)) };
    const parent = stack.at(-1);
    if (parent) parent.children.push(node);
    else (rootName === undefined ? prolog : epilog).push(node);
    lastEnd = here();
  });

  try {
    parser.write(xml).close();
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    return { diagnostics };
  }
  return root && diagnostics.length === 0 ? { document: { kind: '#document', root, prolog, epilog }, diagnostics } : { diagnostics };
}
