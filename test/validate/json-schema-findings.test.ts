import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ConfigError, checkConfig } from '../../src/validate/lint/config.js';
import { jsonFindings } from '../../src/validate/json-schema-findings.js';

/** The findings of `value` against `schema`, worded for a document named "the document". */
function findings(schema: object, value: unknown) {
  const validate = new Ajv({ allErrors: true, verbose: true }).compile(schema);
  expect(validate(value)).toBe(false);
  return jsonFindings(validate.errors ?? [], { rule: 'json-schema', at: (p) => (p === '' ? 'the document' : p) });
}

describe('one wording of ajv errors, as diagnostics', () => {
  it('keeps what ajv found in data and points at the value (an unknown key at the key itself)', () => {
    const schema = { type: 'object', additionalProperties: false, required: ['name'], properties: { name: { type: 'string' }, mode: { enum: ['a', 'b'] } } };
    expect(findings(schema, { mode: 'c', nmae: 'x' })).toEqual([
      { rule: 'json-schema', severity: 'error', path: '', message: 'the document is missing "name"', data: { keyword: 'required', missingProperty: 'name' } },
      { rule: 'json-schema', severity: 'error', path: '/nmae', message: 'unknown key "nmae" at the document; allowed: name, mode', data: { keyword: 'additionalProperties', additionalProperty: 'nmae' } },
      { rule: 'json-schema', severity: 'error', path: '/mode', message: '/mode must be one of "a", "b"', data: { keyword: 'enum', allowedValues: ['a', 'b'] } },
    ]);
  });

  it('says a oneOf once: by its description, or by the branch that fits the value', () => {
    const described = { type: 'object', properties: { indent: { description: 'a number or "tab"', oneOf: [{ type: 'integer' }, { const: 'tab' }] } } };
    expect(findings(described, { indent: 'x' }).map((d) => d.message)).toEqual(['/indent is not valid: a number or "tab"']);
    const bare = { type: 'array', items: { oneOf: [{ type: 'string', pattern: '^[0-9]+$' }, { type: 'object', properties: { v: { type: 'string' } } }] } };
    expect(findings(bare, ['12x', { v: 1 }, true]).map((d) => [d.path, d.message])).toEqual([
      ['/0', '/0 must match pattern "^[0-9]+$"'],
      ['/1/v', '/1/v must be string'],
      ['/2', '/2 must be string or object'],
    ]);
  });

  it('gives a config error its findings as well as its message', () => {
    let error: unknown;
    try {
      checkConfig({ rules: { 'duplicate-name': 'warning', 'unknown-goto-targe': 'off' } }, 'c');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { message, diagnostics } = error as ConfigError;
    expect(message).toBe('c: unknown rule "unknown-goto-targe" in "rules" (did you mean "unknown-goto-target"?); "rules.duplicate-name" must be one of "off", "warn", "error"');
    expect(diagnostics.map((d) => [d.rule, d.path, d.data?.['keyword']])).toEqual([
      ['config', '/rules/unknown-goto-targe', 'additionalProperties'],
      ['config', '/rules/duplicate-name', 'enum'],
    ]);
  });
});
