import { describe, expect, it } from 'vitest';
import { remember } from '../../src/util/bounded-cache.js';

describe('remember (bounded cache)', () => {
  it('returns the value it stores', () => {
    const cache = new Map<string, number>();
    expect(remember(cache, 'a', 1, 3)).toBe(1);
    expect(cache.get('a')).toBe(1);
  });

  it('never holds more than the bound, dropping the oldest entry first', () => {
    const cache = new Map<string, number>();
    for (let i = 0; i < 10; i++) remember(cache, `k${i}`, i, 4);
    expect(cache.size).toBe(4);
    expect([...cache.keys()]).toEqual(['k6', 'k7', 'k8', 'k9']);
  });

  it('keeps the recent entries when full instead of emptying itself', () => {
    const cache = new Map<number, number>();
    for (let i = 0; i < 100; i++) remember(cache, i, i * 2, 50);
    remember(cache, 100, 200, 50);
    expect(cache.size).toBe(50);
    expect(cache.has(50)).toBe(false);
    expect(cache.get(51)).toBe(102);
    expect(cache.get(100)).toBe(200);
  });

  it('replaces a key already present without evicting another', () => {
    const cache = new Map<string, string>([['a', '1'], ['b', '2']]);
    remember(cache, 'a', 'x', 2);
    expect([...cache.entries()]).toEqual([['a', 'x'], ['b', '2']]);
  });

  it('stores an undefined value as an entry (a cached "no error")', () => {
    const cache = new Map<string, number | undefined>();
    remember(cache, 'ok', undefined, 2);
    expect(cache.has('ok')).toBe(true);
  });
});
