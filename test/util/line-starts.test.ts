import { describe, expect, it } from 'vitest';
import { lineStarts, positionAt } from '../../src/util/line-starts.js';

describe('lineStarts() and positionAt()', () => {
  it('turn offsets into 1-based line and column, CRLF and empty lines included', () => {
    const text = 'ab\r\n\ncd';
    const starts = lineStarts(text);
    expect(starts).toEqual([0, 4, 5]);
    expect(positionAt(starts, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(starts, 2)).toEqual({ line: 1, column: 3 });
    expect(positionAt(starts, 4)).toEqual({ line: 2, column: 1 });
    expect(positionAt(starts, 6)).toEqual({ line: 3, column: 2 });
  });

  it('has one line for a text without newlines', () => {
    expect(positionAt(lineStarts('<dialplan/>'), 10)).toEqual({ line: 1, column: 11 });
  });
});
