import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/validate/diagnostic.js';
import { RULES } from '../../src/validate/lint/rules/index.js';
import { formatGithub } from '../../src/validate/report/github.js';
import { formatJson } from '../../src/validate/report/json.js';
import { formatSarif } from '../../src/validate/report/sarif.js';
import { formatStylish } from '../../src/validate/report/stylish.js';

const goto: Diagnostic = { rule: 'unknown-goto-target', severity: 'error', message: 'bad, "x": 100%\nnext', line: 3, column: 5, path: '/dialplan/goto[1]' };
const dsl: Diagnostic = { rule: 'menu-without-prompt', severity: 'warning', message: 'no prompt', path: '/dialplan/menu[1]' };

describe('SARIF report', () => {
  const log = JSON.parse(
    formatSarif([{ file: 'plans/a b.xml', diagnostics: [goto] }, { file: '/repo/flows/x.ts', diagnostics: [dsl] }], {
      rules: RULES,
      baseDir: '/repo',
      docsBaseUri: 'https://github.com/o/r/blob/main/docs/rules',
      version: '1.2.3',
    }),
  );
  const run = log.runs[0];

  it('is a SARIF 2.1.0 log whose driver lists every rule with its help link and level', () => {
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver.name).toBe('dialplan lint');
    expect(run.tool.driver.version).toBe('1.2.3');
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(['xml-syntax', 'schema', 'input-limit', ...RULES.map((r) => r.name)]);
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'unreachable-code');
    expect(rule.helpUri).toBe('https://github.com/o/r/blob/main/docs/rules/unreachable-code.md');
    expect(rule.defaultConfiguration.level).toBe('warning');
  });

  it('gives each result its rule, level, message and a location relative to the base', () => {
    const [a, b] = run.results;
    expect(a.ruleId).toBe('unknown-goto-target');
    expect(run.tool.driver.rules[a.ruleIndex].id).toBe('unknown-goto-target');
    expect(a.level).toBe('error');
    expect(a.message.text).toBe(goto.message);
    expect(a.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'plans/a%20b.xml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 5 },
    });
    expect(a.locations[0].logicalLocations[0].fullyQualifiedName).toBe('/dialplan/goto[1]');
    expect(b.level).toBe('warning');
    expect(b.locations[0].physicalLocation.artifactLocation.uri).toBe('flows/x.ts');
    expect(b.locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 1 });
  });

  it('percent-encodes "#" and "?" in file names, which would otherwise start a fragment or query', () => {
    const sarif = JSON.parse(formatSarif([{ file: 'plans/#1?.xml', diagnostics: [goto] }], { rules: RULES, baseDir: '/repo' }));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('plans/%231%3F.xml');
  });
});

describe('GitHub annotations', () => {
  it('prints one escaped workflow command per finding', () => {
    expect(formatGithub([{ file: 'plans/a,b.xml', diagnostics: [goto, dsl] }])).toBe(
      '::error file=plans/a%2Cb.xml,line=3,col=5,title=unknown-goto-target::bad, "x": 100%25%0Anext\n' +
        '::warning file=plans/a%2Cb.xml,title=menu-without-prompt::no prompt (at /dialplan/menu[1])\n',
    );
  });
});

describe('a finding about the whole file (no line; path "/" of a dialplan, "" of a JSON file)', () => {
  const unreadable: Diagnostic = { rule: 'config', severity: 'error', message: 'cannot read the configuration: no such file', path: '' };
  const notLinted: Diagnostic = { rule: 'load-error', severity: 'error', message: 'not linted', path: '/' };
  const reports = [
    { file: '.dialplanrc.json', diagnostics: [unreadable] },
    { file: 'plan.xml', diagnostics: [notLinted, dsl] },
  ];

  it('stylish names the file alone; a node path is still shown', () => {
    const lines = formatStylish(reports).split('\n');
    expect(lines[0]).toMatch(/^\.dialplanrc\.json +error +cannot read/);
    expect(lines[1]).toMatch(/^plan\.xml +error +not linted/);
    expect(lines[2]).toMatch(/^plan\.xml \/dialplan\/menu\[1\] +warning {2}no prompt/);
  });

  it('github adds no "(at …)" for it', () => {
    expect(formatGithub(reports).split('\n').slice(0, 2)).toEqual([
      '::error file=.dialplanrc.json,title=config::cannot read the configuration: no such file',
      '::error file=plan.xml,title=load-error::not linted',
    ]);
  });

  it('sarif gives it no logical location, and keeps one for a node path', () => {
    const results = JSON.parse(formatSarif(reports, { rules: RULES, baseDir: '/repo' })).runs[0].results;
    expect(results.map((r: { locations: { logicalLocations?: { fullyQualifiedName: string }[] }[] }) => r.locations[0]!.logicalLocations?.[0]?.fullyQualifiedName)).toEqual([
      undefined,
      undefined,
      '/dialplan/menu[1]',
    ]);
  });

  it('json keeps the path as it is', () => {
    expect((JSON.parse(formatJson(reports)) as { diagnostics: { path: string }[] }[]).map((r) => r.diagnostics[0]!.path)).toEqual(['', '/']);
  });
});
