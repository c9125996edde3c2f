import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/parse.js';
import { coverage, formatCoverage } from '../../src/simulate/coverage.js';
import { generateScenarios } from '../../src/simulate/generate.js';
import { parseExpectation } from '../../src/simulate/expectations.js';
import { parseScenarioFile, runScenario, ScenarioError } from '../../src/simulate/scenario.js';
import { simulate } from '../../src/simulate/simulate.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/simulate/${name}`, import.meta.url), 'utf8');
const doc = parse(fixture('confirm.xml')).document!;

describe('expectations', () => {
  it('reads sentences and objects alike', () => {
    expect(parseExpectation('transfers to 12135551234')).toEqual({ transfersTo: '12135551234' });
    expect(parseExpectation('stashes confirmed=yes')).toEqual({ stashes: { confirmed: 'yes' } });
    expect(parseExpectation('says text matching /thank you/i')).toEqual({ says: /thank you/i });
    expect(parseExpectation('ends with caller-hangup')).toEqual({ endsWith: 'caller-hangup' });
    expect(parseExpectation('adds 123 to dnc')).toEqual({ addsDnc: '123' });
    expect(parseExpectation({ 'transfers to': 12135551234 })).toEqual({ transfersTo: '12135551234' });
    expect(parseExpectation({ stashes: { a: 'b' } })).toEqual({ stashes: { a: 'b' } });
    expect(() => parseExpectation('ends with silence')).toThrow(/ends with" takes one of/);
    expect(() => parseExpectation('transfer the call somewhere')).toThrow(/cannot read the expectation/);
  });
});

describe('scenario files', () => {
  it('reads YAML scenarios and they pass against the plan', async () => {
    const file = parseScenarioFile(fixture('confirm.scenarios.yaml'), 'confirm.scenarios.yaml');
    expect(file.plan).toBe('confirm.xml');
    expect(file.scenarios.map((s) => s.name)).toEqual(['a person confirms', 'a person asks for an agent', 'nobody answers the transfer', 'the machine gets a message']);
    expect(file.scenarios[1]!.script.keys).toEqual(['2']);
    for (const s of file.scenarios) {
      const outcome = await runScenario(doc, s);
      expect(outcome.checks.filter((c) => !c.pass), s.name).toEqual([]);
    }
  });

  it('reports expected against actual for a failing scenario', async () => {
    const file = parseScenarioFile(fixture('confirm.failing.json'), 'confirm.failing.json');
    const outcome = await runScenario(doc, file.scenarios[0]!);
    expect(outcome.pass).toBe(false);
    expect(outcome.checks[0]).toEqual({ pass: false, expected: 'transfers to 19995550000', actual: 'transfers: 12135551234 (answered)' });
    expect(outcome.checks[1]!.pass).toBe(true);
  });

  it('names the file, scenario and entry at fault', () => {
    expect(() => parseScenarioFile(fixture('bad.scenarios.yaml'), 'bad.scenarios.yaml')).toThrow(
      /bad\.scenarios\.yaml: scenarios\[0\] \("typo in expectation"\): expect\[0\]: cannot read the expectation/,
    );
    expect(() => parseScenarioFile('scenarios: [{ name: x, keyz: [1] }]', 'x.yaml')).toThrow(ScenarioError);
    expect(() => parseScenarioFile('scenarios: [{ name: x, transfer: maybe }]', 'x.yaml')).toThrow(/transfer must be one of/);
    // JSON: the line and column of the fault, not V8's offset and a copy of the text
    expect(() => parseScenarioFile('[\n  { "name": "a" },\n  oops\n]', 'x.json')).toThrow(/^x\.json:3:3: cannot read: Unexpected token 'o'$/);
  });
});

describe('coverage', () => {
  it('counts tags and keypress, amd and if branches', async () => {
    const one = await simulate(doc, { keys: ['1'] });
    const report = coverage(doc, [one]);
    expect(report.branches.total).toBe(7); // live, machine, 3 keypresses, if then/else
    expect(report.branches.covered).toBe(2); // live, keypress 1
    expect(report.branches.items.find((b) => b.label === 'pressed="1"')).toMatchObject({ hits: 1, kind: 'keypress', line: 7 });
    expect(report.tags.missed.map((m) => m.tag)).toContain('machine');
    const all = coverage(doc, [
      one,
      await simulate(doc, { keys: ['2'] }),
      await simulate(doc, { keys: ['timeout', 'timeout'] }),
      await simulate(doc, { answer: 'machine' }),
    ]);
    expect(all.branches.percent).toBe(100);
    expect(all.tags.percent).toBeLessThan(100); // the play after a failed transfer never ran
    const table = formatCoverage(all, 'confirm.xml');
    expect(table).toMatch(/^Coverage of confirm\.xml: tags \d+\/\d+ \([\d.]+%\), branches 7\/7 \(100%\)/);
    expect(table).toMatch(/tags never reached:\n\s+line 15\s+<play>/);
  });
});

describe('generateScenarios', () => {
  it('finds scripts that reach every branch, with expectations that hold', async () => {
    const { scenarios, runs } = await generateScenarios(doc);
    expect(runs).toBeGreaterThan(3);
    const results = await Promise.all(scenarios.map((s) => runScenario(doc, s)));
    expect(results.every((r) => r.pass)).toBe(true);
    const report = coverage(doc, results.map((r) => r.result));
    expect(report.branches.percent).toBe(100);
    expect(report.tags.percent).toBe(100);
    expect(scenarios.length).toBeLessThanOrEqual(6);
  });

  it('returns the simulated call of each scenario, the one a rerun would give', async () => {
    const { scenarios, results } = await generateScenarios(doc);
    expect(results).toHaveLength(scenarios.length);
    const rerun = await Promise.all(scenarios.map((s) => runScenario(doc, s)));
    expect(results).toEqual(rerun.map((r) => r.result));
  });

  it('varies the clock for plans that read the time', async () => {
    const timed = parse(`<dialplan name="Root">
      <if expr="\${global.date.dayOfWeek} == 1"><play type="tts">Sunday</play><else><play type="tts">weekday</play></else></if>
    </dialplan>`).document!;
    const { scenarios } = await generateScenarios(timed);
    const report = coverage(timed, (await Promise.all(scenarios.map((s) => runScenario(timed, s)))).map((r) => r.result));
    expect(report.branches.percent).toBe(100);
  });
});
