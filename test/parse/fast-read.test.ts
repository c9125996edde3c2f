/**
 * Issue 13: the fast reader of `parse()` is held to the saxes reader on random documents:
 * for every text it takes on, the same tree with the same positions and spans; for every
 * text it leaves to saxes, `parse()` gives exactly saxes' result (the same tree, or the same
 * error at the same place). The documents mix known and unknown tags, attributes in both
 * quotes with white space around `=`, entities and character references (good and bad),
 * CDATA, comments, processing instructions, a byte-order mark, XML declarations, LF, CRLF and
 * CR line ends, characters outside the BMP, and then random damage (a character dropped,
 * inserted or the text cut short).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DocumentNode, Node } from '../../src/ast/nodes.js';
import { parse } from '../../src/parse/parse.js';
import { readFast } from '../../src/parse/fast-read.js';
import { readWithSaxes } from '../../src/parse/saxes-read.js';

/** A node as plain data, its span read through the getter, so two trees compare field by field. */
function plain(node: Node): unknown {
  const base = { ...node, loc: node.loc, span: JSON.parse(JSON.stringify(node.span)) as unknown };
  if (node.kind === '#text' || node.kind === '#comment') return base;
  return { ...base, attributes: { ...node.attributes }, children: node.children.map(plain) };
}

function plainResult(r: { readonly document?: DocumentNode; readonly diagnostics: readonly unknown[] }): unknown {
  const d = r.document;
  return {
    diagnostics: r.diagnostics,
    document: d && { root: plain(d.root), prolog: d.prolog.map(plain), epilog: d.epilog.map(plain) },
  };
}

const nl = fc.constantFrom('\n', '\r\n', '\r');
const space = fc.array(fc.constantFrom(' ', '\t', '\n', '\r\n', '\r'), { maxLength: 3 }).map((a) => a.join(''));

/** Character data pieces: plain words, references, line ends, markup-like characters, odd code points. */
const textPiece = fc.oneof(
  { weight: 40, arbitrary: fc.constantFrom('Hi', 'Press 1', ' ', '  ', 'x', '${a}', '${a${b}}', '123', 'é', '😀', '\u00a0', '\u2028') },
  { weight: 20, arbitrary: fc.constantFrom('&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#65;', '&#x42;', '&#xe9;', '&#x1F600;', '&#13;', '&#9;') },
  { weight: 10, arbitrary: nl },
  { weight: 2, arbitrary: fc.constantFrom('&', '&nbsp;', '&#0;', '&#X41;', '&#xD800;', '&amp', ']]>', ']]', ']', '>', '\u0001', '\ud800', '\ufffe', '"', "'") },
);
const text = fc.array(textPiece, { maxLength: 5 }).map((a) => a.join(''));

