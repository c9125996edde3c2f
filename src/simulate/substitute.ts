/**
 * `${…}` substitution: textual, before any JavaScript runs, nested references inner-first
 * (`${choice${num}}` reads `num`, then `choice2`). Inserted values are never scanned again, so
 * a value containing `${` cannot trigger further lookups.
 *
 * @module
 */
import { replaceVariables } from '../language/variable-refs.js';

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
  // the same reading of references as lint's; a name built from others is substituted first
  return replaceVariables(text, (ref) => {
    const name = ref.dynamic ? substitute(ref.name, lookup, onUnset) : ref.name;
    const value = lookup(name);
    if (value === undefined) onUnset?.(name);
    return value ?? '';
  });
}
