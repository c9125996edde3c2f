/**
 * Parsing the JavaScript CallFire evaluates (`if@expr`, `equal@expr`, `setvar` values)
 * without ever running it. Variables are substituted as text before evaluation (§3.6), so
 * each `${…}` is replaced by a placeholder that keeps the surrounding syntax intact.
 *
 * @module
 */
import { parseExpressionAt, parse as parseProgram } from 'acorn';
import { replaceVariables } from '../../../language/variable-refs.js';

/**
 * Replaces each `${…}` by a placeholder that fits where it stands: after a digit it
 * becomes `0` (so `1${x}` stays a number), elsewhere an identifier (so `${x}.length` and
 * `'${x}'` stay valid).
 */
export function withPlaceholders(source: string): string {
  let prevEnd = -1;
  let prevWasNumber = false;
  return replaceVariables(source, (ref, i) => {
    const before = source[ref.start - 1];
    // adjacent references (`1${a}${b}`) continue whatever the previous one started
    const number = ref.start === prevEnd ? prevWasNumber : before !== undefined && /[0-9.]/.test(before);
    prevEnd = ref.end;
    prevWasNumber = number;
    return number ? '0' : `_v${i}_`;
  });
}

/** A syntax error in an expression: acorn's message and the 0-based offset in the substituted text. */
export interface ExpressionError {
  readonly message: string;
  readonly offset: number;
}

/**
 * Parses `source` as CallFire would evaluate it: a script (statements allowed, so a trailing
 * `;` as in `"${n}".split("").join(" ");` is fine) in sloppy mode.
 *
 * @returns undefined when it parses, else the first syntax error.
 */
const errorCache = new Map<string, ExpressionError | undefined>();

export function expressionError(source: string): ExpressionError | undefined {
  // plans repeat the same expressions (counters, day-of-week tests): parse each once
  if (errorCache.has(source)) return errorCache.get(source);
  const error = parseError(source);
  if (errorCache.size > 10_000) errorCache.clear();
  errorCache.set(source, error);
  return error;
}

function parseError(source: string): ExpressionError | undefined {
  const js = withPlaceholders(source);
  try {
    parseProgram(js, { ecmaVersion: 'latest', sourceType: 'script' });
    return undefined;
  } catch (e) {
    const err = e as { message?: string; pos?: number };
    return { message: String(err.message ?? e).replace(/\s*\(\d+:\d+\)$/, ''), offset: err.pos ?? 0 };
  }
}

/** Whether `source` is a single expression (not, say, a statement list). */
export function isSingleExpression(source: string): boolean {
  const js = withPlaceholders(source).trim();
  try {
    const node = parseExpressionAt(js, 0, { ecmaVersion: 'latest' });
    return js.slice(node.end).trim().replace(/;$/, '').trim() === '';
  } catch {
    return false;
  }
}

/**
 * Whether a `setvar`/`stash` value was written as JavaScript rather than as literal text.
 * CallFire does not say how it tells them apart (§7.2 q8); plain words (`Homer Simpson`),
 * ids and URLs are evidently taken literally, so only values with unmistakable code
 * markers count: a quote at the start, a call `name(`, `==`/`!=`/`&&`/`||`, a trailing `;`,
 * or nothing but variables, numbers, operators and parentheses.
 */
export function looksLikeJavaScript(value: string): boolean {
  const v = value.trim();
  if (v === '') return false;
  if (/^['"]/.test(v)) return true;
  if (/[A-Za-z_$\])]\s*\(/.test(v) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return true;
  if (/==|!=|&&|\|\||;\s*$/.test(v)) return true;
  const bare = replaceVariables(v, () => ' ');
  // arithmetic only: at least one operator between operands
  return /^[\d\s+\-*/%().]*$/.test(bare) && /[+\-*/%]/.test(bare) && /\$\{|\d/.test(v);
}
