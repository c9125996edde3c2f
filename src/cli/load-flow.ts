/**
 * Loading dialplans from files: CallFire XML as text, flows written with the DSL as modules.
 * TypeScript flows go through tsx, since Node 20 cannot run TypeScript itself. And writing
 * the files commands produce, with the same plain error messages.
 *
 * @module
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as nodeModule from 'node:module';
import { dirname, extname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { hasToAst, isDocument, type DocumentNode, type Position } from '../ast/nodes.js';
import { withCallSites } from '../builder/call-sites.js';
import { fileErrorReason } from '../util/file-errors.js';
import type { FileReport } from '../validate/report/file-report.js';
import { IoError } from './io.js';

const MODULE_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.tsx']);

/** Whether a path names a flow module rather than an XML file. */
export function isFlowModule(path: string): boolean {
  return MODULE_EXTENSIONS.has(extname(path).toLowerCase());
}

/**
 * A flow that could not be loaded: it threw while building, or its module did not load.
 * `at` is where, in the flow's own file, when the stack shows it.
 */
export class FlowError extends IoError {
  constructor(
    message: string,
    /** What went wrong, without the file and position (a report row shows those). */
    readonly detail: string,
    readonly at?: Position,
  ) {
    super(message);
  }
}

/**
 * A file a command could not read or load, as a report entry of its own (rule `load-error`):
 * listed with its error in every format, counted in the summary, never silently dropped.
 */
export function loadFailure(file: string, e: IoError): FileReport {
  const at = e instanceof FlowError ? e.at : undefined;
  const message = e instanceof FlowError ? e.detail : e.message;
  return { file, diagnostics: [{ rule: 'load-error', severity: 'error', message, path: '/', ...(at ? { line: at.line, column: at.column } : {}) }] };
}

// A resolve hook run before tsx's: a TypeScript file outside node_modules is an ES module,
// whatever the "type" of the package.json above it. `npm init -y` writes "commonjs", and a
// flow written as the docs show (import …) must load there too; as CommonJS it would also
// lose its source map, and with it the lines findings point at.
const ESM_FOR_TYPESCRIPT = `export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (r.url.startsWith('file:') && /\\.tsx?$/.test(new URL(r.url).pathname) && !r.url.includes('/node_modules/')) return { ...r, format: 'module' };
  return r;
}`;
let hooked = false;

/** The `line:column` right after `file` in one stack-trace line, if the line names that file. */
function positionAfter(frame: string, names: readonly string[]): Position | undefined {
  for (const name of names) {
    const i = frame.lastIndexOf(`${name}:`);
    if (i < 0) continue;
    const m = /^(\d+):(\d+)/.exec(frame.slice(i + name.length + 1));
    if (m) return { line: Number(m[1]), column: Number(m[2]) };
  }
  return undefined;
}

/**
 * A flow that does not compile: esbuild's (tsx's) "Transform failed with N errors:" message
 * lists each error as `file:line:column: ERROR: text`, its column 0-based where every finding of
 * ours is 1-based. The first error's text, the others counted; its place is `at` when it is in
 * the flow's own file, else (a module the flow imports) the text starts with that module's
 * path, relative to `cwd`, and 1-based place. Undefined for any other failure.
 */
function syntaxError(message: string, names: readonly string[], cwd: string): { at: Position | undefined; detail: string } | undefined {
  const head = /^Transform failed with (\d+) errors?:\n/.exec(message);
  if (!head) return undefined;
  for (const line of message.slice(head[0].length).split('\n')) {
    const m = /^(.+?):(\d+):(\d+): ERROR: (.*)$/.exec(line);
    if (!m) continue;
    const more = Number(head[1]) - 1;
    const text = `${m[4]}${more > 0 ? ` (and ${more} more error${more === 1 ? '' : 's'})` : ''}`;
    const at = { line: Number(m[2]), column: Number(m[3]) + 1 };
    if (names.some((n) => line.startsWith(`${n}:`))) return { at, detail: text };
    return { at: undefined, detail: `${relative(cwd, m[1]!)}:${at.line}:${at.column}: ${text}` };
  }
  return undefined;
}

/**
 * Node's message for a package the flow imports that is not installed, with how to install it:
 * `dialplan init` writes flows that import callfire-dialplan, and a project run before its
 * `npm install` (or with the CLI installed elsewhere) gets this first.
 */
