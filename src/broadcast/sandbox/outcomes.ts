/**
 * How the sandbox's calls turn out: a fixed function of the number (and the attempt), so
 * a test or a demo sees the same results every run, with a realistic mix of CallFire results.
 *
 * @module
 */
import type { CallResult } from '../types.js';

/**
 * FNV-1a over the text, then a final avalanche (MurmurHash3's fmix32) so that numbers that
 * differ only in their last digit still land far apart.
 */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Share of each result, in percent: most calls answer live, some reach a machine, a few fail.
const MIX: readonly (readonly [CallResult, number])[] = [
  ['LA', 55],
  ['AM', 20],
  ['BUSY', 10],
  ['NO_ANS', 12],
  ['CARRIER_TEMP_ERROR', 3],
];

/** The result of one attempt to call `number`. */
export function outcome(number: string, attempt = 1): CallResult {
  let roll = hash(`${number}#${attempt}`) % 100;
  for (const [result, share] of MIX) {
    if (roll < share) return result;
    roll -= share;
  }
  return 'LA';
}

/** Seconds a call lasted: a live answer talks longer than a machine; no answer lasts nothing. */
export function durationOf(number: string, result: CallResult, attempt = 1): number {
  const h = hash(`${number}@${attempt}`);
  if (result === 'LA') return 20 + (h % 70);
  if (result === 'AM') return 15 + (h % 25);
  return 0;
}
