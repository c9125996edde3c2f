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
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
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
/** In a worker thread: the copy of libxmljs2's native module loaded for this thread. */
let threadCopy: string | undefined;

/**
 * Loads libxmljs2's native module in this worker thread from a copy of its file, and puts it
 * in the module cache where libxmljs2's `lib/bindings.js` would have put the original.
 */
function loadThreadCopy(): void {
  const bindingsJs = require.resolve('libxmljs2/lib/bindings.js');
  if (require.cache[bindingsJs] !== undefined) return;
  const fromLibxmljs2 = createRequire(bindingsJs);
  const original = (fromLibxmljs2('bindings') as (o: object) => string)({ bindings: 'xmljs', path: true, module_root: dirname(dirname(bindingsJs)) });
  const dir = mkdtempSync(join(tmpdir(), 'callfire-dialplan-libxml-'));
  const copy = join(dir, `xmljs-${process.pid}-${threadId}.node`);
  copyFileSync(original, copy);
  const native = { exports: {} };
  process.dlopen(native, copy);
  // The loaded copy stays mapped; its file is only needed until the thread ends.
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const entry = new Module(bindingsJs);
  entry.filename = bindingsJs;
  entry.loaded = true;
  entry.exports = native.exports;
  require.cache[bindingsJs] = entry;
  threadCopy = copy;
}

let loaded: LibxmlModule | undefined;

/** libxmljs2, required on first use (in a worker thread, from this thread's copy). */
function loadLibxml(): LibxmlModule {
  if (loaded === undefined) {
    if (!isMainThread) loadThreadCopy();
    loaded = require('libxmljs2') as LibxmlModule;
  }
  return loaded;
}

/** The libxmljs2 module, loaded on first call; a {@link LibxmlUnavailableError} when its native part is missing. */
export function libxmlModule(): LibxmlModule {
  try {
    return loadLibxml();
  } catch (e) {
    // bindings lists a dozen paths it tried; the first sentence says enough
    const cause = (e instanceof Error ? e.message : String(e)).split(/\.\s+Tried:/)[0]!.trim();
    throw new LibxmlUnavailableError(
      `libxml2 could not be loaded (libxmljs2: ${cause}). Its native module is built by its install script, ` +
        'which did not run or was built for another Node.js: allow it in package.json ("allowScripts": { "libxmljs2": true }), then run "npm rebuild libxmljs2".',
    );
  }
}

/**
 * The file of libxmljs2's native module, as this thread loaded it (undefined if it is not
 * loaded or Node's module cache does not show it).
 */
export function libxmlNativeFile(): string | undefined {
  libxmlModule();
  if (threadCopy !== undefined) return threadCopy;
  // Node's module cache is one for the process, whichever require reads it
  return Object.keys(require.cache).find((file) => /[\\/]xmljs\.node$/.test(file));
}
