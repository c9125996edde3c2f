/**
 * Holds a SendCall request against `schemas/send-call.schema.json` with ajv. The schema is
 * compiled once, on first use; problems come back as data with the JSON path of the value.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import type * as AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { onDemand } from '../util/on-demand.js';
import { schemaPath } from './paths.js';

const ajv = onDemand<typeof AjvModule>('ajv');

/** A problem in a request, at a JSON path such as `/ToNumber/3` or `/IvrBroadcastConfig/RetryConfig`. */
export interface RequestProblem {
  /** JSON Pointer of the offending value; `` (empty) for the request itself. */
  readonly path: string;
  readonly message: string;
}

const compiled = new Map<string, ValidateFunction>();

/** The validator of a file in `schemas/` (or of one of its definitions, `file#/definitions/Name`), compiled once. */
function validator(ref = 'send-call.schema.json'): ValidateFunction {
  let validate = compiled.get(ref);
  if (validate === undefined) {
    const [file, pointer] = ref.split('#') as [string, string | undefined];
    const schema = JSON.parse(readFileSync(schemaPath(file), 'utf8')) as Record<string, unknown>;
    // allErrors: a broadcast file with three mistakes should show all three at once.
    const options = { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true };
    validate = pointer === undefined ? new (ajv().Ajv)(options).compile(schema) : new (ajv().Ajv)({ ...options, schemas: [schema] }).getSchema(`${String(schema['$id'])}#${pointer}`);
    if (validate === undefined) throw new Error(`no schema at ${ref}`);
    compiled.set(ref, validate);
  }
  return validate;
}

/** Renders one ajv error in words, naming the field rather than the schema keyword. */
function describe(e: ErrorObject): RequestProblem | undefined {
  const path = e.instancePath;
  const at = path === '' ? 'the request' : path;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      // the two branches of the request-level oneOf (one config or the other): the oneOf
      // error below says it once, instead of "needs Ivr…", "needs Voice…" and "exactly one"
      if (path === '' && /BroadcastConfig$/.test(String(p['missingProperty']))) return undefined;
      return { path, message: `${at} needs ${String(p['missingProperty'])}` };
    case 'additionalProperty':
    case 'additionalProperties':
      return { path: `${path}/${String(p['additionalProperty'])}`, message: `${at} has no field "${String(p['additionalProperty'])}" (field names are CallFire's, case-sensitive)` };
    case 'enum':
      return { path, message: `${at} must be one of ${(p['allowedValues'] as unknown[]).join(', ')}` };
    case 'const':
      return { path, message: `${at} must be ${String(p['allowedValue'])} for this kind of broadcast config` };
    case 'pattern':
      return { path, message: `${at} has an invalid value: ${describePattern(path)}` };
    case 'type':
      return { path, message: `${at} must be ${String(p['type'])}` };
    case 'minItems':
      return { path, message: `${at} must have at least ${String(p['limit'])} item(s)` };
    case 'oneOf':
      // The request-level oneOf is the config choice; its branch errors are noise.
      if (path === '') return { path, message: 'the request needs exactly one of IvrBroadcastConfig or VoiceBroadcastConfig' };
      return undefined;
    case 'if':
    case 'not':
      if (e.keyword === 'not' && /Config$/.test(path)) return { path, message: `${at}: give each sound as ...SoundText or ...SoundId, not both` };
      return undefined;
    default:
      return { path, message: `${at} ${e.message ?? 'is invalid'}` };
  }
}

function describePattern(path: string): string {
  if (/Time$/.test(path)) return 'expected a time HH:mm:ss such as 09:00:00';
  if (/Digit$/.test(path)) return 'expected one key: 0-9, # or *';
  if (/RequestId$/.test(path)) return 'expected a URI such as urn:uuid:...';
  return 'expected an E.164 number such as 13105551212 (digits, optional leading +)';
}

/**
 * Checks a SendCall request (as JSON: `DialplanXml` a string when present) against the JSON
 * Schema. Returns the problems, at most `limit` of them (a file of 100,000 bad numbers should
 * not print 100,000 lines).
 *
 * @example
 * ```ts
 * checkSendCall({ ToNumber: ['12x'], IvrBroadcastConfig: {} });
 * // [{ path: '/ToNumber/0', message: '/ToNumber/0 has an invalid value: expected an E.164 number ...' }]
 * ```
 */
export function checkSendCall(request: unknown, limit = 20): RequestProblem[] {
  return checkJson('send-call.schema.json', request, limit);
}

/**
 * Holds a value against one of the project's JSON Schemas (`schemas/<file>`, or one
 * definition of it: `file#/definitions/Name`), with the same wording as {@link checkSendCall}.
 */
export function checkJson(ref: string, request: unknown, limit = 20): RequestProblem[] {
  const validate = validator(ref);
  if (validate(request)) return [];
  const problems: RequestProblem[] = [];
  const seen = new Set<string>();
  // A ToNumber entry that is neither a valid string nor a valid object fails both oneOf
  // branches; report it once, as the number problem.
  const errors = (validate.errors ?? []).filter((e) => !(e.keyword === 'type' && /^\/ToNumber\/\d+$/.test(e.instancePath) && e.params['type'] === 'object'));
  for (const e of errors) {
    const problem = describe(e);
    if (problem === undefined) continue;
    const key = `${problem.path}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
    if (problems.length >= limit) break;
  }
  if (problems.length === 0) problems.push({ path: '', message: `the request does not match schemas/${ref}` });
  return problems;
}