const tagName = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom('menu', 'play', 'keypress', 'goto', 'hangup', 'setvar', 'if', 'transfer', 'amd', 'live', 'machine') },
  { weight: 2, arbitrary: fc.constantFrom('Play', 'foo', 'x:y', 'a-b', 'n.1', '_u', 'naïve', 'constructor', 'Ω') },
  { weight: 1, arbitrary: fc.constantFrom('xi:include', 'include') },
);
const attrName = fc.constantFrom('name', 'type', 'voice', 'pressed', 'expr', 'varname', 'timeout', 'a:b', 'x-y', 'constructor', '__proto__', 'naïve', 'xmlns:xi');
const attrValue = fc.oneof(
  { weight: 15, arbitrary: text.map((t) => t.replace(/[<"']/g, '')) },
  { weight: 1, arbitrary: fc.constantFrom('http://www.w3.org/2001/XInclude', '<', '\t\r\n x', '') },
);
const attribute = fc
  .record({ name: attrName, value: attrValue, q: fc.constantFrom('"', "'"), before: fc.oneof({ weight: 20, arbitrary: fc.constantFrom(' ', '\n  ', '\r\n', '\t') }, { weight: 1, arbitrary: fc.constant('') }), eq: fc.constantFrom('=', ' = ', '=\n') })
  .map(({ name, value, q, before, eq }) => `${before}${name}${eq}${q}${value.replaceAll(q, '')}${q}`);

const misc = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom('<!-- note -->', '<!---->', '<!-- a\r\nb -->', '<!-- - -->', '<!--->x-->') },
  { weight: 1, arbitrary: fc.constantFrom('<!-- a -- b -->', '<!-- a --->', '<?pi x?>', '<?xml version="1.0"?>', '<!DOCTYPE x>', '<![CDATA[x]]>', '<?pi?>', '<?x y="1"?>') },
);
const cdata = fc.constantFrom('<![CDATA[x]]>', '<![CDATA[]]>', '<![CDATA[<b> & ]]>', '<![CDATA[a]b]]c\r\nd]]>', '<![CDATA[ ]]>');

type Tree = { readonly name: string; readonly attrs: readonly string[]; readonly content: readonly (Tree | string)[]; readonly selfClose: boolean; readonly endSpace: string };

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.record({
    name: tagName,
    attrs: fc.array(attribute, { maxLength: 3 }),
    content: fc.array(
      fc.oneof(
        { weight: 3, arbitrary: text },
        { weight: 1, arbitrary: space },
        { weight: 1, arbitrary: misc },
        { weight: 1, arbitrary: cdata },
        { weight: 3, arbitrary: tie('tree') },
      ),
      { maxLength: 4, depthIdentifier: 'tree' },
    ),
    selfClose: fc.boolean(),
    endSpace: fc.constantFrom('', '', ' ', '\r\n'),
  }),
})).tree;

function write(t: Tree): string {
  const open = `<${t.name}${t.attrs.join('')}`;
  if (t.selfClose && t.content.length === 0) return `${open}/>`;
  return `${open}>${t.content.map((c) => (typeof c === 'string' ? c : write(c))).join('')}</${t.name}${t.endSpace}>`;
}

const document = fc
  .record({
    bom: fc.constantFrom('', '', '', '\ufeff'),
    decl: fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8"?>', "<?xml version='1.0' standalone='yes' ?>", '<?xml version = "1.0"\r\n?>') },
      { weight: 1, arbitrary: fc.constantFrom('<?xml version="1.1"?>', '<?xml encoding="x"?>', ' <?xml version="1.0"?>', '<?xml version="1.0" standalone="maybe"?>', '<?xml-stylesheet href="a"?>') },
    ),
    prolog: fc.array(fc.oneof(space, misc), { maxLength: 2 }),
    root: fc.oneof({ weight: 5, arbitrary: fc.constant('dialplan') }, { weight: 1, arbitrary: tagName }),
    rootAttrs: fc.array(attribute, { maxLength: 2 }),
    body: fc.array(fc.oneof({ weight: 4, arbitrary: tree }, { weight: 1, arbitrary: text }, { weight: 1, arbitrary: misc }, { weight: 1, arbitrary: space }), { maxLength: 5 }),
    epilog: fc.array(fc.oneof({ weight: 10, arbitrary: fc.oneof(space, misc) }, { weight: 1, arbitrary: fc.constantFrom('x', '<dialplan/>') }), { maxLength: 2 }),
    lineEnd: nl,
  })
  .map(
    (d) =>
      `${d.bom}${d.decl}${d.prolog.join('')}${d.lineEnd}<${d.root}${d.rootAttrs.join('')}>${d.lineEnd}${d.body.map((b) => (typeof b === 'string' ? b : write(b))).join(d.lineEnd)}${d.lineEnd}</${d.root}>${d.epilog.join('')}`,
  );

/** A document with random damage: a character dropped or inserted, or the text cut short. */
const damaged = fc
  .record({ xml: document, at: fc.nat(), how: fc.constantFrom('drop', 'insert', 'cut'), ch: fc.constantFrom('<', '>', '&', '"', "'", '/', '!', '-', ']', '?', '=', ' ', 'x', '\r', '\u0001', '\ud800', '\udc00', '\ufffe', '\uffff') })
  .map(({ xml, at, how, ch }) => {
    const i = at % (xml.length + 1);
    if (how === 'drop') return xml.slice(0, i) + xml.slice(i + 1);
    if (how === 'insert') return xml.slice(0, i) + ch + xml.slice(i);
    return xml.slice(0, i);
  });

