import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LintPool } from '../../src/cli/lint-pool.js';
import { lint } from '../../src/validate/lint/lint.js';
import { run } from './run.js';

// Plans with different findings (a bad goto target, a schema error, clean ones) so that a
// report shuffled between files, or a file dropped, shows up in the comparison.
function plans(dir: string): string[] {
  const texts = [
    '<dialplan name="Root"><goto>mian</goto><play name="main" type="tts">Hi</play></dialplan>',
    '<dialplan name="Root"><play type="tts">Clean</play><hangup/></dialplan>',
    '<dialplan name="Root"><menu name="m" maxDigits="x"><play type="tts">Bad attribute</play></menu></dialplan>',
    '<dialplan name="Root"><play type="tts">Also clean</play><hangup/></dialplan>',
    '<dialplan name="Root"><goto>nowhere</goto></dialplan>',
    '<dialplan name="Root"><hangup/><play type="tts">Never heard</play></dialplan>',
  ];
  return texts.map((t, i) => {
    const file = join(dir, `plan${i}.xml`);
    writeFileSync(file, t);
    return file;
  });
}

describe('dialplan lint --jobs', () => {
  it('gives the same report, in the same order, with 1 and 3 worker threads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dialplan-jobs-'));
    const files = plans(dir);
    const one = await run(['lint', '--jobs', '1', '--format', 'json', ...files], dir);
    const three = await run(['lint', '--jobs', '3', '--format', 'json', ...files], dir);
    expect(three.stdout).toBe(one.stdout);
    expect(three.code).toBe(one.code);
    const report = JSON.parse(one.stdout) as { file: string; diagnostics: { rule: string }[] }[];
    expect(report.map((r) => r.file)).toEqual(files);
    expect(report[0]!.diagnostics.map((d) => d.rule)).toContain('unknown-goto-target');
    expect(report[1]!.diagnostics).toEqual([]);
    expect(report[2]!.diagnostics.length).toBeGreaterThan(0);
    expect(one.code).toBe(1);
  });

  it('applies --rule in the workers as in process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dialplan-jobs-'));
    const files = plans(dir);
    const args = ['lint', '--rule', 'unknown-goto-target=off', '--format', 'json', ...files];
    const one = await run([...args, '--jobs', '1'], dir);
    const two = await run([...args, '--jobs', '2'], dir);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout).not.toContain('unknown-goto-target');
  });

  it('applies each file\'s .dialplanrc.json (rules and overrides) in the workers as in process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dialplan-jobs-'));
    const files = plans(dir);
    writeFileSync(
      join(dir, '.dialplanrc.json'),
      JSON.stringify({ rules: { 'unreachable-code': 'off' }, overrides: [{ files: ['plan0.xml'], rules: { 'unknown-goto-target': 'warn' } }] }),
    );
    const one = await run(['lint', '--jobs', '1', '--format', 'json', ...files], dir);
    const two = await run(['lint', '--jobs', '2', '--format', 'json', ...files], dir);
    expect(two.stdout).toBe(one.stdout);
    const report = JSON.parse(one.stdout) as { diagnostics: { rule: string; severity: string }[] }[];
    expect(report[0]!.diagnostics.find((d) => d.rule === 'unknown-goto-target')?.severity).toBe('warning');
    expect(report[4]!.diagnostics.find((d) => d.rule === 'unknown-goto-target')?.severity).toBe('error');
    expect(one.stdout).not.toContain('unreachable-code');
  });

  it('lints in its worker threads, in batches, what lint() finds in process', async () => {
    const texts = Array.from({ length: 150 }, (_, i) =>
      i % 3 === 0 ? `<dialplan name="Root"><goto>m${i}</goto></dialplan>` : `<dialplan name="Root"><play type="tts">Plan ${i}</play><hangup/></dialplan>`,
    );
    const pool = new LintPool(2);
    try {
      const found = await Promise.all(texts.map((t) => pool.lint(t, {})));
      expect(found).toEqual(texts.map((t) => lint(t).diagnostics));
      // none fell back to this thread: a worker that could not start would hide behind the fallback
      expect(pool.lintedInWorkers).toBe(texts.length);
    } finally {
      await pool.close();
    }
  });

  it('refuses a --jobs that is not a whole number of at least 1', async () => {
    for (const bad of ['0', 'two', '1.5']) {
      const r = await run(['lint', '--jobs', bad, 'x.xml']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--jobs');
    }
  });
});
