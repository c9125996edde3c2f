/**
 * One way into the syntax tree for every function that takes "a plan built with the DSL, a
 * syntax tree, or XML text": XML is parsed here, so compile, codegen, the diagrams and the
 * scenario generator take the same three forms as validate, lint and simulate.
 *
 * @module
 */
import { treeOf, type DocumentNode, type PlanSource } from '../ast/nodes.js';
import { parse } from './parse.js';

/**
 * The syntax tree of `plan`. XML that is not a readable dialplan throws a SyntaxError naming
 * the first problem and its line; a value that is no plan at all throws a TypeError.
 * `caller` (e.g. `'toMermaid()'`) starts both messages.
 */
export function planTree(plan: PlanSource, caller: string): DocumentNode {
  if (typeof plan !== 'string') return treeOf(plan, caller);
  const { document, diagnostics } = parse(plan);
  if (document) return document;
  const d = diagnostics[0];
  const where = d?.line ? ` at line ${d.line}${d.column ? `, column ${d.column}` : ''}` : '';
  throw new SyntaxError(`${caller}: the XML is not a readable dialplan${where}: ${d?.message ?? 'no <dialplan> root'}`);
}
