/**
 * Heavy dependencies load on first use: importing the package to build a plan must not load
 * the SOAP stack, the XML writer, or the validators, and each loads the first
 * time it is needed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

const ON_DEMAND = ['soap', 'xmlbuilder2', 'ajv', 'yaml', 'libxmljs2'];

// A resolve hook that logs every module a process imports: a package loaded with `import`
// (an ES module) never shows in require.cache, one loaded with require does.
const hooks = `data:text/javascript,${encodeURIComponent(
  "import { appendFileSync } from 'node:fs'; export async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(process.env.RESOLVED_LOG, r.url + '\\n'); return r; }",
)}`;
const registerHooks = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(hooks)});`)}`;

const packageOf = (file: string) => /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file)?.[1]?.replace('\\', '/');

/** The packages a fresh process has loaded, by import or require, after running `code` (an ES module). */
function loadedAfter(code: string): string[] {
  const log = join(mkdtempSync(join(tmpdir(), 'on-demand-')), 'resolved.log');
  const script = `${code}
import { createRequire } from 'node:module';
console.log(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));`;
  const run = spawnSync(tsx, ['--import', registerHooks, '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, RESOLVED_LOG: log },
  });
  expect(run.stderr).toBe('');
  const required = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as string[];
  const imported = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  expect(imported.some((url) => url.includes('/src/index.ts'))).toBe(true); // the log is real
  return [...new Set([...required, ...imported].map(packageOf).filter((p): p is string => p !== undefined))];
}

describe('dependencies loaded on demand', () => {
  it('importing the package and building a plan loads none of them', () => {
    const loaded = loadedAfter(`import { dialplan } from './src/index.ts';
import { toMermaid } from './src/entries/graph.ts';
toMermaid(dialplan({ name: 'Root' }).play('Hello').hangup().toAst());`);
    expect(loaded).toContain('saxes'); // the list is real: an eager dependency shows up
    for (const name of ON_DEMAND) expect(loaded).not.toContain(name);
  });

  it('each loads when its work is asked for', () => {
    const loaded = loadedAfter(`import { dialplan, validate } from './src/index.ts';
import { toSvg } from './src/entries/graph.ts';
const plan = dialplan({ name: 'Root' }).play('Hello').hangup();
if (!validate(plan).ok) throw new Error('invalid');
if (!toSvg(plan.toAst()).includes('<svg')) throw new Error('no svg');`);
    expect(loaded).toEqual(expect.arrayContaining(['xmlbuilder2', 'libxmljs2']));
    expect(loaded).not.toContain('soap');
  });
});
