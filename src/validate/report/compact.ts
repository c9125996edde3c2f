/**
 * One finding as one line of plain text, `3:5 /dialplan/goto[1]: <goto> names "mian", … (unknown-goto-target)`,
 * for the places where findings travel inside another message: a SOAP fault's Detail, an
 * API 2.0 `ErrorResponse`, an exception's message, a simulated call's transcript. A finding without a line leaves the
 * position out; one about the whole input (path `''`) leaves the path out.
 *
 * @module
 */
import type { Diagnostic } from '../diagnostic.js';

/**
 * Formats one diagnostic on one line.
 *
 * @example
 * ```ts
 * formatCompact({ rule: 'schema', severity: 'error', message: 'bad', line: 3, column: 5, path: '/dialplan/play[1]' });
 * // '3:5 /dialplan/play[1]: bad (schema)'
 * ```
 */
export function formatCompact(d: Diagnostic): string {
  const at = d.line === undefined ? '' : `${d.line}:${d.column ?? 1} `;
  const path = d.path === '' ? '' : `${d.path}: `;
  return `${at}${path}${d.message} (${d.rule})`;
}
