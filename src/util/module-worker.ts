/**
 * Starting a worker thread on a module that sits beside the caller, from `dist/` (its `.js`)
 * or from `src/` under tsx or vitest (its `.ts`, which a worker on Node 20 cannot load
 * itself: it does not inherit tsx's loader, so the thread loads the module through tsx's API).
 *
 * @module
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker running the module `name` (without extension) in the folder of `base` (the
 * caller's `import.meta.url`): `name.ts` when the caller runs from source, else `name.js`.
 */
export function moduleWorker(name: string, base: string, options: WorkerOptions = {}): Worker {
  return workerOn(new URL(`./${name}.${base.endsWith('.ts') ? 'ts' : 'js'}`, base), options);
}

/** A worker running the module at `url`: through tsx's API when it is a `.ts` file. */
export function workerOn(url: URL, options: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const href = JSON.stringify(url.href);
  return new Worker(`import(${tsx}).then((t) => t.tsImport(${href}, ${href}))`, { ...options, eval: true });
}
