/**
 * Offsets in a text to line and column: the parser, the schema error locator and the unsafe
 * input check all point into the same XML text.
 *
 * @module
 */

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
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}