function withInstallHint(err: NodeJS.ErrnoException): string {
  const m = err.code === 'ERR_MODULE_NOT_FOUND' ? /^Cannot find package '((?:@[^/']+\/)?[^/'.][^/']*)'/.exec(err.message) : null;
  return m ? `${err.message}; install it in the flow's project: npm install --save-dev ${m[1]}` : err.message;
}

/** The first frame of a stack that is in the flow's file (source-mapped, so its own line). */
function siteIn(stack: string | undefined, names: readonly string[]): Position | undefined {
  for (const frame of (stack ?? '').split('\n')) {
    const at = positionAfter(frame, names);
    if (at) return at;
  }
  return undefined;
}

/**
 * The stack of an error as Node formats it, through the source maps tsx registers: a test
 * runner or another tool may have replaced `Error.prepareStackTrace` with one that ignores them.
 * (V8 formats `stack` on first read, with the formatter in place then.)
 */
function nodeStack(error: () => unknown): string | undefined {
  const formatter = Error as { prepareStackTrace?: unknown; stackTraceLimit: number };
  const { prepareStackTrace, stackTraceLimit } = formatter;
  formatter.prepareStackTrace = undefined;
  formatter.stackTraceLimit = 16;
  try {
    const e = error();
    return e instanceof Error ? e.stack : undefined;
  } finally {
    formatter.prepareStackTrace = prepareStackTrace;
    formatter.stackTraceLimit = stackTraceLimit;
  }
}

/** The names the flow's file goes by in a stack trace: its real path and its file URL. */
function stackNames(file: string): string[] {
  let real = file;
  try {
    real = realpathSync(file);
  } catch {
    // a missing file is reported by the import below
  }
  return [...new Set([real, file, pathToFileURL(real).href])];
}

/**
 * Loads a flow module and returns its plan as a syntax tree. The plan is the module's default
 * export or its export named `plan`: a builder (anything with `toAst()`) or a DocumentNode.
 *
 * Each tag built meanwhile keeps, as its `loc`, where in the flow's file the builder call was
 * made (the first stack frame in that file, through tsx's source map), so lint, validate,
 * simulate and coverage report the flow's own lines. A tag built by a helper in another file
 * points at the flow's line that called the helper.
 */
export async function loadFlow(path: string, cwd = process.cwd()): Promise<DocumentNode> {
  const file = resolve(cwd, path);
  const names = stackNames(file);
  const record = () => siteIn(nodeStack(() => new Error()), names);
  // module.register is Node 20.6+ (a named import would break every command on 20.0-20.5)
  if (!hooked && typeof nodeModule.register === 'function') {
    nodeModule.register(`data:text/javascript,${encodeURIComponent(ESM_FOR_TYPESCRIPT)}`);
    hooked = true;
  }
  return withCallSites(record, async () => {
    let mod: Record<string, unknown>;
    try {
      const { tsImport } = await import('tsx/esm/api');
      mod = (await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      // the flow itself missing, not a module it imports (whose message names the flow as the importer)
      if (err.code === 'ERR_MODULE_NOT_FOUND' && !existsSync(file)) throw new IoError(`cannot read ${path}: no such file`);
      const syntax = syntaxError(String(err.message), names, cwd);
      const at = syntax?.at ?? siteIn(nodeStack(() => err), names);
      const detail = syntax?.detail ?? withInstallHint(err);
      throw new FlowError(`cannot load flow ${path}${at ? `:${at.line}:${at.column}` : ''}: ${detail}`, detail, at);
    }
    // tsx may wrap a CommonJS-looking module's exports in `default`.
    const candidates = [mod['default'], mod['plan'], (mod['default'] as Record<string, unknown> | undefined)?.['default']];
    for (const c of candidates) {
      if (hasToAst(c)) {
        try {
          return c.toAst();
        } catch (e) {
          const at = siteIn(nodeStack(() => e as Error), names);
          const detail = (e as Error).message;
          throw new FlowError(`cannot build flow ${path}${at ? `:${at.line}:${at.column}` : ''}: ${detail}`, detail, at);
        }
      }
      if (isDocument(c)) return c;
    }
    const detail = 'the module exports no plan: export the dialplan builder as default or as "plan"';
    throw new FlowError(`${path} exports no plan: export the dialplan builder as default or as "plan"`, detail);
  });
}

/**
 * Where the first byte that is not valid UTF-8 sits, as line and column (UTF-16 units, like
 * the rest of the project's positions) of the text before it. The decoder itself finds it, so
 * every sequence it refuses counts (over-long forms, encoded surrogates, code points past
 * U+10FFFF), not only bad lead bytes: the first U+FFFD the lenient decoder produced where the
 * file does not hold the bytes of a real U+FFFD.
 */
function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  let offset = 0;
  let line = 1;
  let column = 1;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0xfffd && !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) break;
    if (ch === '\n') {
      line++;
      column = 1;
    } else if (!(offset === 0 && cp === 0xfeff)) {
      column += ch.length;
    }
    offset += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return { line, column };
}

