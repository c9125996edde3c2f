import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFile } from '../../src/cli/lint-file.js';
import { FILES_PER_THREAD, lintFiles, threadsFor } from '../../src/cli/lint-pool.js';
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

/**
 * Enough copies of {@link plans} (in sub-folders, so each name is new) for `dialplan lint` to
 * start its worker threads (one per FILES_PER_THREAD files), with one that is not UTF-8
 * among them; the report's files, in order.
 */
function manyPlans(dir: string, threads: number): string[] {
  const files: string[] = [];
  for (let copy = 0; files.length < threads * FILES_PER_THREAD; copy++) {
    const sub = join(dir, `copy${String(copy).padStart(3, '0')}`);
    mkdirSync(sub);
    files.push(...plans(sub));
  }
  writeFileSync(join(dir, 'copy020', 'latin1.xml'), Buffer.from('<dialplan name="Root"><play type="tts">Caf\xe9</play></dialplan>', 'latin1'));
  return files;
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

  it('reports byte for byte as one job when it does start threads, unreadable files included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dialplan-jobs-many-'));
    manyPlans(dir, 2);
    writeFileSync(join(dir, '.dialplanrc.json'), JSON.stringify({ overrides: [{ files: ['copy00[0-4]/**'], rules: { 'unknown-goto-target': 'warn' } }] }));
    let json = '';
    for (const format of ['json', 'stylish']) {
      const one = await run(['lint', '--jobs', '1', '--format', format, '.', 'missing.xml'], dir);
      const two = await run(['lint', '--jobs', '2', '--format', format, '.', 'missing.xml'], dir);
      if (format === 'json') json = two.stdout;
      expect(two.stdout).toBe(one.stdout);
      expect(two.stderr).toBe(one.stderr);
      expect(two.code).toBe(one.code);
      expect(one.code).toBe(2); // the unreadable files
      expect(one.stderr).toContain('cannot read missing.xml: no such file');
      expect(one.stderr).toContain('latin1.xml: it is not UTF-8 text');
    }
    const report = JSON.parse(json) as { file: string; diagnostics: { rule: string; severity: string }[] }[];
    const gotos = (copy: string) => report.find((r) => r.file.endsWith(`${copy}/plan0.xml`))!.diagnostics.find((d) => d.rule === 'unknown-goto-target')!.severity;
    expect(gotos('copy003')).toBe('warning'); // the override, in whichever thread
    expect(gotos('copy060')).toBe('error');
  }, 120_000);

  it('lints in its worker threads, in batches, what lint() finds in the main thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dialplan-jobs-pool-'));
    const files = Array.from({ length: 150 }, (_, i) => {
      const file = `p${i}.xml`;
      writeFileSync(join(dir, file), i % 3 === 0 ? `<dialplan name="Root"><goto>m${i}</goto></dialplan>` : `<dialplan name="Root"><play type="tts">Plan ${i}</play><hangup/></dialplan>`);
      return file;
    });
    files.splice(70, 0, 'missing.xml');
    const settings = [{}, { 'unknown-goto-target': 'warn' as const }];
    const tasks = files.map((file, i) => ({ file, settings: settings[i % 2]! }));
    // the main thread only hands out files: a worker that could not start would hide behind it
    const done = await lintFiles(tasks, { jobs: 3, cwd: dir, filesPerThread: 1, mainThread: false });
    expect(done.threads).toBe(3);
    expect(done.inWorkers).toBe(tasks.length);
    expect(done.outcomes).toEqual(tasks.map((t) => lintFile(t.file, dir, t.settings)));
    expect(done.outcomes[70]).toEqual({ unreadable: 'cannot read missing.xml: no such file' });
    expect(done.outcomes[0]).toEqual({ diagnostics: lint('<dialplan name="Root"><goto>m0</goto></dialplan>').diagnostics });
    // and with the main thread linting too, the same
    const shared = await lintFiles(tasks, { jobs: 2, cwd: dir, filesPerThread: 1 });
    expect(shared.outcomes).toEqual(done.outcomes);
  }, 60_000);

  it('starts a thread only for enough files to pay for it', () => {
    expect(threadsFor(8, FILES_PER_THREAD - 1)).toBe(1);
    expect(threadsFor(8, 2 * FILES_PER_THREAD)).toBe(2);
    expect(threadsFor(2, 5000)).toBe(2);
    expect(threadsFor(1, 5000)).toBe(1);
  });

  it('refuses a --jobs that is not a whole number of at least 1', async () => {
    for (const bad of ['0', 'two', '1.5']) {
      const r = await run(['lint', '--jobs', bad, 'x.xml']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--jobs');
    }
  });
});
