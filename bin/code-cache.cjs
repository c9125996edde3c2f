'use strict';
// V8's code cache for a CommonJS bundle run as a vm.Script: the one copy of it behind the CLI
// (bin/dialplan.js runs dist/bundle/cli.cjs) and the worker threads (src/util/module-worker.ts
// runs dist/bundle/<worker>.cjs in the thread). Node 20 has no compile cache for this code;
// with the cache V8 takes the compiled functions from disk instead of compiling them on each
// start. Plain CommonJS that needs only Node's own modules, so that the binary and a thread
// load it with one require before anything else (a TypeScript module would be bundled into
// the very code whose compile it saves). Anything wrong with a cache only costs the cache: the
// code then compiles as it would without one.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire, Module } = require('node:module');

/** The folder of every cache of the package: the user's own cache folder. */
const dir = () => path.join(process.env.XDG_CACHE_HOME || path.join(require('node:os').homedir(), '.cache'), 'callfire-dialplan');

/**
 * Runs the CommonJS bundle `file` (ASCII, its content hash on its first line, as
 * scripts/bundle-cli.mjs writes it) as a module, compiled with the cache named `name`
 * (a command of the CLI, `thread.<worker>` for a thread).
 *
 * The cache file carries Node's version and architecture and the bundle's hash in its name (V8
 * checks a cache against the source's length only). When it is missing or V8 refuses it, it is
 * written at exit, once the code has compiled what the run needed, if `keep(exitCode)` says
 * the run did its work (a usage error compiles little worth keeping); the write goes to a
 * partial file renamed into place, so a process starting meanwhile reads it whole or not at
 * all. The caches of `name` for other builds go then, and partials a crashed write left once
 * they are a minute old (younger ones may be another process's write under way).
 *
 * @param {string} file
 * @param {string} name
 * @param {(code: number) => boolean} keep
 * @param {Readonly<Record<string, unknown>>} [extra] more parameters of the module wrapper, by
 *   name, given to the bundle beside CommonJS's five (the CLI's `__bundleImport`)
 */
exports.runBundle = (file, name, keep, extra = {}) => {
  const source = fs.readFileSync(file, 'latin1'); // ASCII: read without UTF-8 decoding
  const folder = dir();
  const prefix = `${name}-`;
  const cache = path.join(folder, `${prefix}${process.version}-${process.arch}-${source.slice(2, source.indexOf('\n'))}.v8`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cache);
  } catch {
    // none yet
  }
  const names = Object.keys(extra);
  const wrapped = `(function (exports, require, module, __filename, __dirname${names.map((n) => `, ${n}`).join('')}) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', (code) => {
      if (!keep(code)) return;
      try {
        fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
        for (const old of fs.readdirSync(folder)) {
          if (!old.startsWith(prefix)) continue;
          const f = path.join(folder, old);
          const stale = old.endsWith('.v8') || (old.includes('.v8.') && Date.now() - (fs.statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 60_000);
          if (stale) fs.rmSync(f, { force: true });
        }
        const partial = `${cache}.${process.pid}-${require('node:worker_threads').threadId}`;
        fs.writeFileSync(partial, script.createCachedData());
        fs.renameSync(partial, cache);
      } catch {
        // a read-only home: no cache, nothing else changes
      }
    });
  }
  const module = new Module(file);
  module.filename = file;
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file), ...Object.values(extra));
};