/** How a text file was stored: UTF-8 with or without a byte-order mark, or UTF-16 (which has one). */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

/**
 * Reads a text file as UTF-8 (UTF-16 with a byte-order mark too), turning file-system errors
 * and bytes that are not text into a clear {@link IoError}: a dialplan in another encoding
 * would otherwise reach CallFire with its accented letters replaced.
 */
export async function readText(path: string, cwd = process.cwd()): Promise<string> {
  return (await readTextFile(path, cwd)).text;
}

/**
 * {@link readText}, also saying how the file was stored, for a command that rewrites it
 * (`rewriteText` puts a byte-order mark back, and refuses UTF-16).
 */
export async function readTextFile(path: string, cwd = process.cwd()): Promise<{ text: string; encoding: TextEncoding }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(resolve(cwd, path));
  } catch (e) {
    throw new IoError(`cannot read ${path}: ${fileErrorReason(e)}`);
  }
  return decodeText(path, bytes);
}

/**
 * {@link readText} read synchronously, for a thread that reads and lints many files in a row
 * (`dialplan lint`): each asynchronous read waits on libuv's thread pool several times, which
 * cost ten times the read itself on a busy machine.
 */
export function readTextSync(path: string, cwd = process.cwd()): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(cwd, path));
  } catch (e) {
    throw new IoError(`cannot read ${path}: ${fileErrorReason(e)}`);
  }
  return decodeText(path, bytes).text;
}

/** The text of a file's bytes and how it was stored, or an {@link IoError} when they are not text. */
function decodeText(path: string, bytes: Buffer): { text: string; encoding: TextEncoding } {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  try {
    const text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true }).decode(bytes);
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return { text, encoding: utf16 ?? (bom ? 'utf-8-bom' : 'utf-8') };
  } catch {
    const at = utf16 ? { line: 1, column: 1 } : firstInvalidUtf8(bytes);
    throw new IoError(
      `cannot read ${path}: it is not ${utf16 ?? 'UTF-8'} text (line ${at.line}, column ${at.column}); ` +
        'save it as UTF-8 (CallFire receives DialplanXml inside a UTF-8 SOAP request), e.g. iconv -f ISO-8859-1 -t UTF-8',
    );
  }
}

/** Loads a dialplan from an XML file (as text) or a flow module (as a tree). */
export async function loadDialplan(path: string, cwd = process.cwd()): Promise<string | DocumentNode> {
  return isFlowModule(path) ? loadFlow(path, cwd) : readText(path, cwd);
}

/**
 * Creates a folder and its missing parents, one level at a time from the nearest one that
 * exists. Not `mkdir(…, { recursive: true })`: in a folder where creating anything fails with
 * ENOENT (under /proc, say) Node's recursive mkdir retries for ever.
 */
async function makeFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    const found = await stat(d).then(
      (s) => s,
      (e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT' && e.code !== 'ENOTDIR') throw e;
        return undefined;
      },
    );
    if (found) {
      if (!found.isDirectory()) throw new IoError(`cannot create the folder ${dir}: ${d} is a file`);
      break;
    }
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) {
    await mkdir(d).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw new IoError(`cannot create the folder ${d}: ${e.code === 'ENOENT' ? 'its parent does not take new folders' : fileErrorReason(e, 'write')}`);
    });
  }
}

/**
 * Writes a file a command produces, creating its folder, and turns a failure into an
 * {@link IoError} naming the file. With `exists` set, an existing file is not replaced and
 * that message is the error.
 */
export async function writeText(target: string, text: string, options: { readonly exists?: string } = {}): Promise<void> {
  try {
    await makeFolder(dirname(target));
    await writeFile(target, text, { flag: options.exists === undefined ? 'w' : 'wx' });
  } catch (e) {
    if (e instanceof IoError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'EEXIST' && options.exists !== undefined) throw new IoError(options.exists);
    throw new IoError(`cannot write ${target}: ${fileErrorReason(e, 'write')}`);
  }
}
