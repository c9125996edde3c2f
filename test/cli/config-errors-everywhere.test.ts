/**
 * A broken `.dialplanrc.json` stops every command that reads one the way it stops `dialplan
 * lint` (lint-config-errors.test.ts): each problem a finding of rule `config` at the bad key's
 * line and column, none lost, exit 2. fmt has no --format and prints the stylish report on
 * stderr; send and deploy print it on stderr in text and lint's JSON report on stdout with
 * --format json. The JSON files the commands read beside the config (send's broadcast file,
 * init's package.json) name the line and column where they stop being JSON.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES, CLEAN, caseFolders, findings } from './broken-configs.js';
import { run } from './run.js';

const BROADCAST = JSON.stringify({ BroadcastName: 'Reminders', ToNumber: ['13105551212'], IvrBroadcastConfig: { FromNumber: '12135551189' } });

/** The stylish report's findings on stderr, after checking the line that says which command stopped. */
function stderrFindings(command: string, stderr: string) {
  const lines = stderr.trimEnd().split('\n');
  expect(lines.at(-1)).toBe(`dialplan ${command}: stopped: the configuration .dialplanrc.json is invalid`);
  return findings('stylish', `${lines.slice(0, -1).join('\n')}\n`);
}

let dir: string;
beforeAll(() => {
  dir = caseFolders('config-everywhere', { 'broadcast.json': BROADCAST });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a broken config in the commands other than lint', () => {
  CASES.forEach((c, i) => {
    const expected = c.expected.map(([line, column]) => ['.dialplanrc.json', line, column, 'config']);
    const cwd = () => join(dir, `case${i}`);

    it(`${c.name}: fmt with no file named, and with the plan named`, async () => {
      const bare = await run(['fmt', '--check'], cwd());
      expect(bare.code).toBe(2);
      expect(bare.stdout).toBe('');
      expect(stderrFindings('fmt', bare.stderr).map((f) => [f.file, f.line, f.column, f.rule])).toEqual(expected);

      const named = await run(['fmt', 'plan.xml'], cwd());
      expect(named.code).toBe(2);
      expect(named.stdout).toBe('');
      const lines = named.stderr.trimEnd().split('\n');
      expect(lines.at(-1)).toBe('dialplan fmt: 1 file not formatted: the configuration that applies is invalid');
      expect(findings('stylish', `${lines.slice(0, -1).join('\n')}\n`).map((f) => [f.file, f.line, f.column, f.rule])).toEqual(expected);
    });

    for (const [command, args] of [
      ['send', ['send', 'broadcast.json', '--dialplan', 'plan.xml', '--preview']],
      ['deploy', ['deploy', '12135551100', 'plan.xml', '--preview']],
    ] as const) {
      it(`${c.name}: ${command}, text and --format json`, async () => {
        const text = await run([...args], cwd());
        expect(text.code).toBe(2);
        expect(text.stdout).toBe('');
        const seen = stderrFindings(command, text.stderr);
        expect(seen.map((f) => [f.file, f.line, f.column, f.rule])).toEqual(expected);
        seen.forEach((f, k) => {
          expect(f.message).toContain(c.expected[k]![2]);
        });

        const json = await run([...args, '--format', 'json'], cwd());
        expect(json.code).toBe(2);
        expect(json.stderr).toBe('');
        expect(findings('json', json.stdout).map((f) => [f.file, f.line, f.column, f.rule])).toEqual(expected);
        const [report] = JSON.parse(json.stdout) as { diagnostics: { data: { keyword: string } }[] }[];
        expect(report!.diagnostics.map((d) => d.data.keyword)).toEqual(c.expected.map((e) => e[3]));
      });
    }
  });

  it('a config that cannot be read (a folder of that name) stops send, saying so, with no "/" for a place', async () => {
    const at = join(dir, 'unreadable');
    mkdirSync(join(at, '.dialplanrc.json'), { recursive: true });
    writeFileSync(join(at, 'plan.xml'), CLEAN);
    writeFileSync(join(at, 'broadcast.json'), BROADCAST);
    const r = await run(['send', 'broadcast.json', '--dialplan', 'plan.xml', '--preview'], at);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').slice(0, 1)).toEqual([expect.stringMatching(/^\.dialplanrc\.json {2}error {2}cannot read the configuration: it is a directory {2}config$/)]);
    expect(r.stderr).toContain('dialplan send: stopped: the configuration .dialplanrc.json cannot be read\n');
  });
});

describe('graph --lint reads the config lint reads', () => {
  const PLAN = '<dialplan name="Root">\n  <goto>nowhere</goto>\n  <hangup/>\n</dialplan>\n';
  /** The rules whose findings mark the diagram's steps. */
  const markedRules = (stdout: string) =>
    (JSON.parse(stdout) as { nodes: { marks?: { note: string }[] }[] }).nodes.flatMap((n) => (n.marks ?? []).map((m) => /\(([a-z-]+)\)$/.exec(m.note)?.[1]));

  it('its settings, and a broken one stops it with the findings', async () => {
    const at = join(dir, 'graph');
    mkdirSync(at);
    writeFileSync(join(at, 'plan.xml'), PLAN);
    const without = await run(['graph', 'plan.xml', '--lint', '--format', 'json'], at);
    expect(without.code).toBe(0);
    expect(markedRules(without.stdout).sort()).toEqual(['unknown-goto-target', 'unreachable-code']);

    writeFileSync(join(at, '.dialplanrc.json'), JSON.stringify({ rules: { 'unreachable-code': 'off' } }));
    const configured = await run(['graph', 'plan.xml', '--lint', '--format', 'json'], at);
    expect(configured.code).toBe(0);
    expect(markedRules(configured.stdout)).toEqual(['unknown-goto-target']);

    writeFileSync(join(at, '.dialplanrc.json'), CASES[2]!.config);
    const broken = await run(['graph', 'plan.xml', '--lint', '--format', 'json'], at);
    expect(broken.code).toBe(2);
    expect(broken.stdout).toBe('');
    expect(stderrFindings('graph', broken.stderr).map((f) => [f.file, f.line, f.column, f.rule])).toEqual([['.dialplanrc.json', 3, 5, 'config']]);
    // without --lint the config is not read
    expect((await run(['graph', 'plan.xml', '--format', 'json'], at)).code).toBe(0);
  });
});

describe('the JSON files beside the config', () => {
  it('send: a broadcast file that is not JSON is named at its line and column (exit 1, nothing sent)', async () => {
    const at = join(dir, 'bad-broadcast');
    mkdirSync(at);
    writeFileSync(join(at, 'broadcast.json'), '{\n  "BroadcastName": "Reminders",\n  "ToNumber": ["13105551212",]\n}\n');
    const r = await run(['send', 'broadcast.json', '--preview'], at);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('dialplan send: broadcast.json:3:30: not valid JSON (Unexpected token \']\')\nNothing was sent.\n');
  });

  it('init: a package.json that is not JSON is named at its line and column (exit 2, nothing written)', async () => {
    const at = join(dir, 'bad-package');
    mkdirSync(at);
    writeFileSync(join(at, 'package.json'), '{\n  "name": "x",\n  "scripts": { "test": tru }\n}\n');
    const r = await run(['init'], at);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/package\.json:3:27: not valid JSON \(Unexpected token ' '\); fix it, or run init in another folder\n$/);
  });
});
