import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const fixtures = fileURLToPath(new URL('../fixtures/cli/', import.meta.url));
const INDEX = fileURLToPath(new URL('../../src/index.js', import.meta.url));

describe('dialplan convert', () => {
  it('prints a flow that builds back to the same XML', async () => {
    const r = await run(['convert', 'good.xml', '--import-from', INDEX], fixtures);
    expect(r.code).toBe(0);
    expect(r.stdout.replace(INDEX, 'callfire-dialplan')).toBe(`import { dialplan } from 'callfire-dialplan';

export default dialplan({ name: 'Root' })
  .play('Thanks for calling.', { voice: 'female2' })
  .hangup();
`);
    // in the system's temporary folder, so a failing run leaves nothing in the fixtures
    const dir = mkdtempSync(join(tmpdir(), 'convert-'));
    writeFileSync(join(dir, 'flow.ts'), r.stdout);
    const built = await run(['build', join(dir, 'flow.ts')], fixtures);
    expect(built.stdout).toBe(readFileSync(join(fixtures, 'good.xml'), 'utf8'));
  });

  it('writes to -o', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'convert-')), 'flow.ts');
    const r = await run(['convert', 'good.xml', '-o', out], fixtures);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(".play('Thanks for calling.', { voice: 'female2' })");
  });

  it('refuses a tag where its parent does not take it (the builder has no method for it there)', async () => {
    const r = await run(['convert', 'bad-nesting.xml'], fixtures);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('bad-nesting.xml: cannot convert /dialplan/keypress[1] (line 2): <keypress> cannot stand inside <dialplan>\n');
  });

  it.each([
    ['a value of the wrong form', '<menu maxDigits="one"/>', 'menu[1] (line 2): maxDigits="one" must be a whole number'],
    ['a <catch> without attributes, not a crash', '<catch><hangup/></catch>', 'catch[1] (line 2): <catch> needs the attribute "type"'],
  ])('names the tag it cannot convert and exits 1: %s', async (_what, tag, where) => {
    const dir = mkdtempSync(join(tmpdir(), 'convert-'));
    writeFileSync(join(dir, 'x.xml'), `<dialplan>\n  ${tag}\n</dialplan>`);
    const r = await run(['convert', 'x.xml'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`x.xml: cannot convert /dialplan/${where}\n`);
  });

  it('reports malformed XML with its position', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convert-'));
    writeFileSync(join(dir, 'x.xml'), '<dialplan>\n  <play>\n</dialplan>');
    const r = await run(['convert', 'x.xml'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^x\.xml:3:\d+ +error/m);
  });
});
