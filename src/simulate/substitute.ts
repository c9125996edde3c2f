/**
 * `${…}` substitution: textual, before any JavaScript runs, nested references inner-first
 * (`${choice${num}}` reads `num`, then `choice2`). Inserted values are never scanned again, so
 * a value containing `${` cannot trigger further lookups.
 *
 * @module
 */
/** Looks a variable up by its full name (`call.lastinput`, `Counter`); `undefined` when unset. @category Expressions */
export type Lookup = (name: string) => string | undefined;

/**
 * Replaces every `${name}` in `text`. Unset variables become the empty string and are
 * reported through `onUnset`. An unterminated `${` is kept as written.
 *
 * @example
 * ```ts
 * substitute('${choice${num}}', (n) => ({ num: '2', choice2: 'Blue' })[n]); // 'Blue'
 * ```
 * @category Expressions
 */
export function substitute(text: string, lookup: Lookup, onUnset?: (name: string) => void): string {
  if (!text.includes('${')) return text;
  // One pass with a stack of open references, the reading scanVariables (shared with lint)
  // makes: each `}` closes the innermost open `${`, whose text, already substituted, is the
  // name. No recursion and no rescans: 8,000 nested `${` cost linear time and constant stack.
  const open: string[] = [];
  let current = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      open.push(current + text.slice(from, i));
      current = '';
      from = i + 2;
      i++;
    } else if (text[i] === '}' && open.length > 0) {
      const name = current + text.slice(from, i);
      const value = lookup(name);
      if (value === undefined) onUnset?.(name);
      current = open.pop()! + (value ?? '');
      from = i + 1;
    }
  }
  // a `${` never closed is kept as written
  let rest = current + text.slice(from);
  while (open.length > 0) rest = `${open.pop()!}\${${rest}`;
  return rest;
}
