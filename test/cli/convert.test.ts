import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const fixtures = fileURLToPath(new URL('../fixtures/cli/', import.meta.url));

describe('dialplan convert', () => {
  it('prints a flow that builds back to the same XML', async () => {
    const r = await run(['convert', 'good.xml', '--import-from', '../../../src/index.js'], fixtures);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`import { dialplan } from '../../../src/index.js';

export default dialplan({ name: 'Root' })
  .play('Thanks for calling.', { voice: 'female2' })
  .hangup();
`);
    const dir = mkdtempSync(join(fixtures, '.convert-'));
    writeFileSync(join(dir, 'flow.ts'), r.stdout.replace('../../../src', '../../../../src'));
    const built = await run(['build', join(dir, 'flow.ts')], fixtures);
    expect(built.stdout).toBe(readFileSync(join(fixtures, 'good.xml'), 'utf8'));
    (await import('node:fs')).rmSync(dir, { recursive: true });
  });

  it('writes to -o', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'convert-')), 'flow.ts');
    const r = await run(['convert', 'bad-nesting.xml', '-o', out], fixtures);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(".keypress('1', (k) => k");
  });

  it('names the tag it cannot convert and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convert-'));
    writeFileSync(join(dir, 'x.xml'), '<dialplan>\n  <menu maxDigits="one"/>\n</dialplan>');
    const r = await run(['convert', 'x.xml'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('x.xml: cannot convert /dialplan/menu[1] (line 2): maxDigits="one" must be a whole number\n');
  });

  it('reports malformed XML with its position', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convert-'));
    writeFileSync(join(dir, 'x.xml'), '<dialplan>\n  <play>\n</dialplan>');
    const r = await run(['convert', 'x.xml'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^x\.xml:3:\d+ +error/m);
  });
});
