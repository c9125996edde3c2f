import { describe, expect, it } from 'vitest';
import type { DocumentNode } from '../../src/ast/nodes.js';
import { dialplan } from '../../src/builder/index.js';
import { parse } from '../../src/parse/parse.js';
import { lint } from '../../src/validate/lint/lint.js';
import { RULES } from '../../src/validate/lint/rules/index.js';
import { stripLoc } from '../util.js';

const wrap = (body: string) => `<dialplan name="Root">\n${body}\n</dialplan>\n`;
const rules = (xml: string | DocumentNode, config = {}) => lint(xml, config).diagnostics.map((d) => `${d.rule}@${d.line ?? d.path}`);

describe('lint()', () => {
  it('reports XML syntax, XSD and rule findings in one call, sorted by position', () => {
    const xml = wrap('  <goto>nowhere</goto>\n  <keypress pressed="1"/>');
    const found = lint(xml);
    expect(found.ok).toBe(false);
    expect(found.diagnostics.map((d) => d.rule)).toEqual(['unknown-goto-target', 'schema']);
    expect(found.diagnostics[0]).toMatchObject({ severity: 'error', line: 2, column: 3, path: '/dialplan/goto[1]' });
  });

  it('stops at XML syntax errors: no rule runs on a broken document', () => {
    const found = lint('<dialplan name="Root"><play type="tts">Hi</dialplan>');
    expect(found.ok).toBe(false);
    expect(new Set(found.diagnostics.map((d) => d.rule))).toEqual(new Set(['xml-syntax']));
  });

  it('lints a plan built with the DSL before it is compiled: path, no line', () => {
    const plan = dialplan({ name: 'Root' }).goto('mian').play('Hi', { name: 'main' });
    const found = lint(plan);
    const goto = found.diagnostics.find((d) => d.rule === 'unknown-goto-target');
    expect(goto).toEqual({
      rule: 'unknown-goto-target',
      severity: 'error',
      message: '<goto> names "mian", but no tag has that name; did you mean "main"?',
      path: '/dialplan/goto[1]',
      data: { target: 'mian', via: 'goto', suggestion: 'main' },
    });
    // no source text, so no line, no range and no fix
    expect(found.diagnostics.every((d) => d.line === undefined && d.range === undefined && d.fix === undefined)).toBe(true);
  });

  it('accepts a DocumentNode and gives the same findings as its XML', () => {
    const xml = wrap('  <goto>x</goto>\n  <play type="tts">after</play>');
    const doc = parse(xml).document!;
    expect(rules(doc)).toEqual(rules(xml));
  });

  it('takes the parse() result a caller has: the same findings, from that tree', () => {
    const xml = wrap('  <goto>nowhere</goto>\n  <keypress pressed="1"/>\n  <hangup/>\n  <play type="tts">after</play>');
    const parsed = parse(xml);
    expect(lint(xml, {}, { parsed })).toEqual(lint(xml));
    // the rules read the tree given, not one parsed again from the text: a tree parsed from the
    // same plan two lines lower gives its own lines
    const lower = parse(`\n\n${xml}`);
    const lines = (r: ReturnType<typeof lint>) => r.diagnostics.filter((d) => d.rule !== 'schema').map((d) => d.line);
    expect(lines(lint(xml, {}, { parsed: lower, skipValidation: true }))).toEqual(lines(lint(xml)).map((l) => l! + 2));
    // a broken text's parse problems come through as lint's own
    const broken = '<dialplan name="Root"><play type="tts">Hi</dialplan>';
    expect(lint(broken, {}, { parsed: parse(broken), skipValidation: true }).diagnostics).toEqual(parse(broken).diagnostics);
  });

  it('applies rule settings: off, warn, error', () => {
    const xml = wrap('  <goto>nowhere</goto>');
    expect(lint(xml, { rules: { 'unknown-goto-target': 'off' } }).diagnostics).toEqual([]);
    expect(lint(xml, { rules: { 'unknown-goto-target': 'warn' } })).toMatchObject({ ok: true, diagnostics: [{ severity: 'warning' }] });
    const hang = wrap('  <hangup/>\n  <play type="tts">x</play>');
    expect(lint(hang, { rules: { 'unreachable-code': 'error' } }).diagnostics[0]?.severity).toBe('error');
  });

  it('applies overrides whose globs match the file, relative to the config folder', () => {
    const xml = wrap('  <goto>nowhere</goto>');
    const config = { overrides: [{ files: ['inbound/**/*.xml'], rules: { 'unknown-goto-target': 'off' as const } }] };
    expect(lint(xml, config, { filename: '/p/inbound/a/b.xml', configDir: '/p' }).diagnostics).toEqual([]);
    expect(lint(xml, config, { filename: '/p/outbound/b.xml', configDir: '/p' }).diagnostics).toHaveLength(1);
    const byName = { overrides: [{ files: ['legacy-*.xml'], rules: { 'unknown-goto-target': 'off' as const } }] };
    expect(lint(xml, byName, { filename: '/p/deep/legacy-1.xml', configDir: '/p' }).diagnostics).toEqual([]);
  });

  it('every registered rule has a unique kebab-case name, docs and a message', () => {
    const names = RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const r of RULES) {
      expect(r.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(r.description.length).toBeGreaterThan(20);
      expect(r.docs.bad).not.toEqual(r.docs.good);
    }
  });
});

