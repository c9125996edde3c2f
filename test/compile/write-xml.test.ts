/**
 * The direct XML writer against xmlbuilder2 (the way compile() used it before, and still uses
 * it for the trees the writer leaves alone): byte for byte on random trees, pretty and compact.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyElement, CommentNode, DocumentNode, Node } from '../../src/ast/nodes.js';
import { compile } from '../../src/compile/compile.js';
import { Indent, type Layout } from '../../src/compile/layout.js';
import { writeXml } from '../../src/compile/write-xml.js';
import { writeWithXmlbuilder2 } from '../../src/compile/xmlbuilder-writer.js';
import { CATALOG, TAG_NAMES } from '../../src/language/catalog.js';
import { parse } from '../../src/parse/parse.js';
import { buildPlan, planSteps } from '../builder/arbitraries.js';
import { corpusFiles, corpusPresent, readCorpus } from '../util.js';

// Every class of character a value can hold: markup and quotes, entity look-alikes (which
// xmlbuilder2 on its own would leave unescaped), a CDATA end, tab and line breaks, the other
// C0 controls and DEL, C1 controls, the last Latin-1 character and the first after it, white
// space beyond ASCII, non-BMP characters, lone surrogates, the replacement character and
// U+FFFF, and plain letters.
const pieces = [
  '<', '>', '&', '"', "'", '&amp;', '&lt;', '&#65;', '&#x41;', '&a', '&;', ']]>', '--', '-', '?>', '<!--',
  '\t', '\n', '\r', '\r\n', ' ', '  ', '\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001F', '\u007F',
  '\u0080', '\u0085', '\u009F', '\u00A0', '\u00FF', '\u0100', '\u2028', '\u3000', '\uFEFF', '\uFFFD', '\uFFFF', '😀', '\u{10FFFF}', '𝄞',
  '\uD800', '\uDBFF', '\uDC00', '\uDFFF', // lone surrogates (a tree from code can hold them)
  'a', 'Z', '0', 'é', '日本', '${call.callerid}', '=', '/',
];
const value = fc.oneof(
  fc.constant(''),
  fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((xs) => xs.join('')),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
// ASCII XML names without a prefix: what the direct writer takes.
const plainName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,6}$/).filter((n) => n !== 'xmlns');

const attributesOf = (names: readonly string[]) =>
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...names), plainName), value), { maxLength: 4 })
    .map((pairs) => Object.fromEntries(pairs) as Record<string, string>);

const text = value.map((t): Node => ({ kind: '#text', text: t }));
const comment = value.map((t): CommentNode => ({ kind: '#comment', text: t }));

/** Random trees: every tag of the catalog, unknown tags, text (empty too) and comments in any mix. */
const tree = fc.letrec<{ node: Node; element: AnyElement }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, comment, tie('element')),
  element: fc.oneof(
    fc
      .record({
        kind: fc.constantFrom(...TAG_NAMES),
        children: fc.array(tie('node'), { maxLength: 4 }),
      })
      .chain(({ kind, children }) =>
        attributesOf(Object.keys(CATALOG[kind].attributes).concat('name')).map((attributes): AnyElement => ({ kind, attributes, children })),
      ),
    fc.record({
      kind: fc.constant('#unknown' as const),
      name: plainName,
      attributes: attributesOf(['a', 'b']),
      children: fc.array(tie('node'), { maxLength: 4 }),
    }),
  ),
}));

const document = fc.record({
  kind: fc.constant('#document' as const),
  root: fc.record({
    kind: fc.constant('dialplan' as const),
    attributes: attributesOf(['name']),
    children: fc.array(tree.node, { maxLength: 6 }),
  }),
  prolog: fc.array(comment, { maxLength: 2 }),
  epilog: fc.array(comment, { maxLength: 2 }),
}) as fc.Arbitrary<DocumentNode>;

// Indentation units, including ones xmlbuilder2 escapes (it is written as text).
const indent = fc.constantFrom('  ', '\t', '', '    ', ' \t', '&', '&amp;', '<>', 'x');
const layout = fc.record({ pretty: fc.boolean(), indent, declaration: fc.boolean() }).map(
  (o): Layout & { options: { pretty: boolean; indent: string; declaration: boolean } } => ({
    indent: o.pretty ? new Indent(o.indent) : undefined,
    declaration: o.declaration,
    options: o,
  }),
);

/** What a writer does with a tree: the text, or the error it throws. */
function outcome(write: () => string | undefined): string | undefined | { error: string } {
  try {
    return write();
  } catch (e) {
    return { error: String(e) };
  }
}

