/**
 * Matching a caller's input against a menu's `<keypress pressed>` patterns.
 *
 * The choices where CallFire is silent (reference §7.2 item 4), documented in docs/testing-ivrs.md:
 * - `default`/`Default` and `timeout`/`Timeout` are case-insensitive.
 * - `default` takes any digit input no other keypress matches, but not a timeout: without a
 *   `timeout` keypress, a timeout falls through to the tag after the menu.
 * - A trailing `#` ends a multi-digit entry and is not part of `${call.lastinput}`; a lone `#`
 *   or `*` is an input of its own, matched by `pressed="#"` / `pressed="*"`.
 * - Entries longer than the menu's `maxDigits` are cut to `maxDigits`.
 * - A single value (`1`, `321`) matches the same digits exactly; a range `A-B` compares numbers,
 *   so `01` matches `1-3`.
 * - Explicit patterns are tried in document order before `default`.
 *
 * @module
 */
import { compareDigits, parseKeyPattern } from '../language/key-pattern.js';

/** The digits a menu receives for one raw input (`12345#` → `12345`). */
export function menuEntry(input: string, maxDigits: number | undefined): string {
  let entry = input;
  if (entry.length > 1 && entry.endsWith('#')) entry = entry.slice(0, -1);
  if (maxDigits !== undefined && maxDigits > 0 && entry.length > maxDigits) entry = entry.slice(0, maxDigits);
  return entry;
}

/** Whether a pattern is the `default` handler. */
export function isDefaultPattern(pressed: string): boolean {
  return parseKeyPattern(pressed).kind === 'default';
}

/** Whether a pattern is the `timeout` handler. */
export function isTimeoutPattern(pressed: string): boolean {
  return parseKeyPattern(pressed).kind === 'timeout';
}

/** Whether an explicit pattern (not default/timeout) matches an entry. */
export function matchesPattern(pressed: string, entry: string): boolean {
  const p = parseKeyPattern(pressed);
  switch (p.kind) {
    case 'digits':
    case 'symbol':
      return p.value === entry;
    case 'range':
      return /^\d+$/.test(entry) && compareDigits(entry, p.low) >= 0 && compareDigits(entry, p.high) <= 0;
    default:
      return false;
  }
}

/**
 * One input a caller could give to reach a pattern, for generating scenarios:
 * the value itself, a range's lower bound, `timeout`; `undefined` for `default`.
 */
export function sampleInput(pressed: string): string | undefined {
  const p = parseKeyPattern(pressed);
  switch (p.kind) {
    case 'timeout':
      return 'timeout';
    case 'default':
      return undefined;
    case 'range':
      return p.low;
    case 'invalid':
    case 'digits':
    case 'symbol':
      return p.value;
  }
}
