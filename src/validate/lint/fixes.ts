/**
 * The fixes rules attach to findings, as text edits on the source. A fix is only made when it
 * is certain to do what it says: the plan was parsed (it has spans), the part to change is
 * spelled in the source exactly as parsed (no entities, CDATA or CRLF to map through), and the
 * new text needs no escaping (goto names, enum values, variable names, attribute names).
 *
 * @module
 */
import type { AnyElement } from '../../ast/nodes.js';
import type { Fix, TextEdit, TextRange } from '../diagnostic.js';
import { exactPieces, findingSpan, sliceSpan } from './locate.js';
import type { FindingAt } from './types.js';

/** Text that reads the same in an attribute value (either quote) and in content. */
const PLAIN = /^[^&<>"']*$/;

const range = (r: TextRange): TextRange => ({
  start: { line: r.start.line, column: r.start.column },
  end: { line: r.end.line, column: r.end.column },
});

/**
 * Replaces the part of `node` that `at` names (surrounding white space kept), or the slice
 * `at.within` of it, with `text`.
 *
 * @returns undefined when the replacement would not be certain (see the module comment).
 */
export function replaceFix(node: AnyElement, at: FindingAt, text: string, description: string): Fix | undefined {
  if (!PLAIN.test(text)) return undefined;
  const pieces = exactPieces(node, at);
  if (pieces?.length !== 1) return undefined;
  const span = at.within ? sliceSpan(node, at, at.within) : findingSpan(node, at);
  // findingSpan falls back to the start tag when the part is missing: never replace that
  if (!span || span === node.span?.startTag) return undefined;
  const edit: TextEdit = { range: range(span), text };
  return { description, edits: [edit] };
}

/** Renames an attribute, keeping its value as written. */
export function renameAttributeFix(node: AnyElement, from: string, to: string, description: string): Fix | undefined {
  const a = node.span?.attributes[from];
  if (!a || !/^[A-Za-z_][\w.-]*$/.test(to) || Object.hasOwn(node.attributes, to)) return undefined;
  return { description, edits: [{ range: range(a.name), text: to }] };
}
