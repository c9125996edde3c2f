/** The forgiving cursor reader completion and hover rely on, on text that does not parse. */
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completionsAt } from '../../src/lsp/completion.js';
import { cursorContext, rootElementName } from '../../src/lsp/cursor.js';

/** The context at the `|` in `marked`. */
const at = (marked: string) => cursorContext(marked.replace('|', ''), marked.indexOf('|'));

describe('cursorContext', () => {
  it('knows the open elements around a tag being typed', () => {
    expect(at('<dialplan><menu><keypress pressed="1"></keypress><k|')).toMatchObject({ kind: 'tag-name', stack: ['dialplan', 'menu'], closing: false });
    expect(at('<dialplan><menu/><|')).toMatchObject({ kind: 'tag-name', stack: ['dialplan'] });
    expect(at('<dialplan><amd></|')).toMatchObject({ kind: 'tag-name', stack: ['dialplan', 'amd'], closing: true });
  });

  it('skips comments, CDATA and processing instructions, and says when the cursor is in one', () => {
    expect(at('<?xml version="1.0"?><!-- <menu> --><dialplan><![CDATA[<amd>]]><|')).toMatchObject({ kind: 'tag-name', stack: ['dialplan'] });
    expect(at('<dialplan><!-- <me|')).toMatchObject({ kind: 'other' });
  });

  it('reads attribute names and values, before and after the cursor', () => {
    expect(at('<dialplan><transfer mode="ringall" | musiconhold="jazz">')).toMatchObject({ kind: 'attribute-name', tag: 'transfer', present: ['mode', 'musiconhold'] });
    expect(at('<dialplan><transfer mode="ring|all">')).toMatchObject({ kind: 'attribute-value', tag: 'transfer', attribute: 'mode', start: 26, end: 33 });
    expect(at('<dialplan><play type="tt|')).toMatchObject({ kind: 'attribute-value', attribute: 'type' });
    expect(at("<dialplan><play voice='fe|'>")).toMatchObject({ kind: 'attribute-value', attribute: 'voice' });
  });

  it('reads the text of the innermost element, closing end tags by name', () => {
    const text = at('<dialplan><menu><keypress pressed="1"><goto>ma|in</goto>');
    expect(text).toMatchObject({ kind: 'text', stack: ['dialplan', 'menu', 'keypress', 'goto'], start: 44, end: 48 });
    expect(at('<dialplan><if expr="1"><play type="tts">x</play></if>|')).toMatchObject({ kind: 'text', stack: ['dialplan'] });
    // an end tag with no start tag does not unwind the others
    expect(at('<dialplan><menu></amd>|')).toMatchObject({ kind: 'text', stack: ['dialplan', 'menu'] });
  });

  it('never fails, whatever is cut where', () => {
    const plan = '<dialplan name="a"><menu a="1" b=\'2\'><!--x--><keypress pressed="1"><goto>a</goto></keypress></menu></dialplan>';
    for (let end = 0; end <= plan.length; end++) {
      const text = plan.slice(0, end);
      for (let i = 0; i <= text.length; i++) expect(cursorContext(text, i).kind).toBeTypeOf('string');
    }
  });
});

describe('the tags offered after the siblings already written', () => {
  const tags = (marked: string) => {
    const text = marked.replace('|', '');
    const doc = TextDocument.create('file:///p.xml', 'xml', 1, text);
    return completionsAt(text, marked.indexOf('|'), doc, { names: [], variablesSet: [], stashed: [] })
      .filter((i) => i.kind !== 15 /* snippet */)
      .map((i) => i.label);
  };

  it('offers each amd branch once and nothing after an else', () => {
    expect(at('<dialplan><amd><live><hangup/></live><|')).toMatchObject({ kind: 'tag-name', siblings: ['live'] });
    expect(tags('<dialplan><amd><live><hangup/></live><|')).toEqual(['machine']);
    expect(tags('<dialplan><amd><machine/><live/><|')).toEqual([]);
    expect(tags('<dialplan><if expr="1"><hangup/><|')).toContain('else');
    expect(tags('<dialplan><if expr="1"><else><hangup/></else><|')).toEqual([]);
  });

  // The XSD's ifTag is a sequence (actions, then one optional else) and amdTag takes each branch
  // once: what already follows the cursor rules tags out as much as what precedes it.
  it('offers nothing that would break the siblings after the cursor', () => {
    expect(at('<dialplan><if expr="1"><|<else/></if></dialplan>')).toMatchObject({ kind: 'tag-name', siblings: [], following: ['else'] });
    const beforeElse = tags('<dialplan><if expr="1"><|<else><hangup/></else></if></dialplan>');
    expect(beforeElse).not.toContain('else');
    expect(beforeElse).toContain('hangup');
    expect(tags('<dialplan><amd><|\n<live><hangup/></live></amd></dialplan>')).toEqual(['machine']);
    expect(tags('<dialplan><amd><|<machine/><live/></amd></dialplan>')).toEqual([]);
    // the children of a later sibling, and the tags after the parent's end, are not siblings
    expect(at('<dialplan><amd><|<live><machine/></live></amd><amd><machine/></amd></dialplan>')).toMatchObject({ following: ['live'] });
    expect(tags('<dialplan><amd><|<live><machine/></live></amd><machine/></dialplan>')).toEqual(['machine']);
  });

  it('takes the tag whose name is at the cursor as the one being written, not as a sibling', () => {
    // the <live> at the cursor does not count: it may stay a <live>; a <machine> follows already
    expect(at('<dialplan><amd><l|ive><hangup/></live><machine/></amd>')).toMatchObject({ siblings: [], following: ['machine'] });
    expect(tags('<dialplan><amd><l|ive><hangup/></live><machine/></amd>')).toEqual(['live']);
    // a half-typed name before the next tag opens nothing
    expect(at('<dialplan><if expr="1"><h|<else/></if>')).toMatchObject({ following: ['else'] });
    // a `>` inside a quoted value does not end the tag
    expect(at('<dialplan><if expr="1"><|<if expr="a > b"><else/></if><else/></if>')).toMatchObject({ following: ['if', 'else'] });
  });

  it('reads the siblings after the cursor with end tags matched by name, as the tags before it are', () => {
    // an unclosed <play> inside the later <live> is closed by </live>: the <machine> after is a sibling
    expect(at('<dialplan><amd><|<live><play>Hi</live><machine/></amd></dialplan>')).toMatchObject({ following: ['live', 'machine'] });
    expect(tags('<dialplan><amd><|<live><play>Hi</live><machine/></amd></dialplan>')).toEqual([]);
    // an end tag that closes nothing open is passed over
    expect(at('<dialplan><amd><|<live></oops></live><machine/></amd>')).toMatchObject({ following: ['live', 'machine'] });
    // the end tag of an ancestor ends the parent, even inside an unclosed sibling
    expect(at('<dialplan><amd><|<live></amd></live><machine/></dialplan>')).toMatchObject({ following: ['live'] });
  });
});

describe('rootElementName', () => {
  it('reads the root past the declaration and comments', () => {
    expect(rootElementName('\ufeff<?xml version="1.0"?>\n<!-- c -->\n<project>')).toBe('project');
    expect(rootElementName('<dialplan name="Root">')).toBe('dialplan');
    expect(rootElementName('  ')).toBeUndefined();
    expect(rootElementName('<!-- unclosed')).toBeUndefined();
  });
});
