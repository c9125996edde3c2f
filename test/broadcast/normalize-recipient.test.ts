import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeRecipient } from '../../src/language/values.js';

// The numbers reader used to clean a cell by hand: strip white space, parentheses, dots and
// dashes, then take what is left if it is `+` and digits. normalizeRecipient replaced that
// code; this keeps the old rule as the reference it is held to on generated cells.
function stripped(cell: string): string | undefined {
  const s = cell.replace(/[\s().-]/g, '');
  return /^\+?[0-9]+$/.test(s) ? s : undefined;
}

// What people put between and around the digits: the separators the old code removed, the
// white space of other scripts and spreadsheets (no-break, figure, ideographic spaces, BOM,
// line separator), and look-alikes it never removed (en dash, minus sign, zero-width space, slash).
const separator = fc.constantFrom(' ', '  ', '(', ')', '.', '-', '\t', '\u00A0', '\u2007', '\u202F', '\u3000', '\u2028', '\uFEFF', '\u2013', '\u2212', '\u200B', '/', '');
const prefix = fc.constantFrom('', '+', '+1', '+1 ', '1', '1-', '(+1) ', '+(1)', '00', '++');
const digits = fc.stringMatching(/^[0-9]{1,4}$/);
const letter = fc.constantFrom('a', 'x', 'X', 'O', 'ext', '１', '٣');
const piece = fc.oneof({ weight: 6, arbitrary: digits }, { weight: 4, arbitrary: separator }, { weight: 1, arbitrary: letter });
const cell = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(prefix, fc.array(piece, { maxLength: 12 })).map(([p, parts]) => p + parts.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '()', '+', '-', '.') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);

describe('normalizeRecipient against the numbers reader\'s old strip', () => {
  it('accepts and returns exactly what the old strip did', () => {
    fc.assert(
      fc.property(cell, (c) => {
        expect(normalizeRecipient(c)).toBe(stripped(c));
      }),
      { numRuns: 3000 },
    );
  });
});
