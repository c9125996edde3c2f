/**
 * CallFire's published API 2.0 description (`../shared/reference/callfire-v2/swagger.yaml`)
 * as an oracle: ajv over its `definitions`, and a walk that finds fields a body carries but the
 * definitions do not declare. Absent outside the project's workspace: tests skip then.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

const REFERENCE = new URL('../../../../shared/reference/callfire-v2/', import.meta.url);

/** Whether the reference material is here. */
export const HAVE_SWAGGER = existsSync(new URL('swagger.yaml', REFERENCE));

/** A file of the reference folder, as JSON (examples) or text. */
export function reference(path: string): string {
  return readFileSync(new URL(path, REFERENCE), 'utf8');
}

type Schema = Record<string, unknown>;

let definitions: Record<string, Schema> | undefined;
const compiled = new Map<string, ValidateFunction>();

/** swagger.yaml's definitions. */
export function swaggerDefinitions(): Record<string, Schema> {
  definitions ??= (parse(reference('swagger.yaml')) as { definitions: Record<string, Schema> }).definitions;
  return definitions;
}

/** The errors of `value` against definition `name` (empty when valid). */
export function swaggerErrors(name: string, value: unknown): string[] {
  let validate = compiled.get(name);
  if (validate === undefined) {
    // Swagger 2.0 adds int32/int64/float formats and readOnly, which are not JSON Schema's.
    validate = new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile({ definitions: swaggerDefinitions(), $ref: `#/definitions/${name}` });
    compiled.set(name, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

function resolve(schema: Schema): Schema {
  const ref = schema['$ref'];
  if (typeof ref === 'string') return resolve(swaggerDefinitions()[ref.replace('#/definitions/', '')]!);
  return schema;
}

/** Every property a schema declares, through $ref and allOf. */
function propertiesOf(schema: Schema): Record<string, Schema> {
  const s = resolve(schema);
  const out: Record<string, Schema> = { ...((s['properties'] as Record<string, Schema> | undefined) ?? {}) };
  for (const part of (s['allOf'] as Schema[] | undefined) ?? []) Object.assign(out, propertiesOf(part));
  return out;
}

/** The paths of the fields of `value` that definition `name` does not declare. */
export function undeclared(name: string, value: unknown): string[] {
  const out: string[] = [];
  const walk = (schema: Schema, v: unknown, path: string) => {
    const s = resolve(schema);
    if (Array.isArray(v)) {
      const items = (s['items'] as Schema | undefined) ?? (propertiesOf(s)['items'] as Schema | undefined);
      if (items) {
        for (const [i, x] of v.entries()) walk(items, x, `${path}/${i}`);
      }
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    if (s['additionalProperties'] !== undefined && s['properties'] === undefined) return; // a map
    const props = propertiesOf(s);
    for (const [k, x] of Object.entries(v)) {
      const p = props[k];
      if (p === undefined) out.push(`${path}/${k}`);
      else walk(p, x, `${path}/${k}`);
    }
  };
  walk({ $ref: `#/definitions/${name}` }, value, '');
  return out;
}
