/**
 * XML to AST, the mirror of `compile/`. Keeps line and column for every node and every
 * comment, so diagnostics, traces and diagrams can point into the file.
 *
 * Input is untrusted: a DOCTYPE (and with it every entity declaration), XInclude and
 * undefined entities are refused as `xml-syntax` errors, and nothing is ever read from disk
 * or network while parsing.
 *
 * Two readers make the tree: a fast scanner for the common well-formed text
 * (`fast-read.ts`) and saxes for everything else (`saxes-read.ts`), malformed text included,
 * so every error is found and worded by saxes. Both feed one tree builder (`tree-builder.ts`).
 *
 * @module
 */
import type { Diagnostic } from '../ast/diagnostic.js';
import { describeValue, type DocumentNode } from '../ast/nodes.js';
import { splitBom } from '../util/bom.js';
import { readFast } from './fast-read.js';
import { readWithSaxes } from './saxes-read.js';

/** What {@link parse} returns: the document when the input is a well-formed dialplan, and the problems found. @category Compiling and parsing */
export interface ParseResult {
  readonly document?: DocumentNode;
  /** `xml-syntax` errors, or a `schema` error when the root is not `<dialplan>`. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parses CallFire XML into the syntax tree.
 *
 * Every node has `loc` (line and column of its start) and `span` (where its parts were
 * written, with offsets); a node's `loc` and `span` are computed when first read.
 *
 * @example
 * ```ts
 * const { document, diagnostics } = parse('<dialplan name="Root"><hangup/></dialplan>');
 * document?.root.children[0]; // { kind: 'hangup', attributes: {}, children: [], loc: { line: 1, column: 23 } }
 * ```
 * @category Compiling and parsing
 */
export function parse(input: string): ParseResult {
  if (typeof input !== 'string') throw new TypeError(`parse() takes XML text; got ${describeValue(input)}`);
  const xml = splitBom(input).body;
  return readFast(xml) ?? readWithSaxes(xml);
}
