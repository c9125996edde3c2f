import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dialplan } from '../../src/builder/index.js';
import type { DocumentNode, ElementNode } from '../../src/ast/nodes.js';
import { parse } from '../../src/parse/parse.js';
import { validate } from '../../src/validate/validate.js';
import { dialplanSchemaPath } from '../../src/validate/xsd/schema-path.js';
import * as api from '../../src/index.js';
import * as catalogEntry from '../../src/entries/catalog.js';

const fixtures = new URL('../fixtures/xsd/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, fixtures), 'utf8');

/** `<!-- expect: PATH | MESSAGE PART -->` lines at the top of a fixture. */
function expectations(xml: string): Array<{ path: string; message: string }> {
  return [...xml.matchAll(/<!-- expect: (\S+) \| (.*?) -->/g)].map((m) => ({ path: m[1]!, message: m[2]! }));
}

describe('validate(): fixtures', () => {
  it('accepts a plan using every tag', () => {
    expect(validate(read('valid/every-tag.xml'))).toEqual({ ok: true, diagnostics: [] });
  });

  it.each(readdirSync(new URL('invalid/', fixtures)))('reports what invalid/%s expects, and nothing else', (file) => {
    const xml = read(`invalid/${file}`);
    const expected = expectations(xml);
    expect(expected.length).toBeGreaterThan(0);
    const r = validate(xml);
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toHaveLength(expected.length);
    for (const e of expected) {
      const d = r.diagnostics.find((x) => x.path === e.path && x.message.includes(e.message));
      expect(d, `${e.path}: ${e.message}\n${JSON.stringify(r.diagnostics, null, 2)}`).toBeDefined();
      expect(d!.rule).toBe('schema');
      // the position is the element's start tag
      const lines = xml.split('\n');
      expect(lines[d!.line! - 1]!.slice(d!.column! - 1)).toMatch(new RegExp(`^<${e.path.split('/').at(-1)!.replace(/\[\d+\]$/, '')}\\b`));
    }
  });
});

describe('validate(): messages and positions', () => {
  it('points at the element, not at the line libxml2 reports (a start tag over several lines)', () => {
    const xml = '<dialplan>\n  <play\n    type="tts"\n    voice="robot"\n  >Hi</play>\n</dialplan>';
    const [d] = validate(xml).diagnostics;
    expect(d).toMatchObject({ rule: 'schema', line: 2, column: 3, path: '/dialplan/play[1]' });
    expect(d!.message).toBe('<play> attribute "voice": "robot" is not valid; expected one of male1, female1, female2, spanish1, frenchcanadian1, femaleSpanish.');
  });

  it('tells apart same-named tags on one line', () => {
    const xml = '<dialplan><menu><keypress pressed="1"><hangup/></keypress><keypress pressed="x"><hangup/></keypress><keypress pressed="3" bogus=""><hangup/></keypress></menu></dialplan>';
    const r = validate(xml);
    expect(r.diagnostics.map((d) => [d.path, d.column])).toEqual([
      ['/dialplan/menu[1]/keypress[2]', 59],
      ['/dialplan/menu[1]/keypress[3]', 101],
    ]);
  });

  it('names the allowed alternatives', () => {
    const r = validate('<dialplan><amd><live/><play type="tts">x</play><machine/></amd></dialplan>');
    expect(r.diagnostics[0]!.message).toBe('<play> is not allowed inside <amd>; <amd> may contain <live> or <machine>.');
    const live = validate('<dialplan><live/></dialplan>');
    expect(live.diagnostics[0]!.message).toBe('<live> is not allowed inside <dialplan>: it belongs only inside <amd>.');
    const el = validate('<dialplan><else/></dialplan>');
    expect(el.diagnostics[0]!.message).toBe('<else> is not allowed inside <dialplan>: it belongs only inside <if>.');
  });

  it('explains else placement and amd counts', () => {
    expect(validate('<dialplan><if expr="1"><else/><else/></if></dialplan>').diagnostics).toMatchObject([
      { path: '/dialplan/if[1]/else[2]', message: 'An <if> may have only one <else>.' },
    ]);
    expect(validate('<dialplan><if expr="1"><else/><hangup/></if></dialplan>').diagnostics).toMatchObject([
      { path: '/dialplan/if[1]/hangup[1]', message: '<hangup> cannot follow <else>: <else> must be the last child of <if>.' },
    ]);
    expect(validate('<dialplan><amd><machine/><live/><machine/></amd></dialplan>').diagnostics).toMatchObject([
      { path: '/dialplan/amd[1]/machine[2]', message: expect.stringContaining('one too many') },
    ]);
    expect(validate('<dialplan><amd/></dialplan>').diagnostics).toMatchObject([{ path: '/dialplan/amd[1]' }]);
  });

  it('reports a wrong root with its position', () => {
    expect(validate('<!-- a menu -->\n<menu/>')).toEqual({
      ok: false,
      diagnostics: [{ rule: 'schema', severity: 'error', message: 'The root element must be <dialplan>, found <menu>.', line: 2, column: 1, path: '/', data: { issue: 'wrong-root', element: 'menu' } }],
    });
  });

  it('reports malformed XML as xml-syntax with line and column', () => {
    const r = validate('<dialplan>\n  <play type="tts">Hi</plya>\n</dialplan>');
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ rule: 'xml-syntax', line: 2, path: '/' });
    expect(r.diagnostics[0]!.column).toBeGreaterThan(1);
    expect(r.diagnostics[0]!.message).toBe('The end tag </plya> does not match the open tag <play> (line 2).');
    expect(validate('').diagnostics[0]).toMatchObject({ rule: 'xml-syntax', line: 1, column: 1 });
    expect(validate('<dialplan>&nbsp;</dialplan>').diagnostics[0]).toMatchObject({ rule: 'xml-syntax', line: 1, message: expect.stringContaining('&nbsp;') });
  });

  it('reports the first syntax error, not the last of a cascade', () => {
    expect(validate('<dialplan>\n  <menu maxDigits=1>\n    <hangup/>\n  </menu>\n</dialplan>').diagnostics).toMatchObject([
      { rule: 'xml-syntax', line: 2, message: 'Attribute values must be in quotes.' },
    ]);
    expect(validate('<dialplan><get>http://x/?a=1&b=2</get></dialplan>').diagnostics).toMatchObject([
      { rule: 'xml-syntax', line: 1, column: 31, message: 'A raw "&" must be written as &amp;.' },
    ]);
    expect(validate('Ivr<dialplan/>').diagnostics).toMatchObject([{ rule: 'xml-syntax', line: 1, column: 1 }]);
    expect(validate('<dialplan/>\n<dialplan/>').diagnostics).toMatchObject([{ rule: 'xml-syntax', line: 2, column: 1 }]);
  });

  it('accepts CRLF, a byte-order mark and white space around leaf values', () => {
    const xml = '\ufeff<dialplan>\r\n<wait>\r\n 4 \r\n</wait>\r\n<goto>\r\n  x\r\n</goto>\r\n<play type="tts" voice=" male1 ">Hi</play>\r\n</dialplan>\r\n';
    expect(validate(xml)).toEqual({ ok: true, diagnostics: [] });
    const bad = validate(xml.replace('<wait>\r\n 4', '<wait>\r\n four'));
    expect(bad.diagnostics).toMatchObject([{ path: '/dialplan/wait[1]', line: 2, column: 1 }]);
  });

  it('reads the text as it is, whatever encoding its declaration names', () => {
    // the text is already decoded; CallFire too receives DialplanXml as text in a UTF-8 request
    for (const encoding of ['UTF-8', 'ISO-8859-1', 'windows-1252', 'UTF-16']) {
      const head = `<?xml version="1.0" encoding="${encoding}"?>\n`;
      expect(validate(`${head}<dialplan name="Café"><play type="tts">Olá ☕</play></dialplan>`), encoding).toEqual({ ok: true, diagnostics: [] });
      const bad = validate(`${head}<dialplan><play type="tts" voice="café">Hi</play></dialplan>`);
      expect(bad.diagnostics, encoding).toMatchObject([{ rule: 'schema', line: 2, message: expect.stringContaining('"café"') }]);
    }
  });
});

