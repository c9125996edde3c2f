/**
 * Issue 15, item 6: the lint checks that compared every pair, at 20,000 where they did. Before
 * these indexes, on the 2-core machine this was measured on, `overlapping-keypress` took 25 s
 * for one menu of 4,000 key ranges, `undefined-variable` 45 s for 4,000 reads beside 4,000
 * variables set under `${…}` names, and `unreachable-code` (through `isGotoTarget`) 57 s for
 * 4,000 named tags beside 4,000 `${…}` goto targets: 6 to 25 times that at the sizes below, far
 * past the test's timeout. No timings here: the findings must be the same as the pairwise answers
 * (checked against them on small random inputs), and the big shapes must finish.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DocumentNode } from '../../src/ast/nodes.js';
import { covers, parseKeyPattern } from '../../src/language/key-pattern.js';
import { DynamicNameMatcher, DynamicNameSet, dynamicNamePattern } from '../../src/language/variable-refs.js';
import { parse } from '../../src/parse/parse.js';
import { lintDocument } from '../../src/validate/lint/lint.js';
import { SHAPES } from './hostile-shapes.js';

const rulesLint = (xml: string) => lintDocument(parse(xml).document as DocumentNode);
const of = (rule: string, xml: string) => rulesLint(xml).filter((d) => d.rule === rule);

describe('checks that compared every pair finish at 10,000-20,000 with the same findings', () => {
  it('overlapping-keypress: one menu of 20,000 key ranges, then a key the first one takes', () => {
    const found = of('overlapping-keypress', SHAPES.keyRanges(20_000));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: '/dialplan/menu[1]/keypress[20001]', data: { pressed: '3', earlier: '0-5', same: false } });
  });

  it('undefined-variable: 10,000 reads beside 10,000 variables set under ${…} names, one read built by them', () => {
    const found = of('undefined-variable', SHAPES.dynamicVariables(10_000));
    expect(found).toHaveLength(10_000);
    expect(found.every((d) => /^xa{40}u\d+$/.test(String(d.data?.name)))).toBe(true);
  });

  it('unreachable-code: 10,000 named tags after a hangup beside 10,000 ${…} goto targets, one tag a target builds', () => {
    const found = of('unreachable-code', SHAPES.dynamicTargets(10_000));
    expect(found).toHaveLength(10_000);
    expect(found.some((d) => d.path === '/dialplan/if[20001]/play[1]')).toBe(false);
    expect(found.at(-1)!.path).toBe('/dialplan/if[20000]/play[1]');
  });
});

/** Pieces a dynamic name or a plain name is made of: references, their braces, line terminators, regexp syntax. */
const name = fc.array(fc.constantFrom('a', 'b', 'ab', '${', '}', '${x}', '${a${b}}', '\n', '\u2028', '.', '*', '$', '{'), { maxLength: 8 }).map((xs) => xs.join(''));

describe('the indexes answer as the patterns do', () => {
  it('DynamicNameSet.fits(name) is whether some dynamicNamePattern matches', () => {
    fc.assert(
      fc.property(fc.array(name, { maxLength: 6 }), fc.array(name, { maxLength: 10 }), (dynamic, names) => {
        const set = new DynamicNameSet(dynamic);
        const patterns = dynamic.map(dynamicNamePattern);
        for (const n of names) expect([n, set.fits(n)]).toEqual([n, patterns.some((re) => re.test(n))]);
      }),
      { numRuns: 2_000 },
    );
  });

  it('DynamicNameMatcher.anyFits(dynamic) is whether some name matches its pattern', () => {
    fc.assert(
      fc.property(fc.array(name, { maxLength: 6 }), fc.array(name, { maxLength: 10 }), (dynamic, names) => {
        const matcher = new DynamicNameMatcher(names, dynamic);
        for (const d of dynamic) expect([d, matcher.anyFits(d)]).toEqual([d, names.some((n) => dynamicNamePattern(d).test(n))]);
      }),
      { numRuns: 2_000 },
    );
  });

  it('overlapping-keypress reports each keypress that the first earlier live keypress covers, with that one', () => {
    const pressed = fc.oneof(fc.constantFrom('default', 'Timeout', '#', '*', 'x'), fc.stringMatching(/^0?[0-9]{1,2}$/), fc.tuple(fc.stringMatching(/^0?[0-9]{1,2}$/), fc.stringMatching(/^0?[0-9]{1,2}$/)).map(([a, b]) => `${a}-${b}`));
    fc.assert(
      fc.property(fc.array(pressed, { maxLength: 14 }), (keys) => {
        const xml = `<dialplan name="Root"><menu name="m"><play type="tts">Pick</play>${keys.map((k) => `<keypress pressed="${k}"><hangup/></keypress>`).join('')}</menu></dialplan>`;
        const doc = parse(xml).document!;
        // the pairwise answer: a keypress is dead when an earlier live one covers it; the first such is named
        const live: number[] = [];
        const expected: Array<[string, string]> = [];
        keys.forEach((k, i) => {
          const first = live.find((e) => covers(parseKeyPattern(keys[e]!), parseKeyPattern(k)));
          if (first === undefined) live.push(i);
          else expected.push([`/dialplan/menu[1]/keypress[${i + 1}]`, keys[first]!]);
        });
        const found = lintDocument(doc).filter((d) => d.rule === 'overlapping-keypress');
        expect(found.map((d) => [d.path, d.data?.earlier])).toEqual(expected);
      }),
      { numRuns: 1_000 },
    );
  });
});
