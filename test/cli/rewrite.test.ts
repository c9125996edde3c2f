import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const FIXABLE = '<dialplan name="Root"><goto>mian</goto><play name="main" type="tts">Hi</play></dialplan>\n';

describe('lint --fix and fmt --write rewrite a file as it was stored', () => {
  it('keep a UTF-8 byte-order mark, from what they read once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rewrite-'));
    const fixed = join(dir, 'fix.xml');
    writeFileSync(fixed, Buffer.concat([BOM, Buffer.from(FIXABLE)]));
    expect((await run(['lint', '--fix', 'fix.xml'], dir)).stdout).toContain('fix.xml: fixed 1 finding');
    const after = readFileSync(fixed);
    expect(after.subarray(0, 3)).toEqual(BOM);
    expect(after.subarray(3).toString()).toContain('<goto>main</goto>');

    const formatted = join(dir, 'fmt.xml');
    writeFileSync(formatted, Buffer.concat([BOM, Buffer.from(FIXABLE)]));
    expect((await run(['fmt', '--write', 'fmt.xml'], dir)).code).toBe(0);
    const out = readFileSync(formatted);
    expect(out.subarray(0, 3)).toEqual(BOM);
    expect(out.subarray(3).toString()).toMatch(/^<dialplan name="Root">\n {2}<goto>mian<\/goto>\n/);

    const plain = join(dir, 'plain.xml');
    writeFileSync(plain, FIXABLE);
    await run(['lint', '--fix', 'plain.xml'], dir);
    expect(readFileSync(plain, 'utf8')).toMatch(/^<dialplan name="Root"><goto>main<\/goto>/);
  });

  it('refuse to rewrite UTF-16 and leave the file as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rewrite-'));
    const file = join(dir, 'wide.xml');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FIXABLE, 'utf16le')]);
    writeFileSync(file, bytes);
    for (const args of [['fmt', '--write', 'wide.xml'], ['lint', '--fix', 'wide.xml']]) {
      const r = await run(args, dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('wide.xml is UTF-16 text; not rewritten');
      expect(readFileSync(file)).toEqual(bytes);
    }
  });
});
