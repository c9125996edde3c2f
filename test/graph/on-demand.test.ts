/**
 * The layout engine loads with the first drawing, not with the package: src/index.ts
 * re-exports the graph module, so an eager import would cost every user of the package.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

// A resolve hook that logs every ES module a process imports: an `import` of dagre does not
// show in require.cache, so that alone cannot tell an eager import from a lazy require.
const hooks = `data:text/javascript,${encodeURIComponent(
  "import { appendFileSync } from 'node:fs'; export async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(process.env.RESOLVED_LOG, r.url + '\\n'); return r; }",
)}`;
const registerHooks = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(hooks)});`)}`;

/** Whether a fresh process that runs `code` (an ES module) has loaded dagre, by import or require. */
function loadsDagre(code: string): boolean {
  const log = join(mkdtempSync(join(tmpdir(), 'graph-on-demand-')), 'resolved.log');
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
  const imported = readFileSync(log, 'utf8').split('\n');
  expect(imported.some((url) => url.includes('/src/index.ts'))).toBe(true); // the log is real
  return [...required, ...imported].some((f) => f.includes('@dagrejs'));
}

describe('dagre on demand', () => {
  it('is not loaded by importing the package', () => {
    expect(loadsDagre(`import { dialplan, toMermaid } from './src/index.ts';
toMermaid(dialplan({ name: 'Root' }).play('Hello').hangup().toAst());`)).toBe(false);
  });

  it('is loaded by the first SVG drawing, which works', () => {
    expect(loadsDagre(`import { dialplan, toSvg } from './src/index.ts';
if (!toSvg(dialplan({ name: 'Root' }).play('Hello').hangup().toAst()).includes('<svg')) throw new Error('no svg');`)).toBe(true);
  });
});
