/**
 * Holds every predicate of language/values.ts against the simple types of schemas/dialplan.xsd:
 * for each attribute value type and content kind of the catalog, values are generated (some
 * valid, most near misses), put into the right attribute or text of a tiny plan, and validated
 * with the real XSD engine (libxmljs2 through validate()). The predicate must say what the XSD
 * says, except for the documented differences listed in DIFFERENCES, each of which is checked to
 * be real so the list cannot go stale.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContentKind, ValueType } from '../../src/language/catalog.js';
import { CONTENT_PREDICATES, VALUE_PREDICATES, token } from '../../src/language/values.js';
import { validate } from '../../src/validate/validate.js';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
// A line break in an attribute would reach the XSD as a space (attribute-value normalisation):
// write it as a character reference so the value reaches the XSD exactly as generated.
const attr = (s: string) => escapeXml(s).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');

/** A tiny plan holding `v` where a value of the type is read. */
type Host = (v: string) => string;

/** Attribute value types (enums have their own enumerations, held against the catalog in test/validate/xsd-catalog.test.ts). */
const ATTRIBUTE_HOSTS: Record<Exclude<ValueType, 'enum' | 'string'>, Host> = {
  name: (v) => `<hangup name="${attr(v)}"/>`,
  varname: (v) => `<record varname="${attr(v)}"/>`,
  boolean: (v) => `<record background="${attr(v)}"/>`,
  integer: (v) => `<record timeout="${attr(v)}"/>`,
  expression: (v) => `<if expr="${attr(v)}"><hangup/></if>`,
  phone: (v) => `<sms to="${attr(v)}">Hi</sms>`,
  tagref: (v) => `<catch type="hangup" goto="${attr(v)}"><hangup name="x"/></catch>`,
  keypattern: (v) => `<menu><keypress pressed="${attr(v)}"><hangup/></keypress></menu>`,
  url: () => {
    throw new Error('no attribute has the url type');
  },
};

/** Text content kinds, each in a tag that holds it and requires it where the catalog says so. */
const CONTENT_HOSTS: Record<Exclude<ContentKind, 'children' | 'text' | 'value'>, Host> = {
  empty: (v) => `<hangup>${escapeXml(v)}</hangup>`,
  integer: (v) => `<wait>${escapeXml(v)}</wait>`,
  phones: (v) => `<transfer>${escapeXml(v)}</transfer>`,
  phone: (v) => `<dnc>${escapeXml(v)}</dnc>`,
  url: (v) => `<get>${escapeXml(v)}</get>`,
  tagref: (v) => `<goto>${escapeXml(v)}</goto><hangup name="${attr(v)}"/>`,
  sound: (v) => `<play type="tts">${escapeXml(v)}</play>`,
  digits: (v) => `<dtmf>${escapeXml(v)}</dtmf>`,
};

const xsdTakes = (host: Host, v: string): boolean => {
  const result = validate(`<dialplan name="Root">${host(v)}</dialplan>`);
  const other = result.diagnostics.filter((d) => d.rule !== 'schema');
  expect(other, v).toEqual([]);
  return result.ok;
};

/**
 * Where the XSD is deliberately looser or stricter than the predicate. `applies` says which
 * generated values fall under the difference; `examples` must show it.
 */
interface Difference {
  readonly type: string;
  readonly xsd: 'looser' | 'stricter';
  readonly why: string;
  readonly applies: (v: string) => boolean;
  readonly examples: readonly string[];
}

const DIFFERENCES: readonly Difference[] = [
  {
    type: 'url',
    xsd: 'looser',
    why: 'the XSD takes any non-space character after http(s)://; the predicate (and lint) want a host, since `http:///x` names no server to fetch from',
    applies: (v) => /^https?:\/\/[/?#]/i.test(token(v)),
    examples: ['http:///x', 'https://?q=1', 'http://#top'],
  },
  {
    type: 'integer',
    xsd: 'looser',
    why: 'xs:nonNegativeInteger takes a + sign and -0; the builder writes plain digits and CallFire\'s pages show only those',
    applies: (v) => /^[+-]/.test(token(v)),
    examples: ['+5', '-0', '+007'],
  },
];

const differs = (type: string, v: string) => DIFFERENCES.some((d) => d.type === type && d.applies(v));

// Pieces the value grammars are made of, so that generated strings land on both sides of each rule.
const PIECES = [
  '0', '1', '7', '12', '555', '-', '+', '(', ')', '.', ' ', '  ', ',', 'x', 'X', '#', '*', 'w', 'p', 'A', 'D', 'a', 'z', '_',
  '${a}', '${call.callerid}', '${c${n}}', '${', '}', '$', '{', '${a b}', 'http://', 'https://', 'HTTP://', 'http:///', 'ftp://',
  'example.com', '/', '?', 'default', 'Default', 'DEFAULT', 'timeout', 'Timeout', 'true', 'false', 'True', '\n', '\t',
];
const generated = fc.array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 6 }).map((xs) => xs.join(''));

