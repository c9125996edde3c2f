import type { AnyElement } from '../../../ast/nodes.js';
import { elementName, isElement } from '../../../ast/nodes.js';
import { compareDigits, covers, formatKeyPattern, type PressedPattern } from '../../../language/key-pattern.js';
import { firstCoveringRanges } from '../helpers/covering-ranges.js';
import type { Rule } from '../types.js';

interface Params {
  readonly pressed: string;
  readonly earlier: string;
  readonly earlierLine: number | undefined;
  readonly same: boolean;
}

/** A keypress of the menu, at its place among the menu's keypresses. */
interface Seen {
  readonly node: AnyElement;
  readonly raw: string;
  readonly pattern: PressedPattern;
  /** {@link keyOf} the pattern. */
  readonly key: string | undefined;
  readonly order: number;
}

/** What one `pressed` value reads as: its pattern, its key, and for a one-number range the key of those digits written plainly. */
interface Reading {
  readonly pattern: PressedPattern;
  readonly key: string | undefined;
  readonly plainKey: string | undefined;
}

/**
 * The key under which equal patterns meet: `covers()` between two patterns that are not ranges
 * holds exactly when their keys are equal (digits as written, a symbol, default, timeout, the
 * same invalid text); undefined for ranges.
 */
function keyOf(p: PressedPattern): string | undefined {
  switch (p.kind) {
    case 'digits':
      return `d${p.value}`;
    case 'symbol':
      return `s${p.value}`;
    case 'invalid':
      return `i${p.value}`;
    case 'range':
      return undefined;
    default:
      return p.kind;
  }
}

/** A keypress an earlier one in the same menu already catches entirely. */
export const overlappingKeypress: Rule<Params> = {
  name: 'overlapping-keypress',
  severity: 'warning',
  description: 'A keypress can never fire because an earlier keypress in the same menu already catches all its input.',
  docs: {
    details:
      'The first keypress whose `pressed` matches the input runs. A later keypress with the same pattern ' +
      '(`default` twice, `Timeout` and `timeout`) or inside an earlier range (`1-5` then `3`, or `1-5` then ' +
      '`2-4`) is dead. Ranges compare as numbers written without leading zeros, the way the simulator matches ' +
      'input: `1-5` does not take `03`, so a later `pressed="03"` is reachable. CallFire\'s own sample SimpleTransfer2 has two ' +
      '`pressed="default"` keypresses where the prompt promises 1 for sales and 2 for support.',
    bad: '<menu maxDigits="1">\n  <play type="tts">Press 1 to 5.</play>\n  <keypress pressed="1-5"><goto>agent</goto></keypress>\n  <keypress pressed="3"><goto>billing</goto></keypress>\n</menu>',
    good: '<menu maxDigits="1">\n  <play type="tts">Press 1 to 5.</play>\n  <keypress pressed="3"><goto>billing</goto></keypress>\n  <keypress pressed="1-5"><goto>agent</goto></keypress>\n</menu>',
  },
  message: ({ pressed, earlier, earlierLine, same }) =>
    `keypress pressed="${pressed}" never fires: ${same ? 'the same pattern' : `"${earlier}"`} is already handled by an earlier keypress${earlierLine !== undefined ? ` (line ${earlierLine})` : ''}.`,
  check(ctx, report) {
    // menus repeat the same few values (1, 2, default): each is read once per run
    const readings = new Map<string, Reading>();
    const readingOf = (raw: string): Reading => {
      let r = readings.get(raw);
      if (r === undefined) {
        const pattern = ctx.keyPattern(raw);
        // a one-number range is covered by those digits written plainly
        const plainKey = pattern.kind === 'range' && compareDigits(pattern.low, pattern.high) === 0 ? `d${pattern.low.replace(/^0+(?=\d)/, '')}` : undefined;
        readings.set(raw, (r = { pattern, key: keyOf(pattern), plainKey }));
      }
      return r;
    };
    // one list and one map for every menu, emptied for each
    const seen: Seen[] = [];
    const byKey = new Map<string, Seen>();
    for (const node of ctx.ofTag('menu')) {
      seen.length = 0;
      let ranges = false;
      const children = node.children;
      for (let c = 0; c < children.length; c++) {
        const k = children[c]!;
        if (!isElement(k) || elementName(k) !== 'keypress') continue;
        const raw = ctx.attr(k, 'pressed')?.trim() ?? '';
        const { pattern, key } = readingOf(raw);
        if (pattern.kind === 'range') ranges = true;
        seen.push({ node: k, raw, pattern, key, order: seen.length });
      }
      // only a later keypress can be covered by an earlier one
      if (seen.length < 2) continue;
      byKey.clear();
      // The earlier patterns that can cover a later one: equal ones by key (a map, not a scan:
      // menus can hold thousands of keypresses), and the ranges, found for the menu at once.
      const coveringRange = ranges ? firstCoveringRanges(seen.map((s) => s.pattern)) : undefined;
      for (const entry of seen) {
        const { pattern, key } = entry;
        let hit = key === undefined ? undefined : byKey.get(key);
        const plainKey = pattern.kind === 'range' ? readingOf(entry.raw).plainKey : undefined;
        if (plainKey !== undefined) {
          const plain = byKey.get(plainKey);
          if (plain && covers(plain.pattern, pattern) && (!hit || plain.order < hit.order)) hit = plain;
        }
        const range = coveringRange === undefined ? undefined : seen[coveringRange[entry.order]!];
        if (range && (!hit || range.order < hit.order)) hit = range;
        if (hit) {
          report(entry.node, { pressed: entry.raw, earlier: hit.raw, earlierLine: hit.node.loc?.line, same: formatKeyPattern(hit.pattern).toLowerCase() === formatKeyPattern(pattern).toLowerCase() }, { at: { attribute: 'pressed' } });
        } else if (key !== undefined && !byKey.has(key)) {
          byKey.set(key, entry);
        }
      }
    }
  },
};
