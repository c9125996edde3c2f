import { mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';

const MESSY = '<dialplan name="R"><menu maxDigits="1" name="m"><play type="tts">Hi</play><keypress pressed="1"><hangup/></keypress></menu></dialplan>';
const TIDY = '<dialplan name="R">\n  <menu name="m" maxDigits="1">\n    <play type="tts">Hi</play>\n    <keypress pressed="1">\n      <hangup/>\n    </keypress>\n  </menu>\n</dialplan>\n';

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dialplan-fmt-'));
  mkdirSync(join(dir, 'plans/deep'), { recursive: true });
  writeFileSync(join(dir, 'plans/messy.xml'), MESSY);
  writeFileSync(join(dir, 'plans/tidy.xml'), TIDY);
  writeFileSync(join(dir, 'plans/deep/wide.xml'), MESSY);
  writeFileSync(join(dir, 'plans/deep/.dialplanrc.json'), JSON.stringify({ fmt: { indent: 4 } }));
  return dir;
}

describe('dialplan fmt', () => {
  it('prints the formatted text', async () => {
    const dir = project();
    const r = await run(['fmt', 'plans/messy.xml'], dir);
    expect(r).toMatchObject({ code: 0, stdout: TIDY, stderr: '' });
  });

  it('--check lists the files that are not formatted and exits 1; 0 when all are', async () => {
    const dir = project();
    const r = await run(['fmt', '--check', 'plans'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('plans/deep/wide.xml\nplans/messy.xml\n');
    expect(r.stderr).toContain('2 files are not formatted');
    expect(await run(['fmt', '--check', 'plans/tidy.xml'], dir)).toMatchObject({ code: 0, stdout: '' });
    const diff = await run(['fmt', '--check', '--diff', 'plans/messy.xml'], dir);
    expect(diff.stdout).toContain('--- a/plans/messy.xml\n+++ b/plans/messy.xml\n');
    expect(diff.stdout).toContain('+    <keypress pressed="1">\n');
  });

  it('--write rewrites only the files that change, with fmt.indent from the nearest .dialplanrc.json', async () => {
    const dir = project();
    utimesSync(join(dir, 'plans/tidy.xml'), 1, 1);
    const r = await run(['fmt', '--write', 'plans/**/*.xml'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('plans/deep/wide.xml\nplans/messy.xml\n');
    expect(readFileSync(join(dir, 'plans/messy.xml'), 'utf8')).toBe(TIDY);
    expect(readFileSync(join(dir, 'plans/deep/wide.xml'), 'utf8')).toBe(TIDY.replace(/^( +)/gm, (s) => s + s));
    expect(statSync(join(dir, 'plans/tidy.xml')).mtimeMs).toBe(1000);
    expect((await run(['fmt', '--check', 'plans'], dir)).code).toBe(0);
    // --indent wins over the config file
    expect((await run(['fmt', '--indent', '2', 'plans/deep/wide.xml'], dir)).stdout).toBe(TIDY);
  });

  it('says why it cannot format: bad XML, a flow module, a missing file, bad options (exit 2)', async () => {
    const dir = project();
    writeFileSync(join(dir, 'broken.xml'), '<dialplan>\n  <play>x</dialplan>');
    const broken = await run(['fmt', 'broken.xml', 'plans/tidy.xml'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^broken\.xml:2:\d+ {2}cannot format: /);
    expect(broken.stdout).toBe(TIDY);
    writeFileSync(join(dir, 'flow.ts'), 'export default {};');
    expect((await run(['fmt', 'flow.ts'], dir)).stderr).toContain('flow.ts is a flow module');
    expect((await run(['fmt', 'missing.xml'], dir))).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot read missing.xml: no such file') });
    expect((await run(['fmt', '--indent', 'wide', 'plans'], dir))).toMatchObject({ code: 2, stderr: expect.stringContaining('--indent takes a number of spaces') });
    expect((await run(['fmt', '--check', '--write', 'plans'], dir)).code).toBe(2);
    expect((await run(['fmt'], dir)).code).toBe(2);
    writeFileSync(join(dir, 'plans/deep/.dialplanrc.json'), JSON.stringify({ fmt: { indent: 'wide' } }));
    const config = await run(['fmt', '--check', 'plans/deep/wide.xml'], dir);
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('"fmt.indent" is not valid');
  });
});
