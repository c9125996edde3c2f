import { describe, expect, it } from 'vitest';
import { elementChildren, rawText, type DocumentNode } from '../../src/ast/nodes.js';
import { compile } from '../../src/compile/compile.js';
import { parse } from '../../src/parse/parse.js';
import { corpusFiles, corpusPresent, parsedDocument, readCorpus, stripLoc } from '../util.js';

const doc = (children: DocumentNode['root']['children'], extra: Partial<DocumentNode> = {}): DocumentNode => ({
  kind: '#document',
  root: { kind: 'dialplan', attributes: { name: 'Root' }, children },
  prolog: [],
  epilog: [],
  ...extra,
});

describe('compile', () => {
  const plan = doc([
    { kind: 'play', attributes: { type: 'tts' }, children: [{ kind: '#text', text: 'Hi' }] },
    { kind: 'menu', attributes: {}, children: [{ kind: 'keypress', attributes: { pressed: '1' }, children: [{ kind: 'hangup', attributes: {}, children: [] }] }] },
  ]);

  it('indents with two spaces by default and ends with a newline', () => {
    expect(compile(plan)).toBe(
      '<dialplan name="Root">\n  <play type="tts">Hi</play>\n  <menu>\n    <keypress pressed="1">\n      <hangup/>\n    </keypress>\n  </menu>\n</dialplan>\n',
    );
  });

  it('writes one line with pretty: false, and another indent on request', () => {
    expect(compile(plan, { pretty: false })).toBe('<dialplan name="Root"><play type="tts">Hi</play><menu><keypress pressed="1"><hangup/></keypress></menu></dialplan>');
    expect(compile(plan, { indent: '\t' })).toContain('\n\t<menu>\n\t\t<keypress pressed="1">');
  });

  it('adds the XML declaration only on request', () => {
    expect(compile(plan)).not.toContain('<?xml');
    expect(compile(plan, { declaration: true, pretty: false })).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?><dialplan/);
  });

  it('keeps comments before, inside and after the root, and attribute order', () => {
    const d = doc([{ kind: '#comment', text: ' inside ' }, { kind: 'transfer', attributes: { timeout: '5', mode: 'ringall' }, children: [{ kind: '#text', text: '1' }] }], {
      prolog: [{ kind: '#comment', text: ' Copyright ' }],
      epilog: [{ kind: '#comment', text: ' end ' }],
    });
    expect(compile(d, { pretty: false })).toBe('<!-- Copyright --><dialplan name="Root"><!-- inside --><transfer timeout="5" mode="ringall">1</transfer></dialplan><!-- end -->');
  });

  it('writes unknown elements under their own name, and escapes text and attributes', () => {
    const d = doc([
      { kind: '#unknown', name: 'say', attributes: { a: '"x" & <y>' }, children: [{ kind: '#text', text: "1 < 2 & 'q' \"r\" ]]>" }] },
    ]);
    const xml = compile(d, { pretty: false });
    expect(xml).toBe(`<dialplan name="Root"><say a="&quot;x&quot; &amp; &lt;y&gt;">1 &lt; 2 &amp; 'q' "r" ]]&gt;</say></dialplan>`);
    expect(stripLoc(parse(xml).document)).toEqual(d);
  });

  it('keeps a leaf tag holding a comment on one line, so its text reads back unchanged', () => {
    const source = parsedDocument('<dialplan><play type="tts">Hello<!-- c -->world</play><menu><!-- m --><keypress pressed="1"><hangup/></keypress></menu></dialplan>');
    const xml = compile(source);
    expect(xml).toBe(
      '<dialplan>\n  <play type="tts">Hello<!-- c -->world</play>\n  <menu>\n    <!-- m -->\n    <keypress pressed="1">\n      <hangup/>\n    </keypress>\n  </menu>\n</dialplan>\n',
    );
    const [play] = elementChildren(parsedDocument(xml).root);
    expect(rawText(play!)).toBe('Helloworld');
    expect(stripLoc(parsedDocument(xml))).toEqual(stripLoc(source));
  });

  it('is stable: compiling what it parsed gives the same text again', () => {
    const once = compile(plan);
    expect(compile(parse(once).document!)).toBe(once);
  });
});

describe.skipIf(!corpusPresent)('compile on the real corpus (../shared/corpus/real)', () => {
  it.each(corpusFiles)('%s: parse → compile → parse gives the same tree, pretty and compact', (file) => {
    const { document } = parse(readCorpus(file));
    expect(document).toBeDefined();
    for (const pretty of [true, false]) {
      const again = parse(compile(document!, { pretty }));
      expect(again.diagnostics).toEqual([]);
      expect(stripLoc(again.document)).toEqual(stripLoc(document));
    }
  });
});

describe('exact text', () => {
  it('writes entity-like text literally, so it reads back unchanged', () => {
    const xml = '<dialplan><play type="tts" name="AT&amp;amp;T">Call AT&amp;amp;T &amp;#65; &amp;lt;now&amp;gt;</play><setvar varname="x">a&#10;b&#9;c</setvar><if expr="1&#10;==&#9;1"><hangup/></if></dialplan>';
    const first = parse(xml).document!;
    const play = first.root.children[0]!;
    expect(play.kind === 'play' && play.attributes['name']).toBe('AT&amp;T');
    for (const pretty of [true, false]) {
      expect(stripLoc(parse(compile(first, { pretty })).document!)).toEqual(stripLoc(first));
    }
  });
});
