/**
 * `keypress@pressed` patterns (CallFire's keypress page and samples): digits, an inclusive range `A-B`, `#`, `*`,
 * `default`/`Default` and `timeout`/`Timeout`. Lint and the simulator both read them here; which
 * values are patterns at all is {@link isKeyPattern}'s rule (`language/values.ts`), so a spelling
 * the XSD refuses (`DEFAULT`, `1 - 3`) reads as invalid everywhere.
 *
 * @module
 */
import { isKeyPattern } from './values.js';

/** A parsed `pressed` value. Digit strings stay strings: `007` and `7` are different inputs. @category Key patterns */
export type PressedPattern =
  | { readonly kind: 'digits'; readonly value: string }
  | { readonly kind: 'range'; readonly low: string; readonly high: string }
  | { readonly kind: 'symbol'; readonly value: '#' | '*' }
  | { readonly kind: 'default' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'invalid'; readonly value: string };

/** Parses a `pressed` value (surrounding white space ignored). @category Key patterns */
export function parseKeyPattern(pressed: string): PressedPattern {
  const p = pressed.trim();
  if (!isKeyPattern(p)) return { kind: 'invalid', value: p };
  if (p === '#' || p === '*') return { kind: 'symbol', value: p };
  if (/^[Dd]/.test(p)) return { kind: 'default' };
  if (/^[Tt]/.test(p)) return { kind: 'timeout' };
  const dash = p.indexOf('-');
  return dash < 0 ? { kind: 'digits', value: p } : { kind: 'range', low: p.slice(0, dash), high: p.slice(dash + 1) };
}

/** Compares two digit strings as numbers, without precision limits. */
export function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}

/**
 * Whether an explicit pattern takes a menu entry (the digits, `#` or `*` the caller gave).
 * Digits and symbols match exactly as written (`1` does not take `01`). A range `A-B` takes the
 * numbers from A to B written without leading zeros, so `1-5` takes `3` but not `03`: this is
 * the one matching rule, shared by the simulator and lint. `default` and `timeout` match no entry
 * here; the menu tries them after every explicit pattern.
 */
export function matchesEntry(p: PressedPattern, entry: string): boolean {
  switch (p.kind) {
    case 'digits':
    case 'symbol':
      return p.value === entry;
    case 'range':
      return /^(0|[1-9]\d*)$/.test(entry) && compareDigits(p.low, entry) <= 0 && compareDigits(entry, p.high) <= 0;
    default:
      return false;
  }
}

/**
 * The fewest digits an input needs to match a pattern (0 for default/timeout/invalid): a
 * range's low end written without leading zeros, since the range takes its shorter numbers too.
 */
export function shortestInput(p: PressedPattern): number {
  switch (p.kind) {
    case 'digits':
      return p.value.length;
    case 'range':
      return p.low.replace(/^0+(?=\d)/, '').length;
    case 'symbol':
      return 1;
    default:
      return 0;
  }
}

/**
 * Whether every input `later` matches is already matched by `earlier`, so `later` never fires.
 * Follows {@link matchesEntry}: ranges compare numerically (`1-5` covers `3` and `2-4`, not
 * `03`); exact digits compare as written.
 */
export function covers(earlier: PressedPattern, later: PressedPattern): boolean {
  switch (earlier.kind) {
    case 'default':
    case 'timeout':
      return later.kind === earlier.kind;
    case 'symbol':
      return later.kind === 'symbol' && later.value === earlier.value;
    case 'digits':
      if (later.kind === 'digits') return later.value === earlier.value;
      // a one-number range (`3-3`) takes only that number written plainly
      return later.kind === 'range' && compareDigits(later.low, later.high) === 0 && matchesEntry(later, earlier.value);
    case 'range':
      if (compareDigits(earlier.low, earlier.high) > 0) return false;
      if (later.kind === 'digits') return matchesEntry(earlier, later.value);
      if (later.kind === 'range') {
        return compareDigits(later.low, later.high) <= 0 && compareDigits(earlier.low, later.low) <= 0 && compareDigits(later.high, earlier.high) <= 0;
      }
      return false;
    case 'invalid':
      return later.kind === 'invalid' && later.value === earlier.value;
  }
}

/** Writes a pattern back as text. */
export function formatKeyPattern(p: PressedPattern): string {
  switch (p.kind) {
    case 'digits':
    case 'symbol':
    case 'invalid':
      return p.value;
    case 'range':
      return `${p.low}-${p.high}`;
    default:
      return p.kind;
  }
}