const stripBom = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

describe('parse(): the fast reader against saxes', () => {
  it('gives the same tree, positions and spans wherever it reads the text, and parse() gives saxes’ result everywhere', () => {
    let taken = 0;
    let documents = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 3, arbitrary: document }, { weight: 2, arbitrary: damaged }), (input) => {
        const xml = stripBom(input);
        const saxes = readWithSaxes(xml);
        const careful = plainResult(saxes);
        const fast = readFast(xml);
        if (fast) {
          taken++;
          expect(plainResult(fast)).toEqual(careful);
        }
        expect(plainResult(parse(input))).toEqual(careful);
        if (saxes.document) documents++;
      }),
      { numRuns: 3000 },
    );
    // the comparison is not vacuous: the fast reader took on most well-formed documents
    expect(taken).toBeGreaterThan(documents / 2);
  });

  it('takes on a typical plan itself, and leaves every malformed one to saxes', () => {
    const xml = '<?xml version="1.0"?>\r\n<!-- c -->\r\n<dialplan name="Root">\r\n  <play type="tts">A &amp; B<![CDATA[<x>]]></play>\r\n  <hangup/>\r\n</dialplan>\r\n';
    expect(readFast(xml)?.document).toBeDefined();
    const malformed = [
      '<dialplan><play>x</plya></dialplan>',
      '<dialplan a="1" a="2"/>',
      '<dialplan a="1"b="2"/>',
      '<dialplan>&nbsp;</dialplan>',
      '<dialplan>&#X41;</dialplan>',
      '<dialplan>&#0;</dialplan>',
      '<dialplan>a]]>b</dialplan>',
      '<dialplan><!-- a -- b --></dialplan>',
      '<dialplan>\u0001</dialplan>',
      '<dialplan a="\u0001"/>',
      '<dialplan>\udc00</dialplan>',
      '<dialplan>\uffff</dialplan>',
      '<dialplan><!-- \u0008 --></dialplan>',
      '<dialplan><![CDATA[\ufffe]]></dialplan>',
      '<dialplan>',
      '<!DOCTYPE d><dialplan/>',
      ' <?xml version="1.0"?><dialplan/>',
      '<dialplan/><dialplan/>',
    ];
    for (const bad of malformed) {
      expect(readFast(bad), bad).toBeUndefined();
      expect(parse(bad).diagnostics[0]?.rule).toBe('xml-syntax');
    }
    // a lone surrogate where saxes takes one (a value, a comment) is left to saxes all the same
    for (const odd of ['<dialplan a="\ud800x"/>', '<!-- \ud83d --><dialplan/>', '<dialplan>\ud83d\ud83d</dialplan>']) {
      expect(readFast(odd), odd).toBeUndefined();
      expect(plainResult(parse(odd))).toEqual(plainResult(readWithSaxes(odd)));
    }
  });

  it('opens a start tag written as one before with the same name and attributes, and checks where it stands', () => {
    // repeated tags, one with ">" in a value (its text up to the first ">" is no whole tag), self-closing ones, CRLF inside
    const xml = '<dialplan>\n<a x="1" y=">"/><a x="1" y=">"/><a x="1" y=">2"/><b\r\n k="v">t</b><b\r\n k="v">t</b><hangup/><hangup/>\n</dialplan>';
    expect(plainResult(readFast(xml)!)).toEqual(plainResult(readWithSaxes(xml)));
    // the same tag text over the depth limit, and as a second root: saxes' refusal, at the same place
    for (const refused of [`${'<a>'.repeat(101)}${'</a>'.repeat(101)}`, '<dialplan/><dialplan/>', '<a></a><a></a>']) {
      expect(readFast(refused), refused).toBeUndefined();
      expect(plainResult(parse(refused))).toEqual(plainResult(readWithSaxes(refused)));
    }
  });
});
