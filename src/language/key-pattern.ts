/**
 * `keypress@pressed` patterns (reference §2.5): digits, an inclusive range `A-B`, `#`, `*`,
 * `default`/`Default` and `timeout`/`Timeout`. Lint and the simulator both read them here.
 *
 * @module
 */

/** A parsed `pressed` value. Digit strings stay strings: `007` and `7` are different inputs. */
export type PressedPattern =
  | { readonly kind: 'digits'; readonly value: string }
  | { readonly kind: 'range'; readonly low: string; readonly high: string }
  | { readonly kind: 'symbol'; readonly value: '#' | '*' }
  | { readonly kind: 'default' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'invalid'; readonly value: string };

/** Parses a `pressed` value (surrounding white space ignored). */
export function parseKeyPattern(pressed: string): PressedPattern {
  const p = pressed.trim();
  if (/^\d+$/.test(p)) return { kind: 'digits', value: p };
  const range = /^(\d+)\s*-\s*(\d+)$/.exec(p);
  if (range) return { kind: 'range', low: range[1]!, high: range[2]! };
  if (p === '#' || p === '*') return { kind: 'symbol', value: p };
  if (p.toLowerCase() === 'default') return { kind: 'default' };
  if (p.toLowerCase() === 'timeout') return { kind: 'timeout' };
  return { kind: 'invalid', value: p };
}

/** Compares two digit strings as numbers, without precision limits. */
export function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}

/** The longest input a pattern can match, in digits (0 for default/timeout). */
export function patternLength(p: PressedPattern): number {
  switch (p.kind) {
    case 'digits':
      return p.value.length;
    case 'range':
      // a range matches numbers, written without leading zeros
      return Math.max(p.low.replace(/^0+(?=\d)/, '').length, p.high.replace(/^0+(?=\d)/, '').length);
    case 'symbol':
      return 1;
    default:
      return 0;
  }
}

/**
 * Whether every input `later` matches is already matched by `earlier`, so `later` never fires.
 * Ranges compare numerically (`1-5` covers `3` and `2-4`); exact digits compare as written.
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
      return later.kind === 'range' && later.low === earlier.value && later.high === earlier.value;
    case 'range':
      if (compareDigits(earlier.low, earlier.high) > 0) return false;
      if (later.kind === 'digits') {
        return !/^0\d/.test(later.value) && compareDigits(earlier.low, later.value) <= 0 && compareDigits(later.value, earlier.high) <= 0;
      }
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
