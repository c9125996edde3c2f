import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const INDEX = fileURLToPath(new URL('../../src/index.js', import.meta.url));
const CLEAN = '<dialplan name="Root">\n  <play type="tts">Hello.</play>\n  <hangup/>\n</dialplan>\n';
const BAD_GOTO = '<dialplan name="Root"><goto>nowhere</goto></dialplan>\n';

describe('dialplan lint and fmt with no file named', () => {
  it('in a project made by dialplan init: lint checks its flows (the "files" of .dialplanrc.json), fmt --check passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bare-init-'));
    expect((await run(['init', '--import-from', INDEX], dir)).code).toBe(0);
    const lint = await run(['lint', '--format', 'json', '--max-warnings', '0'], dir);
    expect(lint.stderr).toBe('');
    expect(lint.code).toBe(0);
    expect((JSON.parse(lint.stdout) as { file: string }[]).map((r) => r.file)).toEqual(['flows/delivery.ts']);
    // from a folder below, the globs are still the config folder's, paths still relative to where one stands
    const below = await run(['lint', '--format', 'json'], join(dir, 'flows'));
    expect((JSON.parse(below.stdout) as { file: string }[]).map((r) => r.file)).toEqual(['delivery.ts']);
    const fmt = await run(['fmt', '--check'], dir);
    expect(fmt.code).toBe(0);
    expect(fmt.stderr).toContain('nothing to format');
  }, 60_000);

  it('lints and formats the XML plans the "files" globs name, relative to the config folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bare-files-'));
    mkdirSync(join(dir, 'plans'));
    writeFileSync(join(dir, 'plans/a.xml'), BAD_GOTO);
    writeFileSync(join(dir, 'plans/b.xml'), CLEAN);
    writeFileSync(join(dir, 'ignored.xml'), BAD_GOTO);
    writeFileSync(join(dir, '.dialplanrc.json'), JSON.stringify({ files: ['plans/*.xml'] }));
    const lint = await run(['lint', '--format', 'json'], dir);
    expect(lint.code).toBe(1);
    const report = JSON.parse(lint.stdout) as { file: string; diagnostics: { rule: string }[] }[];
    expect(report.map((r) => r.file)).toEqual(['plans/a.xml', 'plans/b.xml']);
    expect(report[0]!.diagnostics.map((d) => d.rule)).toContain('unknown-goto-target');
    const fmt = await run(['fmt', '--check'], dir);
    expect(fmt.stdout).toBe('plans/a.xml\n');
    expect(fmt.code).toBe(1);
  });

  it('without a config: every .xml file below the current folder; none is exit 2 that says what was looked for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bare-folder-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub/c.xml'), CLEAN);
    const lint = await run(['lint', '--format', 'json'], dir);
    expect(lint.code).toBe(0);
    expect((JSON.parse(lint.stdout) as { file: string }[]).map((r) => r.file)).toEqual(['sub/c.xml']);
    const empty = mkdtempSync(join(tmpdir(), 'bare-empty-'));
    for (const args of [['lint'], ['fmt', '--check']]) {
      const r = await run(args, empty);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('no .dialplanrc.json with "files", and no .xml files below this folder');
    }
  });

  it('a "files" glob that matches nothing, and an invalid "files", are exit 2 naming the config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bare-bad-'));
    writeFileSync(join(dir, '.dialplanrc.json'), JSON.stringify({ files: ['plans/*.xml'] }));
    const none = await run(['lint'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no files match "plans/*.xml" (the "files" of');
    writeFileSync(join(dir, '.dialplanrc.json'), JSON.stringify({ files: 'plans/*.xml' }));
    // lint reports the config's problems as findings at their lines; fmt stops with the message
    const invalid = await run(['lint'], dir);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toBe('');
    expect(invalid.stdout).toMatch(/^\.dialplanrc\.json:1:\d+ +error +"files" must be array +config$/m);
    const fmt = await run(['fmt'], dir);
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toContain('"files"');
  });
});

describe('folders and globs with a symbolic link back up', () => {
  // tinyglobby follows links: before, `sub/back -> ..` gave every plan a second name, and
  // lint counted its findings twice (fmt --write would have rewritten it twice)
  it('lint and fmt take each real file once, under the first name it is given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'links-'));
    mkdirSync(join(dir, 'p/sub'), { recursive: true });
    writeFileSync(join(dir, 'p/a.xml'), BAD_GOTO);
    symlinkSync('..', join(dir, 'p/sub/back'));
    for (const arg of ['p', 'p/**/*.xml']) {
      const r = await run(['lint', arg, '--format', 'json'], dir);
      expect({ arg, files: (JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file) }).toEqual({ arg, files: ['p/a.xml'] });
    }
    expect((await run(['fmt', '--check', 'p'], dir)).stdout).toBe('p/a.xml\n');
    // named, and named beside the folder that holds it: still once, as first named
    for (const args of [['p/sub/back/a.xml', 'p/a.xml'], ['p/sub/back/a.xml', 'p'], ['p', './p/a.xml']]) {
      const named = await run(['lint', ...args, '--format', 'json'], dir);
      expect({ args, files: (JSON.parse(named.stdout) as { file: string }[]).map((f) => f.file) }).toEqual({ args, files: [args[0] === 'p' ? 'p/a.xml' : args[0]] });
    }
  });
});
