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
import { fileURLToPath } from 'node:url';
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
 * The code of a worker that runs the CommonJS bundle `file` (ASCII, its content hash on the
 * first line, as scripts/bundle-cli.mjs writes it) with V8's code cache, kept in the same
 * folder as the CLI's (bin/dialplan.js) and named by that hash.
 * The cache is written when the thread ends of itself (its port closed, exit code 0), so it
 * holds the functions the thread compiled while it worked: a parent that wants it asks the
 * thread to end rather than terminating it (lint-pool.ts, lsp/lint-runner.ts); when it is missing or refused (another Node,
 * another build) the thread compiles as it would without one. Its file name starts with
 * `thread.`, which no command's cache name does, so bin/dialplan.js never removes it as its own.
 */
function cachedBundleLoader(file: string): string {
  return `'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire, Module } = require('node:module');
const file = ${JSON.stringify(file)};
const source = fs.readFileSync(file, 'latin1');
const dir = path.join(process.env.XDG_CACHE_HOME || path.join(require('node:os').homedir(), '.cache'), 'callfire-dialplan');
const prefix = 'thread.' + path.basename(file, '.cjs') + '-';
const cache = path.join(dir, prefix + process.version + '-' + process.arch + '-' + source.slice(2, source.indexOf('\\n')) + '.v8');
let cachedData;
try { cachedData = fs.readFileSync(cache); } catch {}
const script = new vm.Script('(function (exports, require, module, __filename, __dirname) {' + source + '\\n})', { filename: file, cachedData });
if (cachedData === undefined || script.cachedDataRejected) {
  process.once('exit', (code) => {
    if (code !== 0) return;
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      for (const old of fs.readdirSync(dir)) {
        if (!old.startsWith(prefix)) continue;
        const f = path.join(dir, old);
        // another build's cache; or a partial one (name.v8.pid-tid) left by a write that crashed,
        // once it is too old to be another thread's write under way
        const stale = old.endsWith('.v8') || (old.includes('.v8.') && Date.now() - (fs.statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 60000);
        if (stale) fs.rmSync(f, { force: true });
      }
      const partial = cache + '.' + process.pid + '-' + require('node:worker_threads').threadId;
      fs.writeFileSync(partial, script.createCachedData());
      fs.renameSync(partial, cache);
    } catch {}
  });
}
const bundle = new Module(file);
bundle.filename = file;
script.runInThisContext().call(bundle.exports, bundle.exports, createRequire(file), bundle, file, path.dirname(file));
`;
}
