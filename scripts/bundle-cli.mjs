// Bundles the `dialplan` command line from src/ into dist/bundle/ (npm run build, before tsc
// builds the library into the rest of dist/; esbuild does not type-check), so a process reads
// one file instead of resolving and loading ~50-100 separate modules (issue 13: CLI start-up).
//
// - dist/bundle/cli.cjs: the whole CLI in one CommonJS file, which bin/dialplan.js compiles
//   with V8's code cache (vm.Script cachedData; Node 20 has no compile cache for ES modules);
//   it is meant to be run by bin/dialplan.js only.
//   The commands stay lazy: esbuild runs a module imported with import() only when it is
//   imported, and an external package's require sits inside that module's code. import.meta
//   has no CommonJS meaning, so import.meta.url is the bundle's own file URL: code that finds
//   package.json, schemas/ or a worker relative to itself sees dist/bundle/, which sits at the
//   same depth as dist/cli/ (package-root.ts walks up rather than counting).
// - dist/bundle/lint-pool-worker.cjs (dialplan lint --jobs) and lint-worker.cjs (the language
//   server's checks): worker threads, each a CommonJS bundle of its own, which
//   src/util/module-worker.ts compiles in the thread with V8's code cache as bin/dialplan.js
//   does the CLI (a worker loading hundreds of ES modules spent most of its start on them).
// - dist/bundle/simulation-worker.js: the sandbox's simulation thread, an ES module, which
//   module-worker.ts starts where the bundle ships no .cjs of that name.
//
// The small pure-JavaScript packages on the start-up path are bundled too: as separate modules,
// Node read saxes (an ES module's CommonJS import) through its export lexer first, which cost
// more than the whole parse of a small plan. Every other package stays external: native modules
// (libxmljs2; the native schema helper is found by path), packages found by path at run time
// (quickjs-emscripten's wasm, tsx's loader), and the big ones only some commands load (soap,
// ajv, xmlbuilder2, the language server), which Node loads from node_modules as before.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const BUNDLED = new Set(['saxes', 'picomatch', 'acorn', 'tinyglobby', 'diff', 'yaml']);
const external = Object.keys(pkg.dependencies)
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

// Bundled packages a command may not need for a given plan: saxes reads only what the fast
// scanner gives up on (malformed XML, rare constructs), acorn only plans with expressions.
// Each is evaluated on its first use instead of when the command loads (saxes and xmlchars
// build large regular expressions, acorn its tables: about 10 ms each of a start): the code
// imports them by name, and esbuild reads an imported name off the module at each use, so a
// module of getters stands in for the package until then.
const LAZY = { saxes: ['SaxesParser'], acorn: ['parse', 'tokenizer', 'tokTypes'] };
const lazyPackages = {
  name: 'lazy-packages',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(LAZY).join('|')})$`);
    b.onResolve({ filter }, (args) => (args.namespace === 'lazy' ? undefined : { path: args.path, namespace: 'lazy' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, ({ path }) => ({
      resolveDir: root,
      loader: 'js',
      contents: `let m; const load = () => (m ??= require(${JSON.stringify(path)}));\nmodule.exports = { ${LAZY[path].map((name) => `get ${name}() { return load().${name}; }`).join(', ')} };\n`,
    }));
  },
};

const common = {
  absWorkingDir: root,
  outdir: 'dist/bundle',
  bundle: true,
  platform: 'node',
  target: `node${pkg.engines.node.replace(/[^0-9.]/g, '')}`,
  external,
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [lazyPackages],
};

// import() of a package (tsx's loader for flows, the language server) is the one thing a
// script compiled with vm.Script cannot do without Node's experimental main-context loader,
// and it fails outright once the script comes from a code cache. The bundle calls the
// binary's own import() instead, handed to it as __bundleImport (see bin/dialplan.js).
const IMPORT_CALL = /(?<![.\w$`'"])import\("/g;

// a CommonJS bundle, compiled by a vm.Script (bin/dialplan.js, module-worker.ts)
const commonJs = {
  ...common,
  write: false,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  define: { 'import.meta.url': '__bundleUrl', 'import.meta.resolve': '__bundleResolve' },
  banner: {
    js: [
      "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;",
      "const __bundleResolve = (specifier) => require('node:url').pathToFileURL(require.resolve(specifier)).href;",
    ].join('\n'),
  },
};

/** Writes a CommonJS bundle ASCII only, its import() of a package through `importCall` (or none allowed). */
function writeCommonJs(out, importCall) {
  const imports = importCall ? out.text.replace(IMPORT_CALL, `${importCall}("`) : out.text;
  if (importCall && imports === out.text) throw new Error(`${out.path}: no import() of a package found; has the bundle's shape changed?`);
  if (!importCall && out.text.search(IMPORT_CALL) >= 0) throw new Error(`${out.path}: a worker bundle imports a package with import(), which its vm.Script cannot do`);
  // ASCII only, so bin/dialplan.js reads it as latin1 (a third of the time UTF-8 decoding
  // takes). esbuild escapes everything but comments already; a \u escape means the same
  // character in a comment, string, regular expression or name.
  const text = imports.replace(/[^\x00-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
  mkdirSync(dirname(out.path), { recursive: true });
  // the first line names the content, and so the code cache (bin/dialplan.js, module-worker.ts):
  // V8 checks a cache against the source's length only, and npm gives every packed file the
  // same time, so two builds of one length would otherwise share a cache and run the old code
  writeFileSync(out.path, `//${createHash('sha256').update(text).digest('hex').slice(0, 16)}\n${text}`);
}

const cli = await build({ ...commonJs, entryPoints: { cli: 'src/cli/bin.ts' } });
for (const out of cli.outputFiles) writeCommonJs(out, '__bundleImport');

const workers = await build({ ...commonJs, entryPoints: { 'lint-pool-worker': 'src/cli/lint-pool-worker.ts', 'lint-worker': 'src/lsp/lint-worker.ts' } });
for (const out of workers.outputFiles) writeCommonJs(out, undefined);

await build({
  ...common,
  entryPoints: { 'simulation-worker': 'src/broadcast/sandbox/simulation-worker.ts' },
  format: 'esm',
  // a bundled CommonJS package may require a Node built-in; an ES module has no `require` of its own
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
});
