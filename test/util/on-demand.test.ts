/**
 * Heavy dependencies load on first use: importing the package to build a plan must not load
 * the SOAP stack, the XML writer or the validators, and each loads the first time it is needed.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

const ON_DEMAND = ['soap', 'xmlbuilder2', 'ajv', 'yaml', 'libxmljs2'];

/** The packages a fresh process has loaded after running `code` (an ES module). */
function loadedAfter(code: string): string[] {
  const script = `${code}
import { createRequire } from 'node:module';
const files = Object.keys(createRequire(import.meta.url).cache);
console.log(JSON.stringify([...new Set(files.map((f) => /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(f)?.[1]).filter(Boolean))]));`;
  const run = spawnSync(tsx, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as string[];
}

describe('dependencies loaded on demand', () => {
  it('importing the package and building a plan loads none of them', () => {
    const loaded = loadedAfter(`import { dialplan } from './src/index.ts';
dialplan({ name: 'Root' }).play('Hello').hangup().toAst();`);
    expect(loaded).toContain('saxes'); // the list is real: an eager dependency shows up
    for (const name of ON_DEMAND) expect(loaded).not.toContain(name);
  });

  it('each loads when its work is asked for', () => {
    const loaded = loadedAfter(`import { dialplan, validate } from './src/index.ts';
const plan = dialplan({ name: 'Root' }).play('Hello').hangup();
if (!validate(plan).ok) throw new Error('invalid');`);
    expect(loaded).toEqual(expect.arrayContaining(['xmlbuilder2', 'libxmljs2']));
    expect(loaded).not.toContain('soap');
  });
});
