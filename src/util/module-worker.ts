/**
 * Starting a worker thread on a module that sits beside the caller, wherever the caller runs:
 *
 * - from `src/` under tsx or vitest: the module's `.ts`, which a worker on Node 20 cannot load
 *   itself (it does not inherit tsx's loader), so the thread loads it through tsx's API;
 * - from the CLI bundle (`dist/bundle/cli.cjs`, scripts/bundle-cli.mjs): the worker's own
 *   CommonJS bundle beside it, `name.cjs`, compiled with V8's code cache as bin/dialplan.js
 *   compiles the CLI, so a thread reads one file and takes the compiled code from disk
 *   instead of loading and compiling hundreds of modules (a worker bundled as an ES module,
 *   `name.js`, where the bundle ships no `.cjs`);
 * - from the library build (`dist/`): the module's `.js`.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker running the module `name` (without extension) in the folder of `base` (the
 * caller's `import.meta.url`): `name.ts` when the caller runs from source, `name.cjs` with
 * the code cache when it runs from the CLI bundle and the bundle ships one, else `name.js`.
 */
export function moduleWorker(name: string, base: string, options: WorkerOptions = {}): Worker {
  if (base.endsWith('.cjs')) {
    const bundle = fileURLToPath(new URL(`./${name}.cjs`, base));
    if (existsSync(bundle)) return new Worker(cachedBundleLoader(bundle), { ...options, eval: true });
  }
  return workerOn(new URL(`./${name}.${base.endsWith('.ts') ? 'ts' : 'js'}`, base), options);
}

/** A worker running the module at `url`: through tsx's API when it is a `.ts` file. */
export function workerOn(url: URL, options: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const href = JSON.stringify(url.href);
  return new Worker(`import(${tsx}).then((t) => t.tsImport(${href}, ${href}))`, { ...options, eval: true });
}

/**
 * The code of a worker that runs the CommonJS bundle `file` with V8's code cache, through the
 * same code-cache.cjs (in the package's bin/, two folders above the bundle) as bin/dialplan.js
 * runs the CLI, with a cache named `thread.<name>`, which no command's cache name is.
 * The cache is written when the thread ends of itself (its port closed, exit code 0), so it
 * holds the functions the thread compiled while it worked: a parent that wants it asks the
 * thread to end rather than terminating it (lint-pool.ts, lsp/lint-runner.ts).
 */
function cachedBundleLoader(file: string): string {
  const codeCache = fileURLToPath(new URL('../../bin/code-cache.cjs', pathToFileURL(file)));
  return `require(${JSON.stringify(codeCache)}).runBundle(${JSON.stringify(file)}, ${JSON.stringify(`thread.${basename(file, '.cjs')}`)}, (code) => code === 0);\n`;
}
