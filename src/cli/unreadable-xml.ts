/**
 * Why a file is not a readable dialplan, worded the same in every command: `parse()` (which
 * graph and convert read with) and libxml2 (which validate and lint read with) describe a
 * broken document differently, so commands that need the tree report libxml2's words, as
 * `dialplan validate` prints them.
 *
 * @module
 */
import type { Diagnostic } from '../validate/diagnostic.js';
import { validate } from '../validate/validate.js';

/** The syntax errors of text that `parse()` could not read; `parsed` when libxml2 sees none. */
export function syntaxProblems(xml: string, parsed: readonly Diagnostic[]): readonly Diagnostic[] {
  const syntax = validate(xml).diagnostics.filter((d) => d.rule === 'xml-syntax');
  return syntax.length > 0 ? syntax : parsed;
}
