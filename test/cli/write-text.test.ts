import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IoError } from '../../src/cli/io.js';
import { writeText } from '../../src/cli/load-flow.js';
import { run } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'write-text-'));

describe('writeText', () => {
  it('creates the missing folders', async () => {
    await writeText(join(dir, 'a/b/c.txt'), 'hi');
    expect(readFileSync(join(dir, 'a/b/c.txt'), 'utf8')).toBe('hi');
  });

  it('says which folder it cannot create when a file is in the way', async () => {
    writeFileSync(join(dir, 'plain'), '');
    await expect(writeText(join(dir, 'plain/x/y.txt'), 'hi')).rejects.toThrow(new IoError(`cannot create the folder ${join(dir, 'plain/x')}: ${join(dir, 'plain')} is a file`));
  });

  it.skipIf(!existsSync('/proc/self'))('fails, instead of hanging, where no folder can be made (/proc)', async () => {
    await expect(writeText('/proc/nope/x.html', 'hi')).rejects.toThrow('cannot create the folder /proc/nope');
    writeFileSync(join(dir, 'good.xml'), '<dialplan name="Root"><hangup/></dialplan>');
    const r = await run(['graph', 'good.xml', '--format', 'html', '-o', '/proc/nope/x.html'], dir);
    expect(r).toMatchObject({ code: 2, stderr: 'dialplan graph: cannot create the folder /proc/nope: its parent does not take new folders\n' });
  });
});