describe('the direct XML writer matches xmlbuilder2 byte for byte', () => {
  it('on random trees of every tag, with every class of character, pretty and compact', () => {
    fc.assert(
      fc.property(document, layout, (doc, l) => {
        const direct = writeXml(doc, l);
        expect(direct).toBeTypeOf('string');
        expect(direct).toBe(writeWithXmlbuilder2(doc, l));
        expect(compile(doc, l.options)).toBe(direct);
      }),
      { numRuns: 400 },
    );
  });

  it('on random plans built with the DSL', () => {
    fc.assert(
      fc.property(planSteps, fc.boolean(), (p, pretty) => {
        const doc = buildPlan(p).toAst();
        const l: Layout = { indent: pretty ? new Indent('  ') : undefined, declaration: false };
        expect(writeXml(doc, l)).toBe(writeWithXmlbuilder2(doc, l));
      }),
      { numRuns: 150 },
    );
  });

  it('on the examples that pin the escaping rules', () => {
    const doc: DocumentNode = {
      kind: '#document',
      root: {
        kind: 'dialplan',
        attributes: { name: 'a&b<c>"d"\'e\'\tf\ng\rh&amp;' },
        children: [
          { kind: 'play', attributes: { type: 'tts' }, children: [{ kind: '#text', text: '&amp; <x> "q" \'s\' ]]> \t\n' }] },
          { kind: 'menu', attributes: {}, children: [{ kind: '#text', text: '' }] },
          { kind: 'menu', attributes: {}, children: [] },
        ],
      },
      prolog: [{ kind: '#comment', text: ' <&> ' }],
      epilog: [],
    };
    const l: Layout = { indent: undefined, declaration: false };
    const xml = '<!-- <&> --><dialplan name="a&amp;b&lt;c&gt;&quot;d&quot;\'e\'&#9;f&#10;g&#13;h&amp;amp;">'
      + '<play type="tts">&amp;amp; &lt;x&gt; "q" \'s\' ]]&gt; \t\n</play><menu></menu><menu/></dialplan>';
    expect(writeXml(doc, l)).toBe(xml);
    expect(writeWithXmlbuilder2(doc, l)).toBe(xml);
  });

  it('keeps every code unit: Latin-1 only, wider text, and lone surrogates', () => {
    // and past the first buffer's size and the decoding chunk's
    const long = ['\u00E9'.repeat(70000), `${'日'.repeat(40000)}😀`, `${'x'.repeat(20000)}\uD800${'y'.repeat(20000)}`];
    // entities that need more room than the text took, past the first buffer
    const escapes = '&<>"\t\n\r'.repeat(20000);
    const doc: DocumentNode = { kind: '#document', root: { kind: 'dialplan', attributes: { name: escapes }, children: [{ kind: '#text', text: escapes }] }, prolog: [], epilog: [] };
    const l: Layout = { indent: undefined, declaration: false };
    expect(writeXml(doc, l)).toBe(writeWithXmlbuilder2(doc, l));
    for (const t of ['caf\u00E9 \u00FF', '日本 😀 \u{10FFFF}', 'a\uD800b \uDC00 😀', '\uFEFF', ...long]) {
      const doc: DocumentNode = { kind: '#document', root: { kind: 'dialplan', attributes: { name: t }, children: [{ kind: '#text', text: t }] }, prolog: [], epilog: [] };
      expect(writeXml(doc, { indent: undefined, declaration: false })).toBe(`<dialplan name="${t}">${t}</dialplan>`);
    }
  });
});

describe('trees the direct writer leaves to xmlbuilder2', () => {
  // Names xmlbuilder2 resolves against namespaces, or that are not plain ASCII names.
  const oddName = fc.constantFrom('xmlns', 'xmlns:p', 'p:a', 'xsi:noNamespaceSchemaLocation', 'xml:lang', 'café', 'a b', '', '1a');
  const withOddName = fc.tuple(document, oddName, fc.boolean(), value).map(([doc, name, onElement, v]): DocumentNode => {
    const odd: AnyElement = onElement
      ? { kind: '#unknown', name, attributes: {}, children: [] }
      : { kind: '#unknown', name: 'x', attributes: { [name]: v }, children: [] };
    return { ...doc, root: { ...doc.root, children: [...doc.root.children, odd] } };
  });

  it('are written by xmlbuilder2, so compile() gives its output (or its error)', () => {
    fc.assert(
      fc.property(withOddName, layout, (doc, l) => {
        expect(writeXml(doc, l)).toBeUndefined();
        expect(outcome(() => compile(doc, l.options))).toEqual(outcome(() => writeWithXmlbuilder2(doc, l)));
      }),
      { numRuns: 100 },
    );
  });

  it('include values that are not strings, from untyped code', () => {
    const doc = { kind: '#document', root: { kind: 'dialplan', attributes: { name: 5 }, children: [] }, prolog: [], epilog: [] } as unknown as DocumentNode;
    const l: Layout = { indent: undefined, declaration: false };
    expect(writeXml(doc, l)).toBeUndefined();
    expect(outcome(() => compile(doc, { pretty: false }))).toEqual(outcome(() => writeWithXmlbuilder2(doc, l)));
  });
});

describe.skipIf(!corpusPresent)('the direct XML writer on the real corpus (../shared/corpus/real)', () => {
  it.each(corpusFiles)('%s: the same bytes as xmlbuilder2, pretty and compact', (file) => {
    const doc = parse(readCorpus(file)).document!;
    for (const l of [{ indent: new Indent('  '), declaration: false }, { indent: undefined, declaration: true }]) {
      expect(writeXml(doc, l)).toBe(writeWithXmlbuilder2(doc, l));
    }
  });
});
