#!/usr/bin/env node
// The `dialplan` binary: the CLI bundled into one CommonJS file at build time
// (scripts/bundle-cli.mjs; `npm ci` builds dist/ through the prepare script), run with V8's
// code cache (code-cache.cjs, shared with the worker threads), since Node 20 has no compile
// cache of its own for the CLI's code. Most of a start used to be compiling the code a command
// runs; with the cache V8 takes the compiled functions from disk instead. The cache is per
// command (what `lint` compiles is not what `validate` does).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const bundle = require.resolve('../dist/bundle/cli.cjs');
const command = /^[a-z]{1,16}$/.test(process.argv[2] ?? '') ? process.argv[2] : 'cli';
require('./code-cache.cjs').runBundle(bundle, command, (code) => code === 0 || code === 1, {
  // the bundle's import() of a package (tsx's loader for flows, the language server) is this
  // module's: a vm.Script has none of its own (scripts/bundle-cli.mjs)
  __bundleImport: (specifier) => import(specifier),
});
