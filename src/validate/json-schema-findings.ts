/**
 * ajv's errors as {@link Diagnostic}s, worded once for every JSON the project checks: a
 * `.dialplanrc.json`, a SendCall request, an API 2.0 body. Each finding names the value by
 * its JSON Pointer (`path`) and keeps what ajv found in `data` (`keyword` and its params, such
 * as `missingProperty` or `allowedValues`), so callers need not parse the message. A caller
 * words its own special cases (an unknown lint rule, the choice of broadcast config) through
 * {@link JsonWording.special}; everything else reads the same everywhere.
 *
 * @module
 */
import type { ErrorObject } from 'ajv';
import type { Diagnostic } from './diagnostic.js';

/** How one caller names things and words its special cases. */
export interface JsonWording {
  /** The rule of every finding, such as `config` or `json-schema`. */
  readonly rule: string;
  /** How a value is named in a message, from its JSON Pointer (`''`: the whole document). */
  readonly at: (pointer: string) => string;
  /**
   * The caller's own wording for an error: a message, `null` to leave the error out, or
   * `undefined` for the common wording.
   */
  readonly special?: (e: ErrorObject, at: string) => string | null | undefined;
  /** Said after "unknown key …" (such as why the key may be wrong). */
  readonly unknownKeyHint?: string;
  /** At most this many findings (default: all). */
  readonly limit?: number;
  /** `data` every finding carries besides ajv's (such as the schema's name). */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** The properties a schema declares, for "allowed:" (ajv gives the parent schema with `verbose: true`). */
function declared(e: ErrorObject): string[] {
  return Object.keys(((e.parentSchema ?? {}) as { properties?: object }).properties ?? {});
}

/** The common wording of one error; `null` leaves it out. */
function common(e: ErrorObject, at: string, wording: JsonWording): string | null {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${at} is missing "${String(p['missingProperty'])}"`;
    case 'additionalProperties': {
      const allowed = declared(e);
      const hint = wording.unknownKeyHint === undefined ? '' : ` (${wording.unknownKeyHint})`;
      return `unknown key "${String(p['additionalProperty'])}" at ${at}${hint}${allowed.length > 0 ? `; allowed: ${allowed.join(', ')}` : ''}`;
    }
    case 'enum':
      return `${at} must be one of ${(p['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${at} must be ${JSON.stringify(p['allowedValue'])}`;
    case 'type':
      return `${at} must be ${String(p['type'])}`;
    case 'minItems':
      return `${at} must have at least ${String(p['limit'])} item(s)`;
    case 'oneOf': {
      const description = (e.parentSchema as { description?: string } | undefined)?.description;
      return description === undefined ? null : `${at} is not valid: ${description}`;
    }
    case 'if':
      // ajv reports the failed `then` on its own; the `if` says nothing more
      return null;
    default:
      return `${at} ${e.message ?? 'is invalid'}`;
  }
}

/**
 * The errors of a `oneOf` a value fits no branch of, said once. A `oneOf` whose schema has a
 * description speaks for its branches (the branch errors at its path are dropped). One without
 * drops out itself and lets its branches speak: the errors inside the value, or, when the
 * value is of none of the branches' types, one "must be A or B".
 */
function alternatives(errors: readonly ErrorObject[]): ErrorObject[] {
  const oneOfs = errors.filter((e) => e.keyword === 'oneOf');
  if (oneOfs.length === 0) return [...errors];
  const described = new Set(oneOfs.filter((e) => (e.parentSchema as { description?: string } | undefined)?.description !== undefined).map((e) => e.instancePath));
  const bare = new Set(oneOfs.map((e) => e.instancePath).filter((p) => !described.has(p)));
  const out: ErrorObject[] = [];
  const merged = new Set<string>();
  for (const e of errors) {
    if (described.has(e.instancePath) && e.keyword !== 'oneOf') continue;
    if (bare.has(e.instancePath) && e.keyword === 'type') {
      const at = e.instancePath;
      const inside = errors.some((o) => o.keyword !== 'oneOf' && (o.instancePath.startsWith(`${at}/`) || (o.instancePath === at && o.keyword !== 'type')));
      if (inside || merged.has(e.instancePath)) continue;
      merged.add(e.instancePath);
      const types = errors.filter((o) => o.keyword === 'type' && o.instancePath === e.instancePath).map((o) => String(o.params['type']));
      out.push({ ...e, params: { type: types.join(' or ') } });
      continue;
    }
    out.push(e);
  }
  return out;
}

/**
 * Turns ajv's errors into findings: one per problem (the same path and message only once),
 * in ajv's order, at most `wording.limit`.
 *
 * @example
 * ```ts
 * jsonFindings(validate.errors ?? [], { rule: 'config', at: (p) => (p === '' ? 'the top level' : `"${p}"`) });
 * // [{ rule: 'config', severity: 'error', path: '/rules/x', message: '"/rules/x" must be one of "off", "warn", "error"',
 * //    data: { keyword: 'enum', allowedValues: ['off', 'warn', 'error'] } }]
 * ```
 */
export function jsonFindings(errors: readonly ErrorObject[], wording: JsonWording): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of alternatives(errors)) {
    const at = wording.at(e.instancePath);
    const special = wording.special?.(e, at);
    const message = special === undefined ? common(e, at, wording) : special;
    if (message === null) continue;
    // an unknown key is about the key itself
    const path = e.keyword === 'additionalProperties' ? `${e.instancePath}/${String(e.params['additionalProperty'])}` : e.instancePath;
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ rule: wording.rule, severity: 'error', message, path, data: { ...wording.data, keyword: e.keyword, ...e.params } });
    if (wording.limit !== undefined && out.length >= wording.limit) break;
  }
  return out;
}
