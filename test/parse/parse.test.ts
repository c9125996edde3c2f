import { describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import type { AnyElement, CommentNode, Node, SourceSpan, TextNode } from '../../src/ast/nodes.js';
import { elementChildren } from '../../src/ast/nodes.js';
import { walk } from '../../src/ast/visit.js';
import { parse } from '../../src/parse/parse.js';
import { validateXml } from '../../src/validate/xsd/validate-xml.js';
import { parsedDocument as doc, stripLoc } from '../util.js';

/** The 1-based line and column of the first occurrence of `needle` (after `from`) in `xml`. */
function posOf(xml: string, needle: string, from = 0): { line: number; column: number } {
  const offset = xml.indexOf(needle, from);
  expect(offset, needle).toBeGreaterThanOrEqual(0);
  const before = xml.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

describe('parse(): positions', () => {
  it('gives every element the position of its "<"', () => {
    const xml = '<dialplan name="Root">\n  <menu name="m">\n    <play type="tts">Hi</play>\n    <keypress pressed="1"><hangup/></keypress>\n  </menu>\n</dialplan>\n';
    for (const { node } of walk(doc(xml))) {
      const tag = `<${node.kind === '#unknown' ? node.name : node.kind}`;
      expect(node.loc, tag).toEqual(posOf(xml, tag));
    }
  });

  it('handles a tag name followed by a line break (LF and CRLF)', () => {
    for (const nl of ['\n', '\r\n']) {
      const xml = `<dialplan${nl}>${nl}  <play${nl}    type="tts">Hi</play>${nl}  <hangup${nl}/>${nl}</dialplan>`;
      const [play, hangup] = elementChildren(doc(xml).root);
      expect(play!.loc, JSON.stringify(nl)).toEqual({ line: 3, column: 3 });
      expect(hangup!.loc, JSON.stringify(nl)).toEqual({ line: 5, column: 3 });
      expect(play!.attributes).toEqual({ type: 'tts' });
    }
  });

  it('counts CRLF as one line break and keeps columns exact', () => {
    const xml = '<dialplan>\r\n  <!-- one -->\r\n  <play type="tts">Hi</play>  <hangup/>\r\n</dialplan>\r\n';
    const root = doc(xml).root;
    expect(root.children.map((c) => [c.kind, c.loc])).toEqual([
      ['#comment', { line: 2, column: 3 }],
      ['play', { line: 3, column: 3 }],
      ['hangup', { line: 3, column: 31 }],
    ]);
    const play = root.children[1] as AnyElement;
    expect(stripLoc(play.children)).toEqual([{ kind: '#text', text: 'Hi' }]);
    expect(play.children[0]!.loc).toEqual({ line: 3, column: 20 });
  });

  it('ignores a byte-order mark', () => {
    const d = doc('\ufeff<dialplan>\n  <hangup/>\n</dialplan>');
    expect(d.root.loc).toEqual({ line: 1, column: 1 });
    expect(d.root.children[0]!.loc).toEqual({ line: 2, column: 3 });
  });

  it('counts columns as string indexes, also after characters outside the BMP', () => {
    const xml = '<dialplan><play type="tts">😀 hi</play><hangup/><!--x--></dialplan>';
    const [, hangup, comment] = doc(xml).root.children;
    expect(hangup!.loc).toEqual(posOf(xml, '<hangup'));
    expect(comment!.loc).toEqual(posOf(xml, '<!--x'));
  });

  it('places text at its first character, also when it starts with CDATA', () => {
    const xml = '<dialplan><play type="tts">\n  Hello <![CDATA[<b>]]> there\n</play><goto><![CDATA[x]]></goto></dialplan>';
    const [play, go] = doc(xml).root.children as AnyElement[];
    expect(play!.children).toMatchObject([{ kind: '#text', text: '\n  Hello <b> there\n', loc: posOf(xml, '\n  Hello') }]);
    expect(go!.children).toMatchObject([{ kind: '#text', text: 'x', loc: posOf(xml, '<![CDATA[x') }]);
  });

  it('writes loc in JSON and console.log, though a node makes it only when read', () => {
    const xml = '<dialplan name="Root">\n  <!-- n -->\n  <x a="1">t</x><hangup/>\n</dialplan>';
    const expected = {
      kind: 'dialplan',
      attributes: { name: 'Root' },
      children: [
        { kind: '#comment', text: ' n ', loc: { line: 2, column: 3 } },
        { kind: '#unknown', name: 'x', attributes: { a: '1' }, children: [{ kind: '#text', text: 't', loc: { line: 3, column: 12 } }], loc: { line: 3, column: 3 } },
        { kind: 'hangup', attributes: {}, children: [], loc: { line: 3, column: 17 } },
      ],
      loc: { line: 1, column: 1 },
    };
    const root = doc(xml).root;
    expect(JSON.parse(JSON.stringify(root))).toEqual(expected);
    expect(inspect(root, { depth: 9 })).toBe(inspect(expected, { depth: 9 }));
    // read twice, the same object
    expect(root.loc).toBe(root.loc);
  });
});

describe('parse(): where text starts after other markup', () => {
  // (before issue 13 these three were one character off: at the comment's ">", one past the
  // "<" of the CDATA section, and at the processing instruction's "<")
  it.each([
    ['a comment', '<dialplan><play type="tts">Hi <!--c--> there</play></dialplan>', ' there'],
    ['white space dropped before a CDATA section', '<dialplan><menu> <![CDATA[x]]></menu></dialplan>', '<![CDATA[x'],
    ['a processing instruction', '<dialplan><play type="tts"><?p?>b</play></dialplan>', 'b</play>'],
  ])('places text after %s at its own first character', (_what, xml, from) => {
    const el = doc(xml).root.children[0] as AnyElement;
    const text = el.children.at(-1) as TextNode;
    expect(text.kind).toBe('#text');
    expect(text.loc).toEqual(posOf(xml, from));
    expect(text.span!.start.offset).toBe(xml.indexOf(from));
  });
});

describe('parse(): comments', () => {
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!-- Copyright -->',
    '<!-- second -->',
    '<dialplan name="Root">',
    '  <!-- inline --><play type="tts">Hi <!-- in text --> there</play>',
    '</dialplan>',
    '<!-- after -->',
    '',
  ].join('\n');
  const d = doc(xml);
  const at = (c: CommentNode) => [c.text, c.loc];

  it('keeps prolog and epilog comments with their positions', () => {
    expect(d.prolog.map(at)).toEqual([
      [' Copyright ', { line: 2, column: 1 }],
      [' second ', { line: 3, column: 1 }],
    ]);
    expect(d.epilog.map(at)).toEqual([[' after ', { line: 7, column: 1 }]]);
  });

  it('keeps comments between tags and inside text, in order', () => {
    const [comment, play] = d.root.children;
    expect(comment).toMatchObject({ kind: '#comment', text: ' inline ', loc: { line: 5, column: 3 } });
    expect(stripLoc((play as AnyElement).children)).toEqual([
      { kind: '#text', text: 'Hi ' },
      { kind: '#comment', text: ' in text ' },
      { kind: '#text', text: ' there' },
    ]);
    expect((play as AnyElement).children[1]!.loc).toEqual(posOf(xml, '<!-- in text'));
  });
});

describe('parse(): content', () => {
  it('keeps unknown elements with their attributes and children', () => {
    const xml = '<dialplan><Play type="tts">Hi</Play><foo a="1"><hangup/></foo></dialplan>';
    expect(stripLoc(doc(xml).root.children)).toEqual([
      { kind: '#unknown', name: 'Play', attributes: { type: 'tts' }, children: [{ kind: '#text', text: 'Hi' }] },
      { kind: '#unknown', name: 'foo', attributes: { a: '1' }, children: [{ kind: 'hangup', attributes: {}, children: [] }] },
    ]);
  });

  it('drops layout white space in containers but keeps text in leaves and stray text', () => {
    const xml = '<dialplan>\n  <goto>\n    Main\n  </goto>\n  stray\n</dialplan>';
    const children: readonly Node[] = doc(xml).root.children;
    expect(stripLoc(children)).toEqual([
      { kind: 'goto', attributes: {}, children: [{ kind: '#text', text: '\n    Main\n  ' }] },
      { kind: '#text', text: '\n  stray\n' },
    ]);
  });

  it('decodes entities and character references', () => {
    const d = doc('<dialplan><if expr="${a} &gt; 2 &amp;&amp; &apos;x&apos; == &quot;x&quot;"><play type="tts">&#65;&#x42;&lt;</play></if></dialplan>');
    const iff = d.root.children[0] as AnyElement;
    expect(iff.attributes).toEqual({ expr: '${a} > 2 && \'x\' == "x"' });
    expect(stripLoc((iff.children[0] as AnyElement).children)).toEqual([{ kind: '#text', text: 'AB<' }]);
  });
});

describe('parse(): errors', () => {
  it('reports a root other than <dialplan> as a schema error at the root', () => {
    expect(parse('<!-- x -->\n<menu><play type="tts">x</play></menu>')).toEqual({
      diagnostics: [{ rule: 'schema', severity: 'error', message: 'The root element must be <dialplan>, found <menu>.', line: 2, column: 1, path: '/' }],
    });
  });

  it.each([
    ['a mismatched end tag', '<dialplan>\n  <play type="tts">Hi</plya>\n</dialplan>', { line: 2, column: 22, message: 'The end tag </plya> does not match the open tag <play> (line 2, column 3).' }],
    ['a raw ampersand', '<dialplan>\n<get>http://x/?a=1&b=2</get></dialplan>', { line: 2 }],
    ['an unclosed root', '<dialplan>\n<hangup/>', { line: 2, column: 10, message: '<dialplan> (line 1, column 1) is never closed.' }],
    ['an unquoted attribute', '<dialplan>\n  <menu maxDigits=1/></dialplan>', { line: 2 }],
    ['two roots', '<dialplan/>\n<dialplan/>', { line: 2, column: 1, message: 'A document has only one root element.' }],
    ['an undefined entity', '<dialplan><play type="tts">&nbsp;</play></dialplan>', { line: 1 }],
  ])('reports %s as xml-syntax with its location', (_what, xml, loc) => {
    const r = parse(xml);
    expect(r.document).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    const [d] = r.diagnostics;
    expect(d).toMatchObject({ rule: 'xml-syntax', severity: 'error', path: '/', ...loc });
    expect(d!.column).toBeGreaterThanOrEqual(1);
    expect(d!.message).toMatch(/^[A-Z<]/);
  });

  it('says a text of white space alone is empty, as lint and validate say it (not saxes\' "Document must contain a root element")', () => {
    for (const text of ['', '  \n\t', '\ufeff', '\ufeff \r\n']) {
      const { document, diagnostics } = parse(text);
      expect(document).toBeUndefined();
      expect(diagnostics).toEqual([{ rule: 'xml-syntax', severity: 'error', message: 'The document is empty; a dialplan needs a <dialplan> root element.', line: 1, column: 1, path: '/' }]);
      expect(validateXml(text)).toEqual(diagnostics);
    }
  });

  it('refuses a DOCTYPE and XInclude at their position', () => {
    expect(parse('<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x "y">]>\n<dialplan/>').diagnostics).toMatchObject([
      { rule: 'xml-syntax', line: 2, column: 1, message: expect.stringContaining('DOCTYPE') },
    ]);
    expect(parse('<dialplan xmlns:xi="http://www.w3.org/2001/XInclude">\n  <xi:include href="x.xml"/></dialplan>').diagnostics).toMatchObject([
      { rule: 'xml-syntax', line: 1, column: 1, message: 'XInclude is not allowed in a dialplan.' },
    ]);
  });
});

describe('parse(): source spans', () => {
  /** The text a span covers, checked against its line and column. */
  function slice(xml: string, span: SourceSpan): string {
    expect(span.start, 'start point').toEqual({ ...posAt(xml, span.start.offset), offset: span.start.offset });
    expect(span.end, 'end point').toEqual({ ...posAt(xml, span.end.offset), offset: span.end.offset });
    return xml.slice(span.start.offset, span.end.offset);
  }
  function posAt(xml: string, offset: number): { line: number; column: number } {
    const before = xml.slice(0, offset);
    return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
  }

  for (const nl of ['\n', '\r\n']) {
    it(`records start tag, name, attributes, content and end tag (${JSON.stringify(nl)})`, () => {
      const xml = `<dialplan name="R">${nl}  <!-- note -->${nl}  <play type='tts'${nl}    voice="female1">A &amp; B<![CDATA[<x>]]>c</play>${nl}  <hangup/>${nl}</dialplan>`;
      const root = doc(xml).root;
      const [comment, play, hangup] = root.children as [CommentNode, AnyElement, AnyElement];
      expect(slice(xml, root.span!.whole)).toBe(xml);
      expect(slice(xml, root.span!.startTag)).toBe('<dialplan name="R">');
      expect(slice(xml, root.span!.endTag!)).toBe('</dialplan>');
      expect(slice(xml, comment.span!)).toBe('<!-- note -->');
      const s = play.span!;
      expect(slice(xml, s.startTag)).toBe(`<play type='tts'${nl}    voice="female1">`);
      expect(slice(xml, s.name)).toBe('play');
      expect(Object.keys(s.attributes)).toEqual(['type', 'voice']);
      expect(slice(xml, s.attributes.type!.whole)).toBe("type='tts'");
      expect(slice(xml, s.attributes.type!.name)).toBe('type');
      expect(slice(xml, s.attributes.type!.value)).toBe('tts');
      expect(s.attributes.type!.quote).toBe("'");
      expect(slice(xml, s.attributes.voice!.value)).toBe('female1');
      expect(slice(xml, s.content!)).toBe('A &amp; B<![CDATA[<x>]]>c');
      expect(slice(xml, (play.children[0] as TextNode).span!)).toBe('A &amp; B<![CDATA[<x>]]>c');
      expect(slice(xml, s.endTag!)).toBe('</play>');
      expect(slice(xml, hangup.span!.whole)).toBe('<hangup/>');
      expect(hangup.span!.content).toBeUndefined();
      expect(hangup.span!.endTag).toBeUndefined();
    });
  }

  it('gives empty values and empty content an empty span at the right place', () => {
    const xml = '<dialplan><play type="" >  </play><goto></goto></dialplan>';
    const [play, go] = doc(xml).root.children as AnyElement[];
    const v = play!.span!.attributes.type!.value;
    expect(v.start.offset).toBe(xml.indexOf('""') + 1);
    expect(slice(xml, v)).toBe('');
    expect(slice(xml, play!.span!.content!)).toBe('  ');
    expect(slice(xml, go!.span!.content!)).toBe('');
  });

  it('spans every element of a document exactly once, in order', () => {
    const xml = '<dialplan><menu name="m"><play type="tts">Hi</play><keypress pressed="1"><hangup/></keypress></menu></dialplan>';
    const spans = [...walk(doc(xml))].map((v) => slice(xml, v.node.span!.startTag));
    expect(spans).toEqual(['<dialplan>', '<menu name="m">', '<play type="tts">', '<keypress pressed="1">', '<hangup/>']);
  });
});

describe('parse(): shared attribute sets', () => {
  it('gives tags that repeat a set of attributes read before one frozen record, in both readers, and keeps the others apart', () => {
    const xml =
      '<dialplan><menu name="a"><keypress pressed="1"><hangup/></keypress><keypress pressed="1"><hangup/></keypress></menu>' +
      '<menu name="b"><keypress pressed="1"><hangup/></keypress><keypress pressed="2"><hangup/></keypress>' +
      '<play type="tts" voice="female2">w</play><play voice="female2" type="tts">x</play><play type="tts" voice="female2">y</play>' +
      '<play type="tts" voice="female2">z</play></menu></dialplan>';
    // the saxes reader takes what the fast reader leaves, such as a processing instruction
    for (const text of [xml, `<?pi?>${xml}`]) {
      const els = [...walk(doc(text))].map((v) => v.node);
      const keypresses = els.filter((n) => n.kind === 'keypress');
      const plays = els.filter((n) => n.kind === 'play');
      const menus = els.filter((n) => n.kind === 'menu');
      expect(keypresses.map((k) => k.attributes)).toEqual([{ pressed: '1' }, { pressed: '1' }, { pressed: '1' }, { pressed: '2' }]);
      // a set is kept once each of its values has been read before: from the second on, one record
      expect(keypresses[2]!.attributes).toBe(keypresses[1]!.attributes);
      expect(Object.isFrozen(keypresses[1]!.attributes)).toBe(true);
      expect(keypresses[3]!.attributes).not.toBe(keypresses[1]!.attributes);
      // the same values in another order are another set: the order written is kept
      expect(plays.map((p) => Object.keys(p.attributes))).toEqual([['type', 'voice'], ['voice', 'type'], ['type', 'voice'], ['type', 'voice']]);
      expect(plays[3]!.attributes).toBe(plays[2]!.attributes);
      expect(plays[2]!.attributes).not.toBe(plays[1]!.attributes);
      expect(menus[1]!.attributes).not.toBe(menus[0]!.attributes);
      expect(menus.map((m) => m.attributes['name'])).toEqual(['a', 'b']);
    }
  });
});
