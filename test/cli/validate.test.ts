import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const fixtures = fileURLToPath(new URL('../fixtures/cli/', import.meta.url));

describe('dialplan validate', () => {
  it('exits 0 and says so for a valid file', async () => {
    const r = await run(['validate', 'good.xml'], fixtures);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('1 file checked, no problems\n');
  });

  it('prints file:line:col  severity  message  rule and exits 1 on a schema error', async () => {
    const r = await run(['validate', 'good.xml', 'bad-nesting.xml'], fixtures);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^bad-nesting\.xml:2:3 {2}error {2}.*keypress.* {2}schema$/m);
    expect(r.stdout).toMatch(/1 problem \(1 error, 0 warnings\) in 2 files/);
  });

  it('prints one JSON array with every file', async () => {
    const r = await run(['validate', '--format', 'json', 'good.xml', 'bad-nesting.xml'], fixtures);
    const out = JSON.parse(r.stdout) as Array<{ file: string; diagnostics: Array<Record<string, unknown>> }>;
    expect(out.map((f) => f.file)).toEqual(['good.xml', 'bad-nesting.xml']);
    expect(out[0]!.diagnostics).toEqual([]);
    // range, data and fix follow where a diagnostic has them
    expect(Object.keys(out[1]!.diagnostics[0]!)).toEqual(['rule', 'severity', 'message', 'line', 'column', 'path', 'range', 'data']);
    expect(out[1]!.diagnostics[0]).toMatchObject({ rule: 'schema', severity: 'error', line: 2, column: 3, path: '/dialplan/keypress[1]' });
  });

  it('validates a flow module too', async () => {
    const r = await run(['validate', 'greeting.ts'], fixtures);
    expect(r.code).toBe(0);
  });

  it('exits 2 for a missing file but still reports the others', async () => {
    const r = await run(['validate', 'missing.xml', 'bad-nesting.xml'], fixtures);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read missing.xml: no such file');
    expect(r.stdout).toMatch(/bad-nesting\.xml:2:3/);
  });

  it('exits 2 without files', async () => {
    const r = await run(['validate'], fixtures);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/name at least one dialplan file/);
  });
});

describe('dialplan build', () => {
  it('prints the XML of one flow', async () => {
    const r = await run(['build', 'greeting.ts'], fixtures);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '<dialplan name="Root">\n  <play type="tts" voice="female1">Hello, your number is ${call.callerid}.</play>\n  <hangup/>\n</dialplan>\n',
    );
  });

  it('writes one file per flow into -o and compacts on request', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const out = mkdtempSync(`${tmpdir()}/build-`);
    const r = await run(['build', 'greeting.ts', '--compact', '-o', out], fixtures);
    expect(r.code).toBe(0);
    expect(readFileSync(`${out}/greeting.xml`, 'utf8')).toMatch(/^<dialplan name="Root"><play [^\n]*<hangup\/><\/dialplan>\n$/);
  });

  it('refuses two flows that would be written to the same file, writing nothing', async () => {
    const { existsSync, mkdirSync, mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/build-same-`);
    const plan = (name: string) => `export default { kind: '#document', prolog: [], epilog: [], root: { kind: 'dialplan', attributes: { name: '${name}' }, children: [] } };\n`;
    for (const d of ['a', 'b']) {
      mkdirSync(`${dir}/${d}`);
      writeFileSync(`${dir}/${d}/p.ts`, plan(d));
    }
    const r = await run(['build', 'a/p.ts', 'b/p.ts', '-o', 'out'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a/p.ts and b/p.ts would both be written to p.xml');
    expect(existsSync(`${dir}/out/p.xml`)).toBe(false);
  });

  it('names each file it writes as -o was given (relative stays relative)', async () => {
    const { mkdirSync, mkdtempSync, writeFileSync, existsSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/build-names-`);
    mkdirSync(`${dir}/flows`);
    writeFileSync(`${dir}/flows/p.ts`, "export default { kind: '#document', prolog: [], epilog: [], root: { kind: 'dialplan', attributes: { name: 'Root' }, children: [] } };\n");
    const r = await run(['build', 'flows/p.ts', '-o', 'out'], dir);
    expect(r.code, r.stderr).toBe(0);
    // before, the resolved absolute path: 'flows/p.ts -> /tmp/…/out/p.xml'
    expect(r.stderr).toBe('flows/p.ts -> out/p.xml\n');
    expect(existsSync(`${dir}/out/p.xml`)).toBe(true);
  });

  it('asks for -o with several flows', async () => {
    const r = await run(['build', 'greeting.ts', 'greeting.ts'], fixtures);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/-o <dir>/);
  });
});
