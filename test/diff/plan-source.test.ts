/**
 * diffPlans and diffOverlay take what the README's other plan functions take: a plan built with
 * the DSL, a syntax tree or XML text, with the same answer for each; XML that does not parse is
 * a SyntaxError naming the line, anything else a TypeError naming the function (before, any
 * of these but a tree crashed with "Cannot read properties of undefined (reading 'children')").
 */
import { describe, expect, it } from 'vitest';
import { dialplan, parse, type PlanSource } from '../../src/index.js';
import { diffOverlay, diffPlans } from '../../src/entries/diff.js';

const before = dialplan({ name: 'Root' }).menu({ name: 'main', maxDigits: 1 }, (m) =>
  m.play('Press 1.').keypress('1', (k) => k.transfer('12135551234', { timeout: 30 })),
);
const after = dialplan({ name: 'Root' }).menu({ name: 'main', maxDigits: 1 }, (m) =>
  m.play('Press 1.').keypress('1', (k) => k.transfer('12135551234', { timeout: 45 })).keypress('2', (k) => k.hangup()),
);
const tree = (p: typeof before) => parse(p.toXml()).document!;
// Lines exist only in trees parsed from XML, and changes are listed by line: compare a diff
// of a DSL plan without them, in one order.
const withoutLines = (v: unknown) => {
  const plain = JSON.parse(JSON.stringify(v, (k, x) => (k === 'line' ? undefined : x))) as { changes?: unknown[] };
  plain.changes?.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return plain;
};

describe('diffPlans and diffOverlay', () => {
  const fromTrees = diffPlans(tree(before), tree(after));

  it('take a DSL plan, a syntax tree and XML text alike', () => {
    expect(fromTrees.changes.map((c) => c.kind).sort()).toEqual(['added', 'changed']);
    expect(diffPlans(before.toXml(), after.toXml())).toEqual(fromTrees);
    expect(withoutLines(diffPlans(before, after))).toEqual(withoutLines(fromTrees));
    expect(withoutLines(diffPlans(before.toXml(), after))).toEqual(withoutLines(fromTrees));
    const overlay = diffOverlay(tree(after), fromTrees);
    expect(overlay.nodes.some((n) => n.marks?.some((m) => m.kind === 'added'))).toBe(true);
    expect(diffOverlay(after.toXml(), fromTrees)).toEqual(overlay);
    expect(withoutLines(diffOverlay(after, fromTrees))).toEqual(withoutLines(overlay));
  });

  it('refuse XML that does not parse with a SyntaxError naming the line', () => {
    expect(() => diffPlans(before, '<dialplan>\n<play>Hi</pla>\n</dialplan>')).toThrow(
      expect.objectContaining({ name: 'SyntaxError', message: expect.stringMatching(/^diffPlans\(\): .*line 2/) }),
    );
  });

  it.each([[42, 'a number'], [undefined, 'undefined'], [{}, 'an object without toAst()']])('refuse %o with a TypeError naming the function', (value, described) => {
    const said = `takes a plan built with the DSL, a syntax tree, or XML text; got ${described}`;
    expect(() => diffPlans(before, value as unknown as PlanSource)).toThrow(new TypeError(`diffPlans() ${said}`));
    expect(() => diffPlans(value as unknown as PlanSource, before)).toThrow(new TypeError(`diffPlans() ${said}`));
    expect(() => diffOverlay(value as unknown as PlanSource, fromTrees)).toThrow(new TypeError(`diffOverlay() ${said}`));
  });
});
