/**
 * A broken `.dialplanrc.json` in `dialplan lint`: each problem is a finding of rule `config`
 * in the config file's own report, at the line and column of the bad key (or where the JSON
 * stops parsing), printed by the formatter `--format` chose, and the run exits 2. Found next to
 * the plan or named by `--config`, and a `--config` that does not exist. Run through main()
 * and, where dist/ is built, through bin/dialplan.js, which must print the same.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES, CLEAN, caseFolders, FORMATS, findings } from './broken-configs.js';
import { run } from './run.js';

let dir: string;
beforeAll(() => {
  dir = caseFolders('config-errors');
  CASES.forEach((c, i) => {
    writeFileSync(join(dir, `given${i}.json`), c.config);
  });
  mkdirSync(join(dir, 'clean'));
  writeFileSync(join(dir, 'clean/plan.xml'), CLEAN);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dialplan lint with a broken config', () => {
  for (const format of FORMATS) {
    CASES.forEach((c, i) => {
      it(`${c.name}, found next to the plan: --format ${format}`, async () => {
        const r = await run(['lint', `case${i}/plan.xml`, '--format', format], dir);
        expect(r.code).toBe(2);
        expect(r.stderr).toBe('');
        const all = findings(format, r.stdout);
        const ofConfig = all.filter((f) => f.file === `case${i}/.dialplanrc.json`);
        expect(ofConfig.map((f) => [f.line, f.column, f.rule])).toEqual(c.expected.map(([line, column]) => [line, column, 'config']));
        ofConfig.forEach((f, k) => {
          expect(f.message).toContain(c.expected[k]![2]);
        });
        // the plan is not linted with settings that are unknown, and says why
        expect(all.filter((f) => f.file === `case${i}/plan.xml`).map((f) => f.rule)).toEqual(['load-error']);
      });

      it(`${c.name}, the project's config when no file is named: --format ${format}`, async () => {
        const r = await run(['lint', '--format', format], join(dir, `case${i}`));
        expect(r.code).toBe(2);
        expect(r.stderr).toBe('');
        expect(findings(format, r.stdout).map((f) => [f.file, f.line, f.column, f.rule])).toEqual(c.expected.map(([line, column]) => ['.dialplanrc.json', line, column, 'config']));
      });

      it(`${c.name}, named by --config: --format ${format}`, async () => {
        const r = await run(['lint', 'clean/plan.xml', '--config', `given${i}.json`, '--format', format], dir);
        expect(r.code).toBe(2);
        expect(r.stderr).toBe('');
        expect(findings(format, r.stdout).map((f) => [f.file, f.line, f.column, f.rule])).toEqual(c.expected.map(([line, column]) => [`given${i}.json`, line, column, 'config']));
      });
    });

    it(`a --config that does not exist: --format ${format}`, async () => {
      const r = await run(['lint', 'clean/plan.xml', '--config', 'missing.json', '--format', format], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('');
      const [only, ...rest] = findings(format, r.stdout);
      expect(rest).toEqual([]);
      expect(only).toMatchObject({ file: 'missing.json', rule: 'config', message: expect.stringContaining('cannot read the configuration: no such file') });
      // sarif has no finding without a region: it puts such findings at 1:1
      if (format !== 'sarif') expect([only!.line, only!.column]).toEqual([undefined, undefined]);
    });
  }

  it('keeps ajv\'s facts in data, beside the message', async () => {
    const r = await run(['lint', 'case2/plan.xml', '--format', 'json'], dir);
    const [config] = JSON.parse(r.stdout) as { diagnostics: { path: string; data: Record<string, unknown> }[] }[];
    expect(config!.diagnostics[0]).toMatchObject({ path: '/rules/unknown-goto-targt', data: { keyword: 'additionalProperties', additionalProperty: 'unknown-goto-targt' } });
  });

  const root = fileURLToPath(new URL('../../', import.meta.url));
  describe.skipIf(!existsSync(join(root, 'dist/bundle/cli.cjs')))('the built bin/dialplan.js', () => {
    const bin = (args: readonly string[]) => spawnSync(process.execPath, [join(root, 'bin/dialplan.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    it('prints what main() prints, with the same exit code, in every format', async () => {
      for (const format of FORMATS) {
        for (const args of [['lint', 'case2/plan.xml'], ['lint', 'case0/plan.xml'], ['lint', 'clean/plan.xml', '--config', 'missing.json']]) {
          const built = bin([...args, '--format', format]);
          const inProcess = await run([...args, '--format', format], dir);
          expect([built.status, built.stdout, built.stderr]).toEqual([inProcess.code, inProcess.stdout, inProcess.stderr]);
        }
      }
    }, 180_000);
  });
});
