/**
 * `.dialplanrc.json`: finding it, checking it against the generated JSON Schema (ajv), and
 * working out the rule settings that apply to one file.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type * as AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import picomatch from 'picomatch';
import { remember } from '../../util/bounded-cache.js';
import { splitBom } from '../../util/bom.js';
import { fileErrorReason } from '../../util/file-errors.js';
import { jsonPositions, jsonSyntaxError } from '../../util/json-positions.js';
import { nearest } from '../../util/nearest.js';
import { onDemand } from '../../util/on-demand.js';
import type { Diagnostic } from '../diagnostic.js';
import { jsonFindings } from '../json-schema-findings.js';
import { RULES, RULES_BY_NAME } from './rules/index.js';
import { configSchema } from './schema.js';
import type { LintConfig, RuleSettings } from './types.js';

/** The file name looked up from each linted file's folder upwards. @category Lint configuration */
export const CONFIG_FILE_NAME = '.dialplanrc.json';

/**
 * A configuration that could not be read or is invalid; the message names the file and the
 * key. `diagnostics` holds each problem of an invalid one (rule `config`, `path` the JSON
 * Pointer of the key, ajv's keyword and params in `data`).
 * @category Lint configuration
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly #diagnostics: readonly Diagnostic[];

  constructor(message: string, diagnostics: readonly Diagnostic[] = []) {
    super(message);
    this.#diagnostics = diagnostics;
  }

  /** Each problem of an invalid configuration; empty when the file could not be read or parsed. */
  get diagnostics(): readonly Diagnostic[] {
    return this.#diagnostics;
  }
}