describe('validate(): syntax trees and builders', () => {
  it('validates a parsed document and keeps its positions', () => {
    const doc = parse('<dialplan>\n  <menu>\n    <keypress pressed="?"><hangup/></keypress>\n  </menu>\n</dialplan>').document!;
    expect(validate(doc).diagnostics).toMatchObject([{ rule: 'schema', path: '/dialplan/menu[1]/keypress[1]', line: 3, column: 5 }]);
  });

  it('validates a hand-made tree without positions', () => {
    const hangup: ElementNode<'hangup'> = { kind: 'hangup', attributes: {}, children: [] };
    const root: ElementNode<'dialplan'> = {
      kind: 'dialplan',
      attributes: {},
      children: [{ kind: 'amd', attributes: {}, children: [{ kind: 'live', attributes: {}, children: [hangup] }] }],
    };
    const doc: DocumentNode = { kind: '#document', root, prolog: [], epilog: [] };
    const [d, ...rest] = validate(doc).diagnostics;
    expect(rest).toEqual([]);
    expect(d).toEqual({
      rule: 'schema',
      severity: 'error',
      message: '<amd> must contain both <live> and <machine>; <machine> is missing.',
      path: '/dialplan/amd[1]',
      data: { issue: 'missing-child', element: 'amd', expected: ['machine'] },
    });
  });

  it('validates a builder', () => {
    const plan = dialplan({ name: 'Root' })
      .menu({ name: 'main', maxDigits: 1 }, (m) => m.play('Press 1.').keypress('1', (k) => k.transfer('12135551234')))
      .hangup();
    expect(validate(plan)).toEqual({ ok: true, diagnostics: [] });
  });
});

