/**
 * The indexed "did you mean" (TypoIndex, osaWithin) gives exactly the answers of the plain
 * one (nearest, closeMatches, osaDistance) on random words, and stays bounded where the plain
 * one compares every pair: 5,000 unknown goto targets beside 5,000 near-identical names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TypoIndex, closeMatches, nearest, osaDistance, osaWithin } from '../../src/util/nearest.js';
import { LIMITS } from '../../src/validate/limits.js';
import { lint } from '../../src/validate/lint/lint.js';
import { SHAPES } from './hostile-shapes.js';

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'B', '1'), maxLength: 9 });

describe('TypoIndex', () => {
  it('answers as nearest() and closeMatches() do', () => {
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 12 }), (w, candidates) => {
        const index = new TypoIndex(candidates);
        expect(index.nearest(w)).toBe(nearest(w, candidates));
        expect(index.closeMatches(w)).toEqual(closeMatches(w, candidates));
      }),
      { numRuns: 500 },
    );
  });

  it('osaWithin is osaDistance up to its bound', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 6 }), (a, b, k) => {
        expect(osaWithin(a, b, k)).toBe(Math.min(osaDistance(a, b), k + 1));
      }),
      { numRuns: 1000 },
    );
  });

  it('stops suggesting when its budget is spent, and says nothing wrong', () => {
    const index = new TypoIndex(['main', 'menu'], 10);
    expect(index.nearest('mian')).toBeUndefined();
    expect(index.closeMatches('mian')).toEqual([]);
  });

  it('lint of 5,000 unknown goto targets beside 5,000 near names (25 million pairs) finishes, the first ones with their suggestion', () => {
    const { diagnostics } = lint(SHAPES.gotoTypos(5_000));
    const gotos = diagnostics.filter((d) => d.rule === 'unknown-goto-target');
    expect(gotos.length).toBeGreaterThan(100);
    expect(gotos[0]!.message).toContain('did you mean "menu0x"?');
    expect(diagnostics.at(-1)).toMatchObject({ rule: 'input-limit' });
    expect(LIMITS.suggestionWork).toBeGreaterThan(0);
  });
});