// Values of each grammar, so that the valid side is well covered, and near misses made from them.
const ref = fc.constantFrom('${a}', '${call.lastinput}', '${c${n}}');
const digits = fc.stringMatching(/^\d{1,12}$/);
const withRefs = (chars: fc.Arbitrary<string>) => fc.array(fc.oneof(chars, ref), { minLength: 1, maxLength: 5 }).map((xs) => xs.join(''));
const phone = fc.oneof(fc.stringMatching(/^\+?\(?\d[\d\-.() ]{0,12}([xX]\d{1,4})?$/), withRefs(digits));
const GRAMMARS: Readonly<Record<string, fc.Arbitrary<string>>> = {
  name: fc.stringMatching(/^( )?[a-z ]{0,6}( )?$/),
  varname: withRefs(fc.stringMatching(/^[A-Za-z0-9_-]{1,6}$/)),
  boolean: fc.constantFrom('true', 'false', ' true ', 'TRUE'),
  integer: digits,
  expression: fc.stringMatching(/^( )?[a-z =1]{0,6}$/),
  phone,
  phones: fc.array(fc.tuple(phone, fc.constantFrom(',', ', ', ' , ', ',,')), { minLength: 1, maxLength: 3 }).map((xs) => xs.map(([p, sep], i) => (i === 0 ? p : sep + p)).join('')),
  tagref: fc.stringMatching(/^( )?[a-z]{0,6}( )?$/),
  keypattern: fc.oneof(digits, fc.tuple(digits, digits).map(([a, b]) => `${a}-${b}`), fc.constantFrom('#', '*', 'default', 'Default', 'timeout', 'Timeout')),
  url: fc.tuple(fc.constantFrom('http://', 'https://', 'HTTPS://', '${base}'), fc.stringMatching(/^[a-z0-9./?=&#-]{0,12}$/)).map(([a, b]) => a + b),
  empty: fc.constantFrom('', ' ', '\n  '),
  sound: fc.stringMatching(/^( )?[a-z ]{0,6}$/),
  digits: withRefs(fc.stringMatching(/^[0-9#*A-Dwp, ]{1,6}$/)),
};
/** A value with one piece put in or one character taken out: mostly near misses. */
const near = (valid: fc.Arbitrary<string>) =>
  fc.tuple(valid, fc.nat(), fc.constantFrom(...PIECES), fc.boolean()).map(([v, at, piece, insert]) => {
    const i = v.length === 0 ? 0 : at % (v.length + 1);
    return insert ? v.slice(0, i) + piece + v.slice(i) : v.slice(0, i) + v.slice(i + 1);
  });
const valuesOf = (type: string) => {
  const grammar = GRAMMARS[type];
  if (grammar === undefined) throw new Error(`no grammar for ${type}`);
  return fc.oneof(generated, grammar, near(grammar));
};
/** Attribute values never hold a raw line break (the builder refuses them), but may hold spaces around. */
const oneLine = (values: fc.Arbitrary<string>) => values.map((s) => s.replace(/[\n\t]/g, ' '));

function agrees(type: string, predicate: (v: string) => boolean, host: Host, values: fc.Arbitrary<string>) {
  fc.assert(
    fc.property(values, (v) => {
      if (differs(type, v)) return;
      expect(predicate(v), `${type}: ${JSON.stringify(v)}`).toBe(xsdTakes(host, v));
    }),
    { numRuns: 300 },
  );
}

describe('every value predicate says what the XSD\'s simple type says', () => {
  for (const [type, host] of Object.entries(ATTRIBUTE_HOSTS) as [keyof typeof ATTRIBUTE_HOSTS, Host][]) {
    if (type === 'url') continue;
    it(`attribute type ${type}`, () => agrees(type, VALUE_PREDICATES[type], host, oneLine(valuesOf(type))));
  }
  for (const [kind, host] of Object.entries(CONTENT_HOSTS) as [keyof typeof CONTENT_HOSTS, Host][]) {
    it(`content kind ${kind}`, () => agrees(kind, CONTENT_PREDICATES[kind], host, valuesOf(kind)));
  }

  it('the attribute value type url has no attribute: it is read as content (same predicate)', () => {
    expect(VALUE_PREDICATES.url).toBe(CONTENT_PREDICATES.url);
  });

  it('the generated values reach both sides of every rule (the properties above could fail)', () => {
    for (const [kind, predicate] of Object.entries(CONTENT_PREDICATES)) {
      if (kind === 'text' || kind === 'value') continue;
      const samples = fc.sample(valuesOf(kind), { numRuns: 300, seed: 14 });
      const taken = samples.filter((v) => predicate(v)).length;
      expect(taken, kind).toBeGreaterThan(0);
      expect(taken, kind).toBeLessThan(samples.length);
    }
  });
});

describe('documented differences between the predicates and the XSD', () => {
  for (const d of DIFFERENCES) {
    it(`${d.type}: the XSD is ${d.xsd} (${d.why})`, () => {
      const predicate = d.type in CONTENT_HOSTS ? CONTENT_PREDICATES[d.type as keyof typeof CONTENT_HOSTS] : VALUE_PREDICATES[d.type as ValueType];
      const host = CONTENT_HOSTS[d.type as keyof typeof CONTENT_HOSTS];
      for (const v of d.examples) {
        expect(d.applies(v), v).toBe(true);
        expect(predicate(v), v).toBe(d.xsd === 'stricter');
        expect(xsdTakes(host, v), v).toBe(d.xsd === 'looser');
      }
    });
  }
});
