/**
 * Choosing a menu's `<keypress>` for a caller's input.
 *
 * The choices where CallFire's documentation is silent, documented in docs/testing-ivrs.md:
 * - `default`/`Default` and `timeout`/`Timeout` are case-insensitive.
 * - `default` takes any digit input no other keypress matches, but not a timeout: without a
 *   `timeout` keypress, a timeout falls through to the tag after the menu.
 * - A trailing `#` ends a multi-digit entry and is not part of `${call.lastinput}`; a lone `#`
 *   or `*` is an input of its own, matched by `pressed="#"` / `pressed="*"`.
 * - Entries longer than the menu's `maxDigits` are cut to `maxDigits`.
 * - Whether a pattern takes an entry is {@link matchesEntry} (shared with lint): a single value
 *   (`1`, `321`) matches the same digits exactly; a range `A-B` takes the numbers written without
 *   leading zeros, so `01` matches neither `1` nor `1-3`.
 * - Explicit patterns are tried in document order before `default`.
 *
 * @module
 */
import type { AnyElement, ElementNode } from '../ast/nodes.js';
import { elementChildren } from '../ast/nodes.js';
import { matchesEntry, parseKeyPattern, type PressedPattern } from '../language/key-pattern.js';

/** A menu's keypresses and their parsed patterns, in document order. */
export interface MenuKeys {
  readonly keypresses: readonly ElementNode<'keypress'>[];
  readonly patterns: readonly PressedPattern[];
}

const menus = new WeakMap<AnyElement, MenuKeys>();

/** The keypresses of a menu with their patterns, parsed once per menu (trees are immutable). */
export function menuKeys(menu: AnyElement): MenuKeys {
  let keys = menus.get(menu);
  if (!keys) {
    const keypresses = elementChildren(menu).filter((c): c is ElementNode<'keypress'> => c.kind === 'keypress');
    keys = { keypresses, patterns: keypresses.map((k) => parseKeyPattern(k.attributes['pressed'] ?? '')) };
    menus.set(menu, keys);
  }
  return keys;
}

/** Whether an input is keypad keys only (`0-9`, `#` and `*`), read without a regular expression: the engine asks it of every input. */
export function isKeypadEntry(input: string): boolean {
  if (input.length === 0) return false;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 35 || c === 42)) return false;
  }
  return true;
}

/** What a caller can give at a menu: keypad keys (`0-9`, `*`, `#`), or `timeout` or `hangup` (any case). */
export function isCallerInput(input: string): boolean {
  return isKeypadEntry(input) || /^(?:timeout|hangup)$/i.test(input);
}

/** The digits a menu receives for one raw input (`12345#` → `12345`). */
export function menuEntry(input: string, maxDigits: number | undefined): string {
  let entry = input;
  if (entry.length > 1 && entry.endsWith('#')) entry = entry.slice(0, -1);
  if (maxDigits !== undefined && maxDigits > 0 && entry.length > maxDigits) entry = entry.slice(0, maxDigits);
  return entry;
}

/**
 * Which pattern an input selects: for a timeout (`entry` undefined) the first `timeout` pattern;
 * otherwise the first explicit pattern that takes the entry, else the first `default`.
 * Returns the pattern's position, or -1 when the input falls through the menu.
 */
export function selectKeypress(patterns: readonly PressedPattern[], entry: string | undefined): number {
  // loops rather than findIndex with callbacks: the simulator asks this on every input
  if (entry === undefined) return indexOfKind(patterns, 'timeout');
  for (let i = 0; i < patterns.length; i++) if (matchesEntry(patterns[i]!, entry)) return i;
  return indexOfKind(patterns, 'default');
}

function indexOfKind(patterns: readonly PressedPattern[], kind: PressedPattern['kind']): number {
  for (let i = 0; i < patterns.length; i++) if (patterns[i]!.kind === kind) return i;
  return -1;
}

/**
 * One input a caller could give to reach a pattern, for generating scenarios:
 * the value itself, a range's lower bound, `timeout`; `undefined` for `default`.
 */
export function sampleInput(p: PressedPattern): string | undefined {
  switch (p.kind) {
    case 'timeout':
      return 'timeout';
    case 'default':
      return undefined;
    case 'range':
      // the low end as the range reads it: without leading zeros
      return p.low.replace(/^0+(?=\d)/, '');
    case 'invalid':
    case 'digits':
    case 'symbol':
      return p.value;
  }
}
