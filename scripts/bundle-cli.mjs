// Bundles the `dialplan` command line from src/ into dist/bundle/ (npm run build, before tsc
// builds the library into the rest of dist/; esbuild does not type-check): one file
// for the start-up path (bin/dialplan.js imports it) plus a chunk per lazily loaded command,
// so a process resolves and reads a handful of files instead of ~50-100 separate modules
// (issue 13: CLI start-up). The worker threads the CLI starts by URL (the lint worker,
// the sandbox's simulation worker) are entries of their own beside it, where their
// `new URL('./…-worker.js', import.meta.url)` finds them.
//
// The small pure-JavaScript packages on the start-up path are bundled too: Node reads an
// ES module's CommonJS import (saxes) through its export lexer first, which cost more than
// the whole parse of a small plan. Every other package stays external: native modules
// (libxmljs2; the native schema helper is found by path), packages found by path at run time
// (quickjs-emscripten's wasm, tsx's loader), and the big ones only some commands load (soap,
// ajv, xmlbuilder2, the language server), which Node loads from node_modules as before.
// The library itself (dist/index.js and the subpath entries) is tsc's output, unbundled.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const BUNDLED = new Set(['saxes', 'picomatch', 'acorn', 'tinyglobby', 'diff', 'yaml']);
const external = Object.keys(pkg.dependencies).filter((name) => !BUNDLED.has(name));

await build({
  absWorkingDir: root,
  entryPoints: {
    cli: 'src/cli/bin.ts',
    'lint-pool-worker': 'src/cli/lint-pool-worker.ts',
    'simulation-worker': 'src/broadcast/sandbox/simulation-worker.ts',
  },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: `node${pkg.engines.node.replace(/[^0-9.]/g, '')}`,
  external: external.flatMap((name) => [name, `${name}/*`]),
  // a bundled CommonJS package may require a Node built-in; ESM has no `require` of its own
  banner: { js: "import { createRequire as __cliRequire } from 'node:module'; const require = __cliRequire(import.meta.url);" },
  // chunks beside the entries: code that finds a worker or package.json relative to its own
  // import.meta.url must see the same folder wherever esbuild put it
  chunkNames: '[name]-[hash]',
  // the modules of dist/ read package.json and schemas/ relative to where they sit; dist/bundle/
  // sits at the same depth as dist/cli/, and package-root.ts walks up rather than counting
  logLevel: 'warning',
  legalComments: 'none',
});
