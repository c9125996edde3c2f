/**
 * The outline of a plan (named tags, menus with their keypresses, amd with its branches) and
 * its folding ranges, from the current text's syntax tree and spans.
 *
 * @module
 */
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver';
import type { AnyElement, DocumentNode, Node } from '../ast/nodes.js';
import { elementName, isElement } from '../ast/nodes.js';
import { spanRange, toLspPosition, type OffsetMap } from './positions.js';

/** Tags that stand in the outline even without a name: the structure of menus and amd. */
const STRUCTURE: Readonly<Record<string, SymbolKind>> = {
  menu: SymbolKind.Enum,
  keypress: SymbolKind.EnumMember,
  amd: SymbolKind.Enum,
  live: SymbolKind.EnumMember,
  machine: SymbolKind.EnumMember,
};

function symbolOf(el: AnyElement, doc: OffsetMap, text: string, children: DocumentSymbol[]): DocumentSymbol | undefined {
  const span = el.span;
  if (!span) return undefined;
  const tag = elementName(el);
  const name = el.attributes['name']?.trim();
  const pressed = tag === 'keypress' ? el.attributes['pressed']?.trim() : undefined;
  const kind = STRUCTURE[tag] ?? (name ? SymbolKind.Function : undefined);
  if (kind === undefined) return undefined;
  const label = pressed !== undefined ? `keypress ${pressed}${name ? ` (${name})` : ''}` : (name ?? tag);
  const nameSpan = span.attributes['name']?.value ?? span.name;
  return {
    name: label || tag,
    detail: tag,
    kind: tag === 'dialplan' ? SymbolKind.File : kind,
    range: spanRange(doc, span.whole, text),
    selectionRange: spanRange(doc, nameSpan, text),
    children,
  };
}

/** The document symbols of a parsed plan, nested as the tags are. */
export function documentSymbols(tree: DocumentNode, doc: OffsetMap, text: string): DocumentSymbol[] {
  const visit = (el: AnyElement): DocumentSymbol[] => {
    const inner = el.children.filter(isElement).flatMap(visit);
    const own = symbolOf(el, doc, text, inner);
    return own ? [own] : inner;
  };
  return visit(tree.root);
}

/** Folding ranges: every element and comment that spans more than one line. */
export function foldingRanges(tree: DocumentNode): FoldingRange[] {
  const out: FoldingRange[] = [];
  const visit = (n: Node) => {
    if (n.kind === '#text') return;
    if (n.kind === '#comment') {
      const span = n.span;
      if (span && span.end.line > span.start.line) out.push({ startLine: toLspPosition(span.start).line, endLine: toLspPosition(span.end).line, kind: FoldingRangeKind.Comment });
      return;
    }
    // keep the end tag visible: fold up to the line before it
    const start = n.span && toLspPosition(n.span.whole.start).line;
    const endTag = n.span?.endTag && toLspPosition(n.span.endTag.start).line;
    if (start !== undefined && endTag !== undefined && endTag - 1 > start) out.push({ startLine: start, endLine: endTag - 1 });
    for (const c of n.children) visit(c);
  };
  for (const c of tree.prolog) visit(c);
  visit(tree.root);
  for (const c of tree.epilog) visit(c);
  return out;
}