const ajv = onDemand<typeof AjvModule>('ajv');
let validator: ValidateFunction | undefined;
function getValidator(): ValidateFunction {
  // compiled once: the schema only changes with the rule set; ajv is only loaded when a
  // configuration file is there to check
  validator ??= new (ajv().Ajv)({ allErrors: true, strict: true, verbose: true }).compile(configSchema());
  return validator;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether `value` is `{}` or `{ rules: {} }`: a configuration without any setting. */
function noSettings(value: unknown): value is LintConfig {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 0 || (keys.length === 1 && isPlainObject(value['rules']) && Object.keys(value['rules']).length === 0);
}

/** How a key is named in a config problem: dotted, as people write it (`"overrides.0.rules"`). */
function keyName(pointer: string): string {
  return pointer === '' ? 'the top level' : `"${pointer.slice(1).replaceAll('/', '.')}"`;
}

/** The config's own wording: an unknown rule name gets the nearest one as a suggestion. */
function special(e: ErrorObject, at: string): string | undefined {
  if (e.keyword !== 'additionalProperties' || !/\/rules$/.test(e.instancePath)) return undefined;
  const key = String((e.params as { additionalProperty: string }).additionalProperty);
  const guess = nearest(key, RULES.map((r) => r.name));
  return `unknown rule "${key}" in ${at}${guess ? ` (did you mean "${guess}"?)` : ''}`;
}

/**
 * Checks a parsed configuration. `source` names it in messages.
 *
 * @throws {@link ConfigError} listing every problem, each naming its key.
 * @example
 * ```ts
 * checkConfig({ rules: { 'unknown-goto-target': 'warn' } }, 'inline'); // ok
 * checkConfig({ rules: { 'unknown-goto-targt': 'warn' } }, 'inline');
 * // ConfigError: inline: unknown rule "unknown-goto-targt" in "rules" (did you mean "unknown-goto-target"?)
 * ```
 * @category Lint configuration
 */
export function checkConfig(value: unknown, source: string): LintConfig {
  // `{}` and `{ rules: {} }` (what lint() gets without a config file or --rule) are valid:
  // answered without loading ajv
  if (noSettings(value)) return value;
  const validate = getValidator();
  if (!validate(value)) {
    const problems = jsonFindings(validate.errors ?? [], { rule: 'config', at: keyName, special, data: { source } });
    throw new ConfigError(`${source}: ${[...new Set(problems.map((d) => d.message))].join('; ')}`, problems);
  }
  return value as LintConfig;
}

/** A configuration read from a file, with the folder its override globs are relative to. @category Lint configuration */
export interface LoadedConfig {
  readonly path: string;
  readonly dir: string;
  readonly config: LintConfig;
}

/**
 * Reads and checks a config file.
 *
 * @throws {@link ConfigError} whose `diagnostics` say what is wrong, rule `config`, each with
 *   the line and column in the file where it can be told: the bad key or value of an invalid
 *   configuration, where the JSON stops parsing (`data.keyword` `"json"`), none for a file
 *   that cannot be read (`data.keyword` `"read"`).
 * @category Lint configuration
 */
export async function loadConfigFile(path: string): Promise<LoadedConfig> {
  let text: string;
  try {
    // positions count from after a byte-order mark, as an editor shows them
    text = splitBom(await readFile(path, 'utf8')).body;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = fileErrorReason(e);
    throw new ConfigError(`cannot read ${path}: ${reason}`, [
      { rule: 'config', severity: 'error', message: `cannot read the configuration: ${reason}`, path: '', data: { source: path, keyword: 'read', ...(code ? { code } : {}) } },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const { reason, ...at } = jsonSyntaxError(text, e as Error);
    throw new ConfigError(`${path}:${at.line}:${at.column}: not valid JSON (${reason})`, [
      { rule: 'config', severity: 'error', message: `not valid JSON: ${reason}`, path: '', ...at, data: { source: path, keyword: 'json' } },
    ]);
  }
  try {
    return { path, dir: dirname(path), config: checkConfig(json, path) };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    // checkConfig saw a value; the file says where each bad key was written
    const positions = jsonPositions(text);
    const placed = e.diagnostics.map((d) => ({ ...d, ...positions.get(d.path) }));
    throw new ConfigError(e.message, placed.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)));
  }
}

/**
 * The nearest `.dialplanrc.json` in the file's folder or above, if any.
 *
 * @param cache answers by folder, for a caller looking up many files in one run: files in a
 *   folder (and folders under one parent) share the answer, so each folder is looked at on
 *   disk once. Without it every call looks on disk, seeing files created since.
 * @category Lint configuration
 */
export function findConfigFile(file: string, cache?: Map<string, string | undefined>): string | undefined {
  const visited: string[] = [];
  let found: string | undefined;
  for (let dir = dirname(resolve(file)); ; ) {
    if (cache?.has(dir)) {
      found = cache.get(dir);
      break;
    }
    visited.push(dir);
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) {
      found = candidate;
      break;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  if (cache) for (const dir of visited) cache.set(dir, found);
  return found;
}

/** Override globs compiled: a glob is compiled once per process, not once per file it is tried on (~30 µs each). */
const matchers = new Map<string, (path: string) => boolean>();
const MATCHERS = 1_000;

/** Whether an override glob matches a path relative to the config folder (`/` separators). */
function globMatches(glob: string, rel: string): boolean {
  const isMatch = matchers.get(glob) ?? remember(matchers, glob, picomatch(glob, { dot: true }), MATCHERS);
  return isMatch(rel) || (!glob.includes('/') && isMatch(basename(rel)));
}

/**
 * The rule settings that apply to a file: `rules`, then each override whose globs match
 * `file` (relative to `baseDir`), later ones winning.
 *
 * @example
 * ```ts
 * settingsFor({ rules: { a: 'warn' }, overrides: [{ files: ['in/**'], rules: { a: 'off' } }] }, '/p/in/x.xml', '/p');
 * // { a: 'off' }
 * ```
 * @category Lint configuration
 */
export function settingsFor(config: LintConfig, file?: string, baseDir?: string): RuleSettings {
  const out: Record<string, RuleSettings[string]> = { ...config.rules };
  if (config.overrides && file !== undefined) {
    const rel = (baseDir !== undefined ? relative(baseDir, resolve(file)) : file).split(sep).join('/');
    for (const o of config.overrides) if (o.files.some((g) => globMatches(g, rel))) Object.assign(out, o.rules);
  }
  return out;
}

/** Settings from the command line (`--rule name=warn`), checked like a config. */
export function parseRuleOption(option: string): [string, RuleSettings[string]] {
  const m = /^([^=]+)=(.*)$/.exec(option);
  if (!m) throw new ConfigError(`--rule "${option}": write name=off|warn|error`);
  const [, name, setting] = m as unknown as [string, string, string];
  if (!RULES_BY_NAME.has(name.trim())) {
    const guess = nearest(name.trim(), RULES.map((r) => r.name));
    throw new ConfigError(`--rule: unknown rule "${name.trim()}"${guess ? ` (did you mean "${guess}"?)` : ''}`);
  }
  if (setting !== 'off' && setting !== 'warn' && setting !== 'error') throw new ConfigError(`--rule ${name}: the setting must be off, warn or error; got "${setting}"`);
  return [name.trim(), setting];
}
