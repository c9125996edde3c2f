/**
 * libxml2 (through libxmljs2) loaded lazily, and what both schema engines report.
 *
 * The native module is required on first use only, so importing the package (the builder,
 * the compiler) never pays for it.
 *
 * Security: libxmljs2 0.35 carries advisory GHSA-78h3-pg4x-j8cv (in `Element.namespaces()`),
 * with no fixed release. The project never calls `namespaces()`; keep it that way (read a
 * namespace URI with `namespace()?.href()`). libxmljs2 also bundles libxml2 2.9.9 (2019), so
 * every untrusted input (dialplans, SOAP requests, SOAP responses) has its DOCTYPE refused
 * before libxml2 sees any text (`unsafe-input.ts`) and is parsed with
 * {@link SAFE_PARSE_OPTIONS}, never `huge`.
 *
 * Threads: libxmljs2 is not a context-aware addon, so Node loads it in one thread only
 * ("Module did not self-register" in the next). In a worker thread the native module is
 * therefore loaded from a copy of its file made for that thread, which Node loads anew.
 *
 * @module
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isMainThread, threadId } from 'node:worker_threads';
import type * as Libxml from 'libxmljs2';

/** The libxmljs2 module. */
export type LibxmlModule = typeof Libxml;
/** A parsed libxml2 document. */
export type LibxmlDocument = Libxml.Document;

/**
 * One error libxml2 raised while reading or validating a document, as both engines
 * (`compiled-schema.ts`, `document-schema.ts`) hand it over.
 */
export interface LibxmlFinding {
  /** Raised by the schema validator; otherwise by the parser (a syntax error). */
  readonly schema: boolean;
  /** libxml2's level: 1 warning, 2 error, 3 fatal. */
  readonly level: number;
  readonly message: string;
  /** 0 when libxml2 gave none. */
  readonly line: number;
  /** 0 when libxml2 gave none. */
  readonly column: number;
}

/** libxml2's level for an error (below it: warnings). */
export const LEVEL_ERROR = 2;

/**
 * Parser options for untrusted dialplans: no entity substitution, no DTD loading or
 * validation, no network, no XInclude; line numbers past 65535 kept exact. The text is
 * already decoded, so a declared encoding is ignored (`ignore_enc`) rather than used to
 * decode it again or refused as unsupported.
 *
 * `noblanks` and `compact` make the tree libxml2 builds smaller (white space between tags
 * is dropped, short texts stored inline), which roughly halves parse time through
 * libxmljs2's memory-accounting allocator. Validation is unchanged: libxml2 keeps white
 * space inside leaf tags and next to text, and the schema's leaf types collapse white
 * space anyway.
 */
export const SAFE_PARSE_OPTIONS = {
  noent: false,
  dtdload: false,
  dtdattr: false,
  dtdvalid: false,
  nonet: true,
  xinclude: false,
  huge: false,
  big_lines: true,
  ignore_enc: true,
  noblanks: true,
  compact: true,
} as const;

/**
 * libxmljs2's native module could not be loaded (its install script did not run, or it was
 * built for another Node.js): a broken installation, not a finding in the plan. The CLI exits 2
 * with this message.
 */
export class LibxmlUnavailableError extends Error {
  override readonly name = 'LibxmlUnavailableError';
}

const require = createRequire(import.meta.url);
/** The native module file this thread loaded itself (the original, or in a worker its copy). */
let nativeFile: string | undefined;

/**
 * Loads libxmljs2's native module from `file` and puts it in the module cache where
 * libxmljs2's `lib/bindings.js` would have put it, so a later `require('libxmljs2')` takes
 * this one and never loads the file again.
 */
function registerNative(bindingsJs: string, file: string): void {
  const native = { exports: {} };
  process.dlopen(native, file);
  const entry = new Module(bindingsJs);
  entry.filename = bindingsJs;
  entry.loaded = true;
  entry.exports = native.exports;
  require.cache[bindingsJs] = entry;
  nativeFile = file;
}

/** Where libxmljs2's native module is: its build folder, else wherever `bindings` finds it. */
function originalNative(bindingsJs: string): string {
  const built = join(dirname(dirname(bindingsJs)), 'build', 'Release', 'xmljs.node');
  if (existsSync(built)) return built;
  return (createRequire(bindingsJs)('bindings') as (o: object) => string)({ bindings: 'xmljs', path: true, module_root: dirname(dirname(bindingsJs)) });
}

/**
 * libxmljs2's native module, loaded in this thread without the rest of libxmljs2 (its
 * JavaScript, and the `bindings` package's search of a dozen paths, cost more than the
 * native load itself at the first validation): what the compiled-schema helper needs. In a
 * worker thread it is loaded from a copy of its file made for that thread.
 */
function loadNative(): void {
  const bindingsJs = require.resolve('libxmljs2/lib/bindings.js');
  if (require.cache[bindingsJs] !== undefined) return;
  const original = originalNative(bindingsJs);
  if (isMainThread) {
    registerNative(bindingsJs, original);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'callfire-dialplan-libxml-'));
  const copy = join(dir, `xmljs-${process.pid}-${threadId}.node`);
  copyFileSync(original, copy);
  // The loaded copy stays mapped; its file is only needed until the thread ends.
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  registerNative(bindingsJs, copy);
}

let loaded: LibxmlModule | undefined;

/** libxmljs2, required on first use (its native module loaded by {@link loadNative}). */
function loadLibxml(): LibxmlModule {
  if (loaded === undefined) {
    loadNative();
    loaded = require('libxmljs2') as LibxmlModule;
  }
  return loaded;
}

/** What {@link libxmlModule} throws when libxml2 cannot be loaded: the cause, and what to do. */
function unavailable(e: unknown): LibxmlUnavailableError {
  // bindings lists a dozen paths it tried; the first sentence says enough
  const cause = (e instanceof Error ? e.message : String(e)).split(/\.\s+Tried:/)[0]!.trim();
  return new LibxmlUnavailableError(
    `libxml2 could not be loaded (libxmljs2: ${cause}). Its native module is built by its install script, ` +
      'which did not run or was built for another Node.js: allow it in package.json ("allowScripts": { "libxmljs2": true }), then run "npm rebuild libxmljs2".',
  );
}

/** The libxmljs2 module, loaded on first call; a {@link LibxmlUnavailableError} when its native part is missing. */
export function libxmlModule(): LibxmlModule {
  try {
    return loadLibxml();
  } catch (e) {
    throw unavailable(e);
  }
}

/**
 * The file of libxmljs2's native module, as this thread loaded it (undefined if Node's
 * module cache does not show it): loaded now if it was not, without libxmljs2's JavaScript.
 * A {@link LibxmlUnavailableError} when it cannot be loaded.
 */
export function libxmlNativeFile(): string | undefined {
  try {
    loadNative();
  } catch (e) {
    throw unavailable(e);
  }
  if (nativeFile !== undefined) return nativeFile;
  // loaded by libxmljs2 itself before: Node's module cache is one for the process
  return Object.keys(require.cache).find((file) => /[\\/]xmljs\.node$/.test(file));
}
