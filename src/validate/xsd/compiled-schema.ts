/**
 * The fast schema engine: `native/dialplan_xsd.c`, built by `npm install` into
 * `build/Release/dialplan_xsd.node`. It compiles `schemas/dialplan.xsd` once per process
 * with the libxml2 inside libxmljs2 and streams each document through that compiled schema,
 * without building a tree.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../../util/package-root.js';
import { libxmlNativeFile, type LibxmlFinding } from './libxml.js';
import { dialplanSchemaPath } from './schema-path.js';

interface Addon {
  load(libxmljs2File: string): void;
  compile(xsd: string): void;
  validate(xml: string): LibxmlFinding[];
  compilations(): number;
}

/** A validator holding the compiled dialplan schema. */
export type CompiledSchema = (xml: string) => LibxmlFinding[];

interface State {
  readonly addon?: Addon;
  readonly validate?: CompiledSchema;
  readonly unavailable?: string;
}

let state: State | undefined;

function open(): State {
  const file = join(packageRoot(), 'build', 'Release', 'dialplan_xsd.node');
  let addon: Addon;
  try {
    addon = createRequire(import.meta.url)(file) as Addon;
  } catch {
    return { unavailable: `${file} was not built (npm install builds it with node-gyp)` };
  }
  const libxmljs2 = libxmlNativeFile();
  if (libxmljs2 === undefined) return { unavailable: "libxmljs2's native module was not found in Node's module cache" };
  try {
    addon.load(libxmljs2);
  } catch (e) {
    return { unavailable: e instanceof Error ? e.message : String(e) };
  }
  // A schema that does not compile is a broken package, not a missing optimisation: throw.
  addon.compile(readFileSync(dialplanSchemaPath(), 'utf8'));
  return { addon, validate: (xml) => addon.validate(xml) };
}

function opened(): State {
  state ??= open();
  return state;
}

/**
 * The validator with the dialplan schema compiled (on the first call, once per process), or
 * undefined when the native helper is not available here; {@link compiledSchemaUnavailable}
 * then says why.
 */
export function compiledSchema(): CompiledSchema | undefined {
  return opened().validate;
}

/** Why {@link compiledSchema} is undefined; undefined when it is available. */
export function compiledSchemaUnavailable(): string | undefined {
  return opened().unavailable;
}

/** How many times this process has compiled the dialplan schema (0 without the helper). */
export function schemaCompilations(): number {
  return opened().addon?.compilations() ?? 0;
}
