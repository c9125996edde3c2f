import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';

const CLEAN = '<dialplan name="Root">\n  <play type="tts">Hello.</play>\n  <hangup/>\n</dialplan>\n';
const WARN = '<dialplan name="Root">\n  <hangup/>\n  <play type="tts">Never.</play>\n</dialplan>\n';
const ERROR = '<dialplan name="Root">\n  <goto>nowhere</goto>\n</dialplan>\n';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lint-cli-'));
  mkdirSync(join(dir, 'plans/inbound'), { recursive: true });
  writeFileSync(join(dir, 'plans/clean.xml'), CLEAN);
  writeFileSync(join(dir, 'plans/warn.xml'), WARN);
  writeFileSync(join(dir, 'plans/inbound/error.xml'), ERROR);
  writeFileSync(join(dir, 'flow.ts'), `import { dialplan } from '${fileURLToPath(new URL('../../src/index.js', import.meta.url))}';\nexport default dialplan({ name: 'Root' }).goto('mian').play('Hi', { name: 'main' });\n`);
});

describe('dialplan lint', () => {
  it('exits 0 on a clean file and prints the summary', async () => {
    const r = await run(['lint', 'plans/clean.xml'], dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('1 file checked, no problems\n');
  });

  it('exits 0 with warnings, 1 when they exceed --max-warnings', async () => {
    const ok = await run(['lint', 'plans/warn.xml'], dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^plans\/warn\.xml:3:3 {2}warning {2}<play> never runs: .* {2}unreachable-code$/m);
    expect((await run(['lint', 'plans/warn.xml', '--max-warnings', '1'], dir)).code).toBe(0);
    const over = await run(['lint', 'plans/warn.xml', '--max-warnings', '0'], dir);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('1 warnings, more than --max-warnings 0');
  });

  it('exits 1 on errors; lints folders and globs', async () => {
    const folder = await run(['lint', 'plans', '--format', 'json'], dir);
    expect(folder.code).toBe(1);
    const json = JSON.parse(folder.stdout) as Array<{ file: string; diagnostics: Array<{ rule: string }> }>;
    expect(json.map((f) => f.file)).toEqual(['plans/clean.xml', 'plans/inbound/error.xml', 'plans/warn.xml']);
    expect(json[1]!.diagnostics.map((d) => d.rule)).toEqual(['unknown-goto-target']);
    const glob = await run(['lint', 'plans/**/*.xml', '--format', 'json'], dir);
    expect(JSON.parse(glob.stdout)).toEqual(json);
  });

  it('lints flows written with the DSL, pointing at the line in the flow with the node path beside it', async () => {
    const r = await run(['lint', 'flow.ts'], dir);
    expect(r.code).toBe(1);
    const second = readFileSync(join(dir, 'flow.ts'), 'utf8').split('\n')[1]!;
    const at = `flow.ts:2:${second.indexOf('goto(') + 1} /dialplan/goto[1]`;
    expect(r.stdout).toContain(`${at}  error    <goto> names "mian", but no tag has that name; did you mean "main"?  unknown-goto-target`);
  });

  it('--rule and config files change severities; the nearest config applies', async () => {
    expect((await run(['lint', 'plans/inbound/error.xml', '--rule', 'unknown-goto-target=warn'], dir)).code).toBe(0);
    writeFileSync(join(dir, 'plans/inbound/.dialplanrc.json'), JSON.stringify({ rules: { 'unknown-goto-target': 'off' } }));
    writeFileSync(join(dir, '.dialplanrc.json'), JSON.stringify({ overrides: [{ files: ['plans/warn.xml'], rules: { 'unreachable-code': 'error' } }] }));
    try {
      expect((await run(['lint', 'plans/inbound/error.xml'], dir)).stdout).toBe('1 file checked, no problems\n');
      expect((await run(['lint', 'plans/warn.xml'], dir)).code).toBe(1);
      expect((await run(['lint', 'plans/warn.xml', '--rule', 'unreachable-code=off'], dir)).code).toBe(0);
      // --config replaces the lookup
      writeFileSync(join(dir, 'strict.json'), JSON.stringify({ rules: { 'unknown-goto-target': 'error' } }));
      expect((await run(['lint', 'plans/inbound/error.xml', '--config', 'strict.json'], dir)).code).toBe(1);
    } finally {
      writeFileSync(join(dir, 'plans/inbound/.dialplanrc.json'), '{}');
      writeFileSync(join(dir, '.dialplanrc.json'), '{}');
    }
  });

  it('an invalid config is a failure (2) reported at the key', async () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ rules: { 'no-such-rule': 'off' } }));
    const r = await run(['lint', 'plans/clean.xml', '--config', 'bad.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^bad\.json:1:11 +error +unknown rule "no-such-rule" in "rules" .* config$/m);
    const cli = await run(['lint', 'plans/clean.xml', '--rule', 'duplicate-nam=off'], dir);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('did you mean "duplicate-name"?');
  });

  it('reports a broken config once, however many files sit below it', async () => {
    mkdirSync(join(dir, 'broken'), { recursive: true });
    writeFileSync(join(dir, 'broken/.dialplanrc.json'), '{ "rules": ');
    for (const n of ['a', 'b', 'c']) writeFileSync(join(dir, `broken/${n}.xml`), CLEAN);
    const r = await run(['lint', 'broken', 'plans/warn.xml'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout.match(/not valid JSON/g)).toHaveLength(1);
    expect(r.stdout).toMatch(/^broken\/\.dialplanrc\.json:1:12 +error +not valid JSON: Unexpected end of JSON input +config$/m);
    // the files under a good config are still linted
    expect(r.stdout).toContain('unreachable-code');
  });

  it('a glob or folder that matches nothing is reported, the other arguments still linted', async () => {
    mkdirSync(join(dir, 'no-xml'), { recursive: true });
    const r = await run(['lint', 'nomatch/*.xml', 'no-xml', 'plans/warn.xml', '--format', 'json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no files match "nomatch/*.xml"');
    expect(r.stderr).toContain('no .xml files in the folder "no-xml"');
    // each is listed with its error, not dropped from the report
    const listed = JSON.parse(r.stdout) as Array<{ file: string; diagnostics: Array<{ rule: string; message: string }> }>;
    expect(listed.map((f) => [f.file, f.diagnostics[0]?.rule])).toEqual([
      ['nomatch/*.xml', 'load-error'],
      ['no-xml', 'load-error'],
      ['plans/warn.xml', 'unreachable-code'],
    ]);
    expect(listed[1]!.diagnostics[0]!.message).toBe('no .xml files in the folder "no-xml"');
  });

  it('exits 2 on usage errors and unreadable files, still reporting the others', async () => {
    expect((await run(['lint'], dir)).code).toBe(2);
    const fmt = await run(['lint', 'plans/clean.xml', '--format', 'xml'], dir);
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toContain('--format must be one of stylish, json, sarif, github');
    expect((await run(['lint', 'plans/clean.xml', '--max-warnings', '-1'], dir)).code).toBe(2);
    expect((await run(['lint', 'plans/clean.xml', '--bogus'], dir)).code).toBe(2);
    const missing = await run(['lint', 'plans/warn.xml', 'plans/missing.xml'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read plans/missing.xml: no such file');
    expect(missing.stdout).toContain('unreachable-code');
    expect((await run(['lint', 'nothing/**/*.xml'], dir)).stderr).toContain('no files match "nothing/**/*.xml"');
  });

  it('prints SARIF and GitHub annotations', async () => {
    const sarif = await run(['lint', 'plans/inbound/error.xml', '--format', 'sarif'], dir);
    const result = JSON.parse(sarif.stdout).runs[0].results[0];
    expect(result).toMatchObject({ ruleId: 'unknown-goto-target', level: 'error' });
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
    expect(JSON.parse(sarif.stdout).runs[0].tool.driver.version).toBe(version);
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'plans/inbound/error.xml', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 9, endLine: 2, endColumn: 16 } });
    const gh = await run(['lint', 'plans/inbound/error.xml', '--format', 'github'], dir);
    expect(gh.stdout).toBe('::error file=plans/inbound/error.xml,line=2,col=3,title=unknown-goto-target::<goto> names "nowhere", but no tag has that name.\n');
  });

  it('the dialplan binary returns the same exit codes', () => {
    const bin = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
    const code = (args: string[]) => spawnSync(tsx, [bin, 'lint', ...args], { cwd: dir, encoding: 'utf8' }).status;
    expect(code(['plans/clean.xml'])).toBe(0);
    expect(code(['plans/inbound/error.xml'])).toBe(1);
    expect(code(['plans/missing.xml'])).toBe(2);
  }, 60_000);
});
