/**
 * A `.dialplanrc.json` is read once per run, whatever it is used for: the `files` that name the
 * plans of a bare `dialplan lint` / `dialplan fmt`, `--config`, and the settings of the plans
 * below it (issue 14: before, the config whose `files` were used was loaded again for its plans).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from './run.js';

const reads = vi.hoisted(() => [] as string[]);

vi.mock('../../src/validate/lint/config.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/validate/lint/config.js')>();
  return {
    ...mod,
    loadConfigFile: (path: string) => {
      reads.push(path);
      return mod.loadConfigFile(path);
    },
  };
});

beforeEach(() => {
  reads.length = 0;
});

const BAD_GOTO = '<dialplan name="Root"><goto>nowhere</goto></dialplan>\n';
const UNFORMATTED = '<dialplan name="Root"><hangup/></dialplan>\n';

/** A project whose config names its plans and turns the goto check down to a warning. */
function project(config: object = { files: ['plans/*.xml'], rules: { 'unknown-goto-target': 'warn' }, fmt: { indent: 4 } }) {
  const dir = mkdtempSync(join(tmpdir(), 'read-once-'));
  mkdirSync(join(dir, 'plans'));
  writeFileSync(join(dir, 'plans/a.xml'), BAD_GOTO);
  writeFileSync(join(dir, 'plans/b.xml'), UNFORMATTED);
  writeFileSync(join(dir, '.dialplanrc.json'), JSON.stringify(config));
  return dir;
}

describe('each config file is read once per run', () => {
  it('bare dialplan lint: the config that names the plans also sets their rules, from one read', async () => {
    const dir = project();
    const r = await run(['lint', '--format', 'json', '--jobs', '1'], dir);
    const report = JSON.parse(r.stdout) as { file: string; diagnostics: { rule: string; severity: string }[] }[];
    expect(report.map((f) => f.file)).toEqual(['plans/a.xml', 'plans/b.xml']);
    // the config's setting applies: the wrong goto is a warning, so the run is clean
    expect(report[0]!.diagnostics.find((d) => d.rule === 'unknown-goto-target')?.severity).toBe('warning');
    expect(r.code).toBe(0);
    expect(reads).toEqual([join(dir, '.dialplanrc.json')]);
  });

  it('bare dialplan fmt: the same config gives the files and the indent, from one read', async () => {
    const dir = project();
    const r = await run(['fmt', '--check'], dir);
    expect(r.stdout).toBe('plans/a.xml\nplans/b.xml\n');
    expect(r.code).toBe(1);
    expect(reads).toEqual([join(dir, '.dialplanrc.json')]);
  });

  it('bare dialplan lint --config naming the project config reads it once too', async () => {
    const dir = project();
    expect((await run(['lint', '--config', '.dialplanrc.json', '--jobs', '1'], dir)).code).toBe(0);
    expect(reads).toEqual([join(dir, '.dialplanrc.json')]);
  });

  it('a folder with a config of its own: each of the two files is read once', async () => {
    const dir = project({ files: ['plans/**/*.xml'] });
    mkdirSync(join(dir, 'plans/sub'));
    writeFileSync(join(dir, 'plans/sub/c.xml'), BAD_GOTO);
    writeFileSync(join(dir, 'plans/sub/d.xml'), BAD_GOTO);
    writeFileSync(join(dir, 'plans/sub/.dialplanrc.json'), JSON.stringify({ rules: { 'unknown-goto-target': 'off' } }));
    const r = await run(['lint', '--format', 'json', '--jobs', '1'], dir);
    const report = JSON.parse(r.stdout) as { file: string; diagnostics: { rule: string }[] }[];
    expect(report.map((f) => [f.file, f.diagnostics.some((d) => d.rule === 'unknown-goto-target')])).toEqual([
      ['plans/a.xml', true],
      ['plans/b.xml', false],
      ['plans/sub/c.xml', false],
      ['plans/sub/d.xml', false],
    ]);
    expect([...reads].sort()).toEqual([join(dir, '.dialplanrc.json'), join(dir, 'plans/sub/.dialplanrc.json')]);
  });

  it('a broken project config is read once and its findings reported once', async () => {
    const dir = project();
    writeFileSync(join(dir, '.dialplanrc.json'), '{\n  "files": ["plans/*.xml"],\n  "rules": { "unknown-goto-targt": "warn" }\n}\n');
    const r = await run(['lint', '--format', 'json'], dir);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as { file: string; diagnostics: { rule: string; line?: number }[] }[];
    expect(report.map((f) => [f.file, f.diagnostics.map((d) => [d.rule, d.line])])).toEqual([['.dialplanrc.json', [['config', 3]]]]);
    expect(reads).toEqual([join(dir, '.dialplanrc.json')]);
  });
});
