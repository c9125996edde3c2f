import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const OLD = readFileSync(new URL('../fixtures/diff/shop.xml', import.meta.url), 'utf8');
const NEW = OLD.replace('<goto>support</goto>', '<goto>billing</goto>').replace('timeout="20"', 'timeout="30"');

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dialplan-diff-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function run(args: string[], cwd: string, stdin?: string) {
  let out = '';
  let err = '';
  const code = await main(['diff', ...args], { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd, env: {}, ...(stdin === undefined ? {} : { stdin: async () => stdin }) });
  return { code, out, err };
}

describe('dialplan diff', () => {
  const dir = folder({ 'old.xml': OLD, 'new.xml': NEW, 'same.xml': OLD.replace(/\n\s*/g, '').replace('<menu', '<!-- note --><menu'), 'bad.xml': '<dialplan><play>' });

  it('prints one line per change and exits 1 when the flows differ', async () => {
    const r = await run(['old.xml', 'new.xml'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      [
        'old.xml → new.xml: 2 changes',
        '  ~ line 4  changed transfer to 12135550100: timeout "20" → "30"',
        '  > line 5  retargeted menu "main" › pressed 2: now goes to "billing" instead of "support"',
        '',
      ].join('\n'),
    );
  });

  it('exits 0 for the same flow formatted differently, with a comment added', async () => {
    const r = await run(['old.xml', 'same.xml'], dir);
    expect(r).toEqual({ code: 0, out: 'old.xml → same.xml: the same call flow\n', err: '' });
  });

  it('reads one side from stdin with "-"', async () => {
    const r = await run(['-', 'new.xml'], dir, OLD);
    expect(r.code).toBe(1);
    expect(r.out.split('\n')[0]).toBe('(stdin) → new.xml: 2 changes');
  });

  it('writes JSON with the kind, path and line in both versions', async () => {
    const r = await run(['old.xml', 'new.xml', '--format', 'json'], dir);
    const data = JSON.parse(r.out) as { same: boolean; changes: Array<Record<string, unknown>> };
    expect(data.same).toBe(false);
    expect(data.changes[1]).toMatchObject({
      kind: 'retargeted',
      old: { path: '/dialplan/menu[1]/keypress[2]/goto[1]', line: 5 },
      new: { path: '/dialplan/menu[1]/keypress[2]/goto[1]', line: 5 },
      from: 'support',
      to: 'billing',
    });
  });

  it('writes the new flow as Mermaid with the changes marked', async () => {
    const r = await run(['old.xml', 'new.xml', '--format', 'mermaid'], dir);
    expect(r.out).toMatch(/^flowchart TD\n/);
    expect(r.out).toMatch(/classDef markChanged/);
    expect(r.out).toMatch(/linkStyle \d+ stroke:#bc4c00/);
  });

  it('exits 2 with the location for a plan that is not well-formed, and for a missing file', async () => {
    const bad = await run(['old.xml', 'bad.xml'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bad\.xml:1:\d+/);
    const missing = await run(['old.xml', 'nope.xml'], dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.xml');
    expect(missing.err).not.toMatch(/\n\s+at /);
    expect((await run(['old.xml'], dir)).code).toBe(2);
    // a plan past the depth limit is refused at the tag that passes it
    writeFileSync(join(dir, 'deep.xml'), `<dialplan>${'<if expr="1">'.repeat(400)}<hangup/>${'</if>'.repeat(400)}</dialplan>`);
    const deep = await run(['old.xml', 'deep.xml'], dir);
    expect(deep.code).toBe(2);
    expect(deep.err).toMatch(/deep\.xml:1:\d+ .*nested more than/);
  });

  it('works as git diff driver: git diff shows the semantic diff', () => {
    const repo = folder({ 'plan.xml': OLD });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: repo } });
    git('init', '-q');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 't');
    const bin = join(process.cwd(), 'node_modules/.bin/tsx');
    const cli = join(process.cwd(), 'src/cli/bin.ts');
    git('config', 'diff.dialplan.command', `${bin} ${cli} diff --git`);
    writeFileSync(join(repo, '.gitattributes'), '*.xml diff=dialplan\n');
    git('add', '.');
    git('commit', '-qm', 'first');
    writeFileSync(join(repo, 'plan.xml'), NEW);
    const out = git('diff');
    expect(out).toContain('diff --dialplan a/plan.xml b/plan.xml');
    expect(out).toContain('retargeted menu "main" › pressed 2: now goes to "billing" instead of "support"');
    expect(out).not.toContain('@@');
  }, 60_000);

  it('dialplan init sets up the driver: .gitattributes, and the command in the repository config', async () => {
    const repo = folder({ '.gitattributes': '*.png binary' });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: repo } });
    git('init', '-q');
    let out = '';
    const code = await main(['init', '--import-from', join(process.cwd(), 'src/index.js')], { stdout: (t) => (out += t), stderr: () => {}, cwd: repo, env: {} });
    expect(code).toBe(0);
    expect(out).toContain('.gitattributes (the dialplan diff driver added)');
    expect(readFileSync(join(repo, '.gitattributes'), 'utf8')).toBe('*.png binary\n*.xml diff=dialplan\n');
    expect(git('config', 'diff.dialplan.command').trim()).toBe('npx dialplan diff --git');
    expect(out).not.toContain('git config diff.dialplan.command');
    // outside a repository: the command is the last step to run
    const plain = folder({});
    let next = '';
    await main(['init', '--import-from', join(process.cwd(), 'src/index.js')], { stdout: (t) => (next += t), stderr: () => {}, cwd: plain, env: {} });
    expect(next).toContain('.gitattributes (new: git diff compares *.xml as call flows)');
    expect(next).toMatch(/git config diff\.dialplan\.command "npx dialplan diff --git"/);
  }, 60_000);
});
