#!/usr/bin/env node
// The `dialplan` binary: the CLI bundled into one CommonJS file at build time
// (scripts/bundle-cli.mjs; `npm ci` builds dist/ through the prepare script), compiled here
// with V8's code cache, since Node 20 has no compile cache of its own for the CLI's code.
// Most of a start used to be compiling the code a command runs; with the cache V8 takes the
// compiled functions from disk instead. The cache is per command (what `lint` compiles is not
// what `validate` does), lives in the user's own cache folder, and is written again whenever
// V8 refuses it (another Node, another build of the bundle). Anything wrong with it only costs
// the cache: the CLI then compiles as it would without one.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const bundle = fileURLToPath(new URL('../dist/bundle/cli.cjs', import.meta.url));
const require = createRequire(bundle);
// the bundle's import() of a package (tsx's loader for flows, the language server) is this
// module's: a vm.Script has none of its own (scripts/bundle-cli.mjs)
const bundleImport = (specifier) => import(specifier);
// CommonJS's wrapper, with that one more parameter
const wrap = (source) => `(function (exports, require, module, __filename, __dirname, __bundleImport) {${source}\n})`;

// ASCII (scripts/bundle-cli.mjs makes it so): read as latin1, without UTF-8 decoding
const source = readFileSync(bundle, 'latin1');
const command = /^[a-z]{1,16}$/.test(process.argv[2] ?? '') ? process.argv[2] : 'cli';
const dir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'callfire-dialplan');
// the bundle's content hash in the name (its first line, scripts/bundle-cli.mjs): V8 checks a
// cache against the source's length only
const prefix = `${command}-`;
const file = join(dir, `${prefix}${process.version}-${process.arch}-${source.slice(2, source.indexOf('\n'))}.v8`);
let cachedData;
try {
  cachedData = readFileSync(file);
} catch {
  // none yet
}
const script = new vm.Script(wrap(source), { filename: bundle, cachedData });
if (cachedData === undefined || script.cachedDataRejected) {
  process.once('exit', (code) => {
    // only after a run that did its work: a typo or a usage error compiles little worth keeping
    if (code !== 0 && code !== 1) return;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      for (const old of readdirSync(dir)) if (old.startsWith(prefix)) rmSync(join(dir, old), { force: true });
      const partial = `${file}.${process.pid}`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, file); // whole or not at all, for a process starting meanwhile
    } catch {
      // a read-only home: no cache, nothing else changes
    }
  });
}
const module = new Module(bundle);
module.filename = bundle;
script.runInThisContext().call(module.exports, module.exports, require, module, bundle, dirname(bundle), bundleImport);
