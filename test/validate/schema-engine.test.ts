/**
 * The two schema engines: the native helper that keeps the XSD compiled (streaming each
 * document through it) and libxmljs2's Document.validate() (a tree, the XSD compiled per
 * call), the fallback where the helper was not built. They must find the same errors at the
 * same lines, or diagnostics would depend on how the package was installed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/validate/validate.js';
import { compiledSchema, compiledSchemaUnavailable, schemaCompilations } from '../../src/validate/xsd/compiled-schema.js';
import { validateThroughDocument } from '../../src/validate/xsd/document-schema.js';
import { LEVEL_ERROR, type LibxmlFinding } from '../../src/validate/xsd/libxml.js';
import { schemaEngine } from '../../src/validate/xsd/validate-xml.js';
import { corpusFiles, corpusPresent, readCorpus } from '../util.js';

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
const exampleXml = readdirSync(examples).filter((f) => f.endsWith('.xml')).sort().map((f) => readFileSync(examples + f, 'utf8'));
const corpusXml = corpusFiles.map(readCorpus);

/**
 * What a diagnostic is made from: the first syntax error (message and position), or every
 * schema error (message and line).
 */
function essence(findings: readonly LibxmlFinding[]): unknown {
  const syntax = findings.find((f) => !f.schema && f.level >= LEVEL_ERROR);
  if (syntax) return { syntax: [syntax.message, syntax.line, syntax.column] };
  return { schema: findings.filter((f) => f.schema && f.level >= LEVEL_ERROR).map((f) => [f.message.trim(), f.line]) };
}

function compiled(xml: string): LibxmlFinding[] {
  const engine = compiledSchema();
  if (!engine) throw new Error(`the native schema helper is not available: ${compiledSchemaUnavailable()}`);
  return engine(xml);
}

function expectAgreement(xml: string): void {
  expect(essence(compiled(xml)), xml.slice(0, 300)).toEqual(essence(validateThroughDocument(xml)));
}

/** Damage done to a valid plan at a chosen place, each one a kind of error users make. */
const damage: ReadonlyArray<(xml: string, at: number) => string> = [
  // an end tag lost
  (x, at) => nth(x, /<\/\w+>/g, at, () => ''),
  // a start tag renamed: an unknown tag where it closes itself, else a mismatched end tag
  (x, at) => nth(x, /<(\w+)([\s>/])/g, at, (m) => `<bogus${m[2]}`),
  // an attribute nobody knows
  (x, at) => nth(x, /<(\w+)(?=[\s>/])/g, at, (m) => `${m[0]} zzz="1"`),
  // a value of the wrong form
  (x, at) => nth(x, /="[^"]*"/g, at, () => '="!!"'),
  // a required child removed
  (x, at) => nth(x, /<(live|machine|keypress)\b[\s\S]*?<\/\1>/g, at, () => ''),
  // text where only tags belong, and a tag inside a leaf
  (x, at) => nth(x, />\s*</g, at, () => '>stray text<'),
  (x, at) => nth(x, /<play\b[^>]*>/g, at, (m) => `${m[0]}<hangup/>`),
  // an empty leaf
  (x, at) => nth(x, /(<(play|goto|transfer)\b[^>]*>)[^<]+/g, at, (m) => m[1]!),
];

function nth(xml: string, re: RegExp, at: number, replace: (m: RegExpExecArray) => string): string {
  const all = [...xml.matchAll(re)];
  if (all.length === 0) return xml;
  const m = all[at % all.length]!;
  return xml.slice(0, m.index) + replace(m) + xml.slice(m.index + m[0].length);
}

describe('the compiled schema engine', () => {
  it('is the one this checkout validates with', () => {
    // npm install builds native/dialplan_xsd.c; if it did not, say why rather than fall back silently
    expect(compiledSchemaUnavailable()).toBeUndefined();
    expect(schemaEngine()).toBe('compiled');
  });

  it('compiles the XSD once per process, however many documents it checks', () => {
    for (const xml of exampleXml) expect(validate(xml).ok).toBe(true);
    expect(validate('<dialplan><bogus/></dialplan>').ok).toBe(false);
    expect(validate('<dialplan><menu></dialplan>').ok).toBe(false);
    expect(schemaCompilations()).toBe(1);
  });

  it('finds what libxmljs2 finds on each example, valid and damaged', () => {
    expect(exampleXml.length).toBeGreaterThanOrEqual(4);
    fc.assert(
      fc.property(fc.constantFrom(...exampleXml), fc.constantFrom(...damage), fc.nat(500), (xml, hurt, at) => {
        const damaged = hurt(xml, at);
        expectAgreement(damaged);
      }),
      { numRuns: 300 },
    );
  });

  it('reports errors found when an element ends at the line its start tag ends on', () => {
    const xml = [
      '<dialplan name="r">',
      '  <amd>',
      '    <live><hangup/></live>',
      '  </amd>',
      '  <amd>',
      '    <machine><hangup/></machine>',
      '  </amd>',
      '  <play',
      '    type="tts">',
      '  </play>',
      '</dialplan>',
    ].join('\n');
    const found = compiled(xml).filter((f) => f.schema);
    expect(found.map((f) => f.line)).toEqual([2, 5, 9]);
    expectAgreement(xml);
  });

  it('reads a plan past 10 MB (libxml2 is handed it in pieces), errors at both ends at their lines', () => {
    const lines = 400_000; // about 12 MB
    const bad = '  <play type="tts" voice="robot">hi</play>';
    const body = Array.from({ length: lines }, (_, i) => (i === 1 || i === lines - 2 ? bad : '  <play type="tts" voice="female2">Hello there, caller.</play>'));
    const xml = `<dialplan name="r">\n${body.join('\n')}\n</dialplan>\n`;
    expect(xml.length).toBeGreaterThan(11 * 1024 * 1024);
    const found = compiled(xml).filter((f) => f.level >= LEVEL_ERROR);
    expect(found.map((f) => [f.schema, f.line])).toEqual([
      [true, 3],
      [true, lines],
    ]);
  });

  it.each([
    ['a tag left open', '<dialplan>\n  <menu>\n</dialplan>'],
    ['a raw ampersand', '<dialplan><play type="tts">A & B</play></dialplan>'],
    ['an undefined entity', '<dialplan><play type="tts">&eacute;</play></dialplan>'],
    ['an unbound prefix', '<dialplan><x:play type="tts">hi</x:play></dialplan>'],
    ['two roots', '<dialplan/><dialplan/>'],
    ['no root at all', '<?xml version="1.0"?>'],
    ['the wrong root', '<menu name="m"><hangup/></menu>'],
    ['a bad enumeration', '<dialplan><play type="tts" voice="robot">hi</play></dialplan>'],
    ['a declared encoding', '<?xml version="1.0" encoding="ISO-8859-1"?>\n<dialplan><play type="tts" voice="é">hi</play></dialplan>'],
  ])('agrees on %s', (_name, xml) => {
    expect(essence(compiled(xml))).not.toEqual({ schema: [] });
    expectAgreement(xml);
  });

  it.skipIf(!corpusPresent)('finds what libxmljs2 finds on the real dialplans, valid and damaged', () => {
    for (const [i, xml] of corpusXml.entries()) {
      expect(essence(compiled(xml))).toEqual({ schema: [] });
      for (const [k, hurt] of damage.entries()) expectAgreement(hurt(xml, i * 7 + k));
    }
  });
});
