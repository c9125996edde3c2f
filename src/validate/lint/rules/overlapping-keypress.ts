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

/** What one `pressed` value reads as: its pattern, its key, and for a one-number range the key of those digits written plainly. */
interface Reading {
  /** The value, trimmed. */
  readonly raw: string;
  readonly pattern: PressedPattern;
  /** {@link keyOf} the pattern. */
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
        readings.set(raw, (r = { raw, pattern, key: keyOf(pattern), plainKey }));
      }
      return r;
    };
    // The keypresses of the menu at hand, by their place among its keypresses, in slots
    // reused for every menu (nothing is allocated per keypress). byKey holds the first
    // uncovered place of each key as base + place; a value below the menu's base is an earlier
    // menu's, so the map is never cleared (a cleared Map gets a new table: one per menu).
    const nodes: AnyElement[] = [];
    const read: Reading[] = [];
    const byKey = new Map<string, number>();
    let base = 0;
    const placeOf = (key: string): number => {
      const at = byKey.get(key);
      return at !== undefined && at >= base ? at - base : -1;
    };
    const menus = ctx.ofTag('menu');
    for (let m = 0; m < menus.length; m++) {
      let n = 0;
      let ranges = false;
      const children = menus[m]!.children;
      for (let c = 0; c < children.length; c++) {
        const k = children[c]!;
        if (!isElement(k) || elementName(k) !== 'keypress') continue;
        const reading = readingOf(ctx.attr(k, 'pressed')?.trim() ?? '');
        if (reading.pattern.kind === 'range') ranges = true;
        nodes[n] = k;
        read[n++] = reading;
      }
      // only a later keypress can be covered by an earlier one
      if (n < 2) continue;
      // The earlier patterns that can cover a later one: equal ones by key (a map, not a scan:
      // menus can hold thousands of keypresses), and the ranges, found for the menu at once.
      const coveringRange = ranges ? firstCoveringRanges(read.slice(0, n).map((r) => r.pattern)) : undefined;
      for (let j = 0; j < n; j++) {
        const { raw, pattern, key, plainKey } = read[j]!;
        let hit = key === undefined ? -1 : placeOf(key);
        if (plainKey !== undefined) {
          const plain = placeOf(plainKey);
          if (plain >= 0 && covers(read[plain]!.pattern, pattern) && (hit < 0 || plain < hit)) hit = plain;
        }
        const range = coveringRange === undefined ? -1 : coveringRange[j]!;
        if (range >= 0 && (hit < 0 || range < hit)) hit = range;
        if (hit >= 0) {
          const earlier = read[hit]!;
          report(nodes[j]!, { pressed: raw, earlier: earlier.raw, earlierLine: nodes[hit]!.loc?.line, same: formatKeyPattern(earlier.pattern).toLowerCase() === formatKeyPattern(pattern).toLowerCase() }, { at: { attribute: 'pressed' } });
        } else if (key !== undefined && placeOf(key) < 0) {
          byKey.set(key, base + j);
        }
      }
      base += n;
    }
  },
};
