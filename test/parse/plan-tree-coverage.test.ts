/**
 * callCoverage and planBranches take a plan in the same three forms as compile and the
 * diagrams (through planTree), give the same report for each, and refuse anything else with the
 * TypeError or SyntaxError the others give, instead of "Cannot read properties of undefined".
 */
import { describe, expect, it } from 'vitest';
import { dialplan, parse, simulate, type PlanSource } from '../../src/index.js';
import { callCoverage, planBranches } from '../../src/entries/simulate.js';

const plan = dialplan({ name: 'Root' }).menu({ name: 'main', maxDigits: 1, timeout: 3000 }, (m) =>
  m
    .play('Press 1 for sales.')
    .keypress('1', (k) => k.transfer('12135551234'))
    .keypress('timeout', (k) => k.hangup()),
);
const xml = plan.toXml();
const said = 'takes a plan built with the DSL, a syntax tree, or XML text; got';
const broken = '<dialplan name="Root">\n  <play type="tts">Hi</pla>\n</dialplan>';

describe('callCoverage()', () => {
  it('gives the same report for a DSL plan, its tree and its XML text', async () => {
    const results = [await simulate(xml, { keys: ['1'] })];
    const fromTree = callCoverage(parse(xml).document!, results);
    expect(callCoverage(xml, results)).toEqual(fromTree);
    expect(fromTree.branches.covered).toBe(1);
    expect(fromTree.branches.total).toBe(2);
    // a DSL plan's tree has no lines: the same report once they are left out
    const noLines = (r: typeof fromTree) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'line' ? undefined : v)));
    expect(callCoverage(plan, results)).toEqual(noLines(fromTree));
    expect(callCoverage(plan.toAst(), results)).toEqual(callCoverage(plan, results));
  });

  it('refuses XML that does not parse with a SyntaxError naming the line', () => {
    expect(() => callCoverage(broken, [])).toThrow(expect.objectContaining({ name: 'SyntaxError', message: expect.stringMatching(/^callCoverage\(\): .*line 2/) }));
  });

  it.each([[42, 'a number'], [undefined, 'undefined'], [{ root: {} }, 'an object without toAst()']])('refuses %o with a TypeError naming it', (value, described) => {
    expect(() => callCoverage(value as unknown as PlanSource, [])).toThrow(new TypeError(`callCoverage() ${said} ${described}`));
  });
});

describe('planBranches()', () => {
  it('lists the same branches for a DSL plan, its tree and its XML text', () => {
    const fromXml = planBranches(xml);
    expect(fromXml.map((b) => b.id)).toEqual(['/dialplan/menu[1]/keypress[1]', '/dialplan/menu[1]/keypress[2]']);
    expect(planBranches(parse(xml).document!)).toEqual(fromXml);
    expect(planBranches(plan)).toEqual(fromXml.map(({ line: _line, ...b }) => b));
    expect(planBranches(plan.toAst())).toEqual(planBranches(plan));
  });

  it('refuses a broken XML text and a value that is no plan', () => {
    expect(() => planBranches(broken)).toThrow(expect.objectContaining({ name: 'SyntaxError', message: expect.stringMatching(/^planBranches\(\): .*line 2/) }));
    expect(() => planBranches(null as unknown as PlanSource)).toThrow(new TypeError(`planBranches() ${said} null`));
  });
});
