/**
 * Offsets in a text to line and column: the parser, the schema error locator and the unsafe
 * input check all point into the same XML text.
 *
 * @module
 */
import { firstNotBefore } from './binary-search.js';

/** 0-based offsets at which each line of the text starts (after each `\n`). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * The 1-based line and column (in UTF-16 code units) of a 0-based offset, found by binary
 * search in the text's {@link lineStarts}.
 *
 * @example
 * ```ts
 * positionAt(lineStarts('ab\ncd'), 4); // { line: 2, column: 2 }
 * ```
 */
export function positionAt(starts: readonly number[], offset: number): { line: number; column: number } {
  // the line is the last one starting at or before the offset (line 1 for any offset before the text)
  const line = Math.max(1, firstNotBefore(starts, (start) => start <= offset));
  return { line, column: offset - starts[line - 1]! + 1 };
}
