/**
 * Holds a SendCall request against `schemas/send-call.schema.json` with ajv. The schema is
 * compiled once, on first use; problems come back as diagnostics at the JSON path of the value.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import type * as AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { onDemand } from '../util/on-demand.js';
import type { Diagnostic } from '../validate/diagnostic.js';
import { jsonFindings } from '../validate/json-schema-findings.js';
import { schemaPath } from './paths.js';

const ajv = onDemand<typeof AjvModule>('ajv');

/**
 * A problem in a request: a {@link Diagnostic} whose `path` is the JSON Pointer of the
 * offending value (`/ToNumber/3`, `/IvrBroadcastConfig/RetryConfig`; `''` for the request
 * itself). `rule` says which check found it: `json-schema` (the request's JSON Schema, with
 * ajv's `keyword` and params in `data`) or `request` (a check of the request beyond its schema).
 * @category Request checks
 */
export type RequestProblem = Diagnostic;

/**
 * A problem found by a check of the request beyond its JSON Schema.
 *
 * @example
 * ```ts
 * requestProblem('/IvrBroadcastConfig', '/IvrBroadcastConfig needs DialplanXml');
 * // { rule: 'request', severity: 'error', path: '/IvrBroadcastConfig', message: '/IvrBroadcastConfig needs DialplanXml' }
 * ```
 */
export function requestProblem(path: string, message: string, data?: Readonly<Record<string, unknown>>): RequestProblem {
  return { rule: 'request', severity: 'error', path, message, ...(data === undefined ? {} : { data }) };
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

/** The request's own wording for the errors the common one would say poorly. */
function special(e: ErrorObject, at: string): string | null | undefined {
  const path = e.instancePath;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      // the two branches of the request-level oneOf (one config or the other): the oneOf
      // error below says it once, instead of "needs Ivr…", "needs Voice…" and "exactly one"
      return path === '' && /BroadcastConfig$/.test(String(p['missingProperty'])) ? null : undefined;
    case 'const':
      return `${at} must be ${JSON.stringify(p['allowedValue'])} for this kind of broadcast config`;
    case 'pattern':
      return `${at} has an invalid value: ${describePattern(path)}`;
    case 'oneOf':
      // The request-level oneOf is the config choice.
      return path === '' ? 'the request needs exactly one of IvrBroadcastConfig or VoiceBroadcastConfig' : undefined;
    case 'not':
      return /Config$/.test(path) ? `${at}: give each sound as ...SoundText or ...SoundId, not both` : null;
    default:
      return undefined;
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
 * // [{ rule: 'json-schema', severity: 'error', path: '/ToNumber/0',
 * //    message: '/ToNumber/0 has an invalid value: expected an E.164 number ...', data: { keyword: 'pattern', … } }]
 * ```
 * @category Request checks
 */
export function checkSendCall(request: unknown, limit = 20): RequestProblem[] {
  return checkJson('send-call.schema.json', request, limit);
}

/**
 * Holds a value against one of the project's JSON Schemas (`schemas/<file>`, or one
 * definition of it: `file#/definitions/Name`), with the same wording as {@link checkSendCall};
 * `subject` names the value itself in messages.
 */
export function checkJson(ref: string, request: unknown, limit = 20, subject = 'the request'): RequestProblem[] {
  const validate = validator(ref);
  if (validate(request)) return [];
  const problems = jsonFindings(validate.errors ?? [], {
    rule: 'json-schema',
    at: (pointer) => (pointer === '' ? subject : pointer),
    special,
    unknownKeyHint: "field names are CallFire's, case-sensitive",
    limit,
    data: { schema: ref },
  });
  return problems.length > 0 ? problems : [{ rule: 'json-schema', severity: 'error', path: '', message: `${subject} does not match schemas/${ref}`, data: { schema: ref } }];
}
