import { describe, expect, it } from 'vitest';
import { nearest, osaDistance } from '../../src/util/nearest.js';

describe('nearest', () => {
  it('counts a transposition as one edit', () => {
    expect(osaDistance('mian', 'main')).toBe(1);
    expect(osaDistance('kitten', 'sitting')).toBe(3);
    expect(nearest('mian', ['menu', 'main'])).toBe('main');
  });

  it('prefers a case-only difference and gives up on words too far away', () => {
    expect(nearest('Counter', ['counter'])).toBe('counter');
    expect(nearest('zzz', ['main'])).toBeUndefined();
    // The word itself is never its own suggestion.
    expect(nearest('main', ['main'])).toBeUndefined();
  });
});
