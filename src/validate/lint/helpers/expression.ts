/**
 * Parsing the JavaScript CallFire evaluates (`if@expr`) without ever running it. Variables are
 * substituted as text before evaluation (CallFire XML help, The Basics), so each `${…}` is replaced by a placeholder
 * that keeps the surrounding syntax intact. Whether a setvar/stash/equal value is JavaScript at
 * all is the value rule in `language/value-rule.ts`.
 *
 * @module
 */
import { parse as parseProgram } from 'acorn';
import { withPlaceholders } from '../../../language/value-rule.js';
import { remember } from '../../../util/bounded-cache.js';
import { isPlainComparison, isPlainTemplate } from './plain-comparison.js';

/** A syntax error in an expression: acorn's message and the 0-based offset in the substituted text. */
export interface ExpressionError {
  readonly message: string;
  readonly offset: number;
}

const errorCache = new Map<string, ExpressionError | undefined>();
const MAX_ERRORS = 10_000;

/**
 * Parses `source` as CallFire would evaluate it: a script (statements allowed, so a trailing
 * `;` as in `"${n}".split("").join(" ");` is fine) in sloppy mode.
 *
 * @returns undefined when it parses, else the first syntax error.
 */
export function expressionError(source: string): ExpressionError | undefined {
  // most conditions are a comparison or two, distinct in every menu: known valid without acorn
  // (and without a cache entry, so a big plan's thousands of them do not push the rest out),
  // most of them as written, without a substituted copy
  if (isPlainTemplate(source)) return undefined;
  // plans repeat the same expressions (counters, day-of-week tests): parse each once
  if (errorCache.has(source)) return errorCache.get(source);
  const js = withPlaceholders(source);
  if (isPlainComparison(js)) return undefined;
  return remember(errorCache, source, parseError(js), MAX_ERRORS);
}

function parseError(js: string): ExpressionError | undefined {
  try {
    parseProgram(js, { ecmaVersion: 'latest', sourceType: 'script' });
    return undefined;
  } catch (e) {
    const err = e as { message?: string; pos?: number };
    return { message: String(err.message ?? e).replace(/\s*\(\d+:\d+\)$/, ''), offset: err.pos ?? 0 };
  }
}