describe('validate(): untrusted input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dialplan-xsd-'));
  const secretFile = join(dir, 'secret.txt');
  const SECRET = 'TOP-SECRET-7f3a9c';
  writeFileSync(secretFile, SECRET);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses an entity bomb', () => {
    const levels = Array.from({ length: 10 }, (_, i) => `<!ENTITY e${i + 1} "${`&e${i};`.repeat(10)}">`).join('\n');
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE dialplan [\n<!ENTITY e0 "lol">\n${levels}\n]>\n<dialplan><play type="tts">&e10;</play></dialplan>`;
    const r = validate(xml);
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toMatchObject([{ rule: 'xml-syntax', line: 2, column: 1, message: expect.stringContaining('DOCTYPE') }]);
  });

  it('never reads an external entity', () => {
    const xml = `<!-- note -->\n<!DOCTYPE dialplan [<!ENTITY s SYSTEM "file://${secretFile}">]>\n<dialplan><play type="tts">&s;</play></dialplan>`;
    const r = validate(xml);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]!.rule).toBe('xml-syntax');
    expect(JSON.stringify(r)).not.toContain(SECRET);
  });

  it('never follows an XInclude', () => {
    const xml = `<dialplan xmlns:xi="http://www.w3.org/2001/XInclude"><play type="tts"><xi:include href="file://${secretFile}" parse="text"/></play></dialplan>`;
    const r = validate(xml);
    expect(r.diagnostics).toMatchObject([{ rule: 'xml-syntax', message: 'XInclude is not allowed in a dialplan.' }]);
    expect(JSON.stringify(r)).not.toContain(SECRET);
  });

  it('accepts text that only mentions XInclude, in a comment, CDATA or a value', () => {
    const ns = 'http://www.w3.org/2001/XInclude';
    expect(validate('<dialplan name="Root"><!-- TODO: <include> the shared menu --><hangup/></dialplan>')).toEqual({ ok: true, diagnostics: [] });
    expect(validate(`<dialplan name="Root"><play type="tts"><![CDATA[<xi:include href="x"/> ${ns}]]></play></dialplan>`)).toEqual({ ok: true, diagnostics: [] });
    expect(validate(`<dialplan name="Root"><setvar varname="x">&lt;include&gt; ${ns}</setvar><hangup/></dialplan>`)).toEqual({ ok: true, diagnostics: [] });
  });

  it('does not read a file through an undeclared entity or a parameter entity either', () => {
    const r = validate(`<dialplan><play type="tts">&secret;</play></dialplan>`);
    expect(r.diagnostics).toMatchObject([{ rule: 'xml-syntax' }]);
    const pe = validate(`<!DOCTYPE d [<!ENTITY % p SYSTEM "file://${secretFile}"> %p;]><dialplan/>`);
    expect(pe.diagnostics).toMatchObject([{ rule: 'xml-syntax' }]);
    expect(JSON.stringify(pe)).not.toContain(SECRET);
  });

  it('validates a 10 MB dialplan', () => {
    const menu = (i: number) =>
      `  <menu name="m${i}" maxDigits="1" timeout="3500">\n    <play type="tts" voice="female2">Menu ${i}: press 1 to continue, 2 to hear this again.</play>\n` +
      `    <keypress pressed="1"><stash varname="q${i}">\${call.lastinput}</stash><goto>m${i + 1}</goto></keypress>\n` +
      `    <keypress pressed="2"><goto>m${i}</goto></keypress>\n    <keypress pressed="default"><goto>m${i}</goto></keypress>\n  </menu>\n`;
    const parts: string[] = ['<dialplan name="Root">\n'];
    let size = parts[0]!.length;
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const m = menu(i);
      parts.push(m);
      size += m.length;
    }
    parts.push('  <hangup name="end"/>\n</dialplan>\n');
    const xml = parts.join('');
    expect(xml.length).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    expect(validate(xml)).toEqual({ ok: true, diagnostics: [] });
  }, 60_000);
});

describe('validate(): long files', () => {
  it('keeps exact lines past 65535, libxml2\'s old limit', () => {
    const xml = `<dialplan>\n${'  <hangup/>\n'.repeat(70_000)}  <wait>later</wait>\n</dialplan>\n`;
    expect(validate(xml).diagnostics).toMatchObject([{ path: '/dialplan/wait[1]', line: 70_002, column: 3 }]);
  });
});

describe('schema path', () => {
  it('is exported from callfire-dialplan/catalog and is the file xmllint can use', () => {
    expect(catalogEntry.dialplanSchemaPath).toBe(dialplanSchemaPath);
    expect(api.validate).toBe(validate);
    expect(readFileSync(dialplanSchemaPath(), 'utf8')).toContain('<xs:schema');
  });

  const xmllint = spawnSync('xmllint', ['--version']).status === 0;
  it.skipIf(!xmllint)('agrees with xmllint on the fixtures', () => {
    for (const file of ['valid/every-tag.xml', ...readdirSync(new URL('invalid/', fixtures)).map((f) => `invalid/${f}`)]) {
      const path = new URL(file, fixtures).pathname;
      const lint = spawnSync('xmllint', ['--noout', '--nonet', '--schema', dialplanSchemaPath(), path], { encoding: 'utf8' });
      expect(lint.status === 0, `${file}: ${lint.stderr}`).toBe(validate(readFileSync(path, 'utf8')).ok);
    }
  });
});
