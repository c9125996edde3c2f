/**
 * Loading dialplans from files: CallFire XML as text, flows written with the DSL as modules.
 * TypeScript flows go through tsx, since Node 20 cannot run TypeScript itself.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentNode } from '../ast/nodes.js';
import { IoError } from './io.js';

const MODULE_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.tsx']);

function isDocument(value: unknown): value is DocumentNode {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === '#document';
}

function hasToAst(value: unknown): value is { toAst(): DocumentNode } {
  return typeof value === 'object' && value !== null && typeof (value as { toAst?: unknown }).toAst === 'function';
}

/** Whether a path names a flow module rather than an XML file. */
export function isFlowModule(path: string): boolean {
  return MODULE_EXTENSIONS.has(extname(path).toLowerCase());
}

/**
 * Loads a flow module and returns its plan as a syntax tree. The plan is the module's default
 * export or its export named `plan`: a builder (anything with `toAst()`) or a DocumentNode.
 */
export async function loadFlow(path: string, cwd = process.cwd()): Promise<DocumentNode> {
  const file = resolve(cwd, path);
  let mod: Record<string, unknown>;
  try {
    const { tsImport } = await import('tsx/esm/api');
    mod = (await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes(file)) throw new IoError(`cannot read ${path}: no such file`);
    throw new IoError(`cannot load flow ${path}: ${err.message}`);
  }
  // tsx may wrap a CommonJS-looking module's exports in `default`.
  const candidates = [mod['default'], mod['plan'], (mod['default'] as Record<string, unknown> | undefined)?.['default']];
  for (const c of candidates) {
    if (hasToAst(c)) return c.toAst();
    if (isDocument(c)) return c;
  }
  throw new IoError(`${path} exports no plan: export the dialplan builder as default or as "plan"`);
}

/** Reads a text file, turning file-system errors into a clear {@link IoError}. */
export async function readText(path: string, cwd = process.cwd()): Promise<string> {
  try {
    return await readFile(resolve(cwd, path), 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a directory' : err.code === 'EACCES' ? 'permission denied' : err.message;
    throw new IoError(`cannot read ${path}: ${why}`);
  }
}

/** Loads a dialplan from an XML file (as text) or a flow module (as a tree). */
export async function loadDialplan(path: string, cwd = process.cwd()): Promise<string | DocumentNode> {
  return isFlowModule(path) ? loadFlow(path, cwd) : readText(path, cwd);
}
