/**
 * `validate()`: is this a well-formed dialplan that follows `schemas/dialplan.xsd`?
 *
 * @module
 */
import { treeOf, type DocumentNode, type Node, type PlanSource } from '../ast/nodes.js';
import { walk } from '../ast/visit.js';
import { compile } from '../compile/compile.js';
import { result, type Diagnostic, type ValidationResult } from './diagnostic.js';
import { validateXml } from './xsd/validate-xml.js';
import { capResult, checkLimits } from './limits.js';


/**
 * Validates a dialplan against the CallFire XML schema (`schemas/dialplan.xsd`, through
 * libxml2).
 *
 * Text is untrusted: a DOCTYPE (and with it every entity declaration) is refused as
 * `xml-syntax` before libxml2 reads anything, and libxml2 runs without entity
 * substitution, DTD loading, XInclude or network. An XInclude element is refused as
 * `xml-syntax` too, as `parse()` refuses it; text that merely mentions one is accepted. Malformed XML gives `xml-syntax` diagnostics with
 * line and column; each schema violation a `schema` diagnostic with line, column and path.
 *
 * Syntax trees and builders are compiled to XML first; their diagnostics carry the path,
 * and the line and column of the node when it came from `parse()`.
 *
 * @example
 * ```ts
 * const { ok, diagnostics } = validate('<dialplan><keypress pressed="1"/></dialplan>');
 * // ok === false
 * // diagnostics[0]: { rule: 'schema', path: '/dialplan/keypress[1]', line: 1, column: 11,
 * //   message: '<keypress> is not allowed inside <dialplan>: it belongs only inside <menu>.' }
 * ```
 * @category Validation
 */
export function validate(input: PlanSource): ValidationResult {
  // at most LIMITS.diagnostics findings are listed (docs/limits.md)
  if (typeof input === 'string') return capResult(result(validateXml(input)));
  const doc = treeOf(input, 'validate()');
  // refused before compiling it, as parse() refuses the same plan written as XML
  const over = checkLimits(doc);
  if (over) return result([over]);
  return validateTree(doc);
}

/**
 * {@link validate} of a tree already held to the shape limits (`checkLimits`): lint() checks
 * them itself and must not walk the tree a second time for the same answer.
 *
 * @internal
 */
export function validateTree(doc: DocumentNode): ValidationResult {
  let xml: string;
  try {
    xml = compile(doc);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return result([{ rule: 'xml-syntax', severity: 'error', message: `The dialplan cannot be written as XML: ${message}`, path: '/' }]);
  }
  const found = validateXml(xml);
  if (found.length === 0) return result(found);
  // Line and column of the compiled text mean nothing to the caller: point at the tree's own
  // positions instead, when it has them (a parsed document). Ranges and fixes are edits of the
  // compiled text, so they are dropped.
  // the nodes by path, their loc read for the findings only (a parsed node makes it when read)
  const byPath = new Map<string, Node>();
  for (const v of walk(doc)) byPath.set(v.path, v.node);
  const diagnostics = found.map((d): Diagnostic => {
    const { line: _line, column: _column, range: _range, fix: _fix, ...rest } = d;
    const loc = byPath.get(d.path)?.loc;
    return loc ? { ...rest, line: loc.line, column: loc.column } : rest;
  });
  return capResult(result(diagnostics));
}
