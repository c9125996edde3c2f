/**
 * `${…}` substitution: textual, before any JavaScript runs, nested references inner-first
 * (`${choice${num}}` reads `num`, then `choice2`). Inserted values are never scanned again, so
 * a value containing `${` cannot trigger further lookups.
 *
 * @module
 */

/** Looks a variable up by its full name (`call.lastinput`, `Counter`); `undefined` when unset. */
export type Lookup = (name: string) => string | undefined;

/**
 * Replaces every `${name}` in `text`. Unset variables become the empty string and are
 * reported through `onUnset`. An unterminated `${` is kept as written.
 *
 * @example
 * ```ts
 * substitute('${choice${num}}', (n) => ({ num: '2', choice2: 'Blue' })[n]); // 'Blue'
 * ```
 */
export function substitute(text: string, lookup: Lookup, onUnset?: (name: string) => void): string {
  if (!text.includes('${')) return text;
  const [out] = scan(text, 0, false, lookup, onUnset);
  return out;
}

/** Scans from `i`; inside a reference, stops at its closing `}` and returns the position after it. */
function scan(text: string, i: number, inside: boolean, lookup: Lookup, onUnset?: (name: string) => void): [string, number, boolean] {
  let out = '';
  while (i < text.length) {
    if (text.startsWith('${', i)) {
      const [name, next, closed] = scan(text, i + 2, true, lookup, onUnset);
      if (!closed) return [out + '${' + name, next, false];
      const value = lookup(name);
      if (value === undefined) onUnset?.(name);
      out += value ?? '';
      i = next;
    } else if (inside && text[i] === '}') {
      return [out, i + 1, true];
    } else {
      out += text[i];
      i++;
    }
  }
  return [out, i, !inside];
}
