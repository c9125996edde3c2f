/**
 * The one place where the project's 1-based {@link TextRange} (lines and columns in UTF-16
 * code units, `end` exclusive) meets the Language Server Protocol's 0-based positions, and
 * where offsets into a document's text become either.
 *
 * @module
 */
import type { Position, Range, TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { TextEdit, TextPosition, TextRange } from '../validate/diagnostic.js';

/** An LSP position from a 1-based line and column. */
export function toLspPosition(p: TextPosition): Position {
  return { line: Math.max(0, p.line - 1), character: Math.max(0, p.column - 1) };
}

/** An LSP range from a 1-based text range. */
export function toLspRange(r: TextRange): Range {
  return { start: toLspPosition(r.start), end: toLspPosition(r.end) };
}

/** An LSP text edit from one of a rule's fix edits. */
export function toLspEdit(e: TextEdit): LspTextEdit {
  return { range: toLspRange(e.range), newText: e.text };
}

/** What converts offsets of one document: `TextDocument` from vscode-languageserver-textdocument has this shape. */
export interface OffsetMap {
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
}

/** The LSP range of `[start, end)` offsets in a document. */
export function rangeOf(doc: OffsetMap, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

/** A parsed node's span: offsets count from after a byte-order mark (see `SourceSpan` in ast/nodes.ts). */
interface OffsetSpan {
  readonly start: { readonly offset: number };
  readonly end: { readonly offset: number };
}

/** The `[start, end)` offsets of a parsed span in the document's own text (which may begin with a byte-order mark). */
export function spanOffsets(span: OffsetSpan, text: string): [number, number] {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return [span.start.offset + bom, span.end.offset + bom];
}

/** The LSP range of a parsed span. */
export function spanRange(doc: OffsetMap, span: OffsetSpan, text: string): Range {
  const [start, end] = spanOffsets(span, text);
  return rangeOf(doc, start, end);
}