describe('inline suppression', () => {
  it('disable-next-line turns off the named rule on the next line only', () => {
    const xml = wrap('  <!-- dialplan-disable-next-line undefined-variable -->\n  <play type="tts">${a}</play>\n  <play type="tts">${b}</play>');
    expect(rules(xml)).toEqual(['undefined-variable@4']);
  });

  it('disable-next-line without names turns off every rule; other names do not', () => {
    const all = wrap('  <!-- dialplan-disable-next-line -->\n  <goto>a</goto>');
    expect(rules(all)).toEqual([]);
    const other = wrap('  <!-- dialplan-disable-next-line duplicate-name, unreachable-code -->\n  <goto>a</goto>');
    expect(rules(other)).toEqual(['unknown-goto-target@3']);
  });

  it('disable … enable covers the lines in between', () => {
    const xml = wrap(
      '  <!-- dialplan-disable undefined-variable - set by the caller -->\n  <play type="tts">${a}</play>\n  <play type="tts">${b}</play>\n  <!-- dialplan-enable undefined-variable -->\n  <play type="tts">${c}</play>',
    );
    expect(rules(xml)).toEqual(['undefined-variable@6']);
  });

  it('disable applies to findings later on its own line, not earlier ones (plans on one line)', () => {
    const after = '<dialplan name="Root"><!-- dialplan-disable unknown-goto-target --><goto>mian</goto><play name="main" type="tts">Hi</play></dialplan>';
    const gotoFindings = (xml: string) => rules(xml).filter((r) => r.startsWith('unknown-goto-target'));
    expect(gotoFindings(after)).toEqual([]);
    const before = '<dialplan name="Root"><goto>mian</goto><!-- dialplan-disable unknown-goto-target --><play name="main" type="tts">Hi</play></dialplan>';
    expect(gotoFindings(before)).toEqual(['unknown-goto-target@1']);
  });

  it('works on trees without positions: next-line means the next tag', () => {
    const xml = wrap('  <!-- dialplan-disable-next-line undefined-variable -->\n  <play type="tts">${a}</play>\n  <play type="tts">${b}</play>');
    const doc = stripLoc(parse(xml).document!) as unknown as DocumentNode;
    expect(rules(doc)).toEqual(['undefined-variable@/dialplan/play[2]']);
    const ranged = wrap('  <!-- dialplan-disable -->\n  <play type="tts">${a}</play>\n  <!-- dialplan-enable -->\n  <play type="tts">${b}</play>');
    expect(rules(stripLoc(parse(ranged).document!) as unknown as DocumentNode)).toEqual(['undefined-variable@/dialplan/play[2]']);
  });

  it('cannot hide XML syntax errors', () => {
    expect(lint('<!-- dialplan-disable -->\n<dialplan><play></dialplan>').diagnostics.some((d) => d.rule === 'xml-syntax')).toBe(true);
  });
});
