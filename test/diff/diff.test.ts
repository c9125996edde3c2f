import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { diffOverlay, diffPlans, formatDiff, type PlanChange } from '../../src/diff/index.js';
import { toMermaid } from '../../src/graph/index.js';
import { LIMITS } from '../../src/validate/limits.js';
import { corpusFiles, corpusPresent, parsedDocument as doc, readCorpus } from '../util.js';

/** A menu whose keypress 2 jumps to support, and two named prompts. */
const BASE = readFileSync(new URL('../fixtures/diff/shop.xml', import.meta.url), 'utf8');

const changes = (a: string, b: string) => diffPlans(doc(a), doc(b)).changes;
const kinds = (cs: readonly PlanChange[]) => cs.map((c) => c.kind);

describe('diffPlans', () => {
  it('finds no change in the same plan formatted differently, with comments added', () => {
    const reformatted = compile(doc(BASE), { pretty: false }).replace('<menu', '<!-- the main menu --><menu').replace('maxDigits="1" timeout="5000"', 'timeout="5000"  maxDigits="1"');
    const d = diffPlans(doc(BASE), doc(reformatted));
    expect(d).toEqual({ same: true, changes: [] });
    expect(formatDiff(d, 'a.xml', 'b.xml')).toBe('a.xml → b.xml: the same call flow\n');
  });

  it('reports a changed prompt with its old and new wording and its lines in both versions', () => {
    const after = BASE.replace('Support is closed.', 'Support opens at 9.').replace('<dialplan name="Shop">', '<dialplan name="Shop">\n');
    const [c, ...rest] = changes(BASE, after);
    expect(rest).toEqual([]);
    expect(c).toMatchObject({
      kind: 'changed',
      tag: 'play',
      old: { path: '/dialplan/play[1]', line: 7 },
      new: { path: '/dialplan/play[1]', line: 8 },
      fields: [{ field: 'text', old: 'Support is closed.', new: 'Support opens at 9.' }],
    });
  });

  it('reports a changed attribute (a transfer timeout) by name', () => {
    const [c] = changes(BASE, BASE.replace('timeout="20"', 'timeout="45"'));
    expect(c).toMatchObject({ kind: 'changed', tag: 'transfer', fields: [{ field: 'attribute', name: 'timeout', old: '20', new: '45' }] });
  });

  it('reports a retargeted branch: keypress 2 now goes to billing instead of support', () => {
    const cs = changes(BASE, BASE.replace('<goto>support</goto>', '<goto>billing</goto>'));
    const retarget = cs.find((c) => c.kind === 'retargeted')!;
    expect(retarget).toMatchObject({ tag: 'goto', from: 'support', to: 'billing', new: { path: '/dialplan/menu[1]/keypress[2]/goto[1]', line: 5 } });
    expect(retarget.context).toBe('menu "main" › pressed 2');
    // support is now reachable from nothing but the fall-through after the menu: still reachable
    expect(kinds(cs)).toEqual(['retargeted']);
  });

  it('reports a rename and its gotos as one change', () => {
    const after = BASE.replace('name="support"', 'name="helpdesk"').replace('<goto>support</goto>', '<goto>helpdesk</goto>');
    const cs = changes(BASE, after);
    expect(cs).toHaveLength(1);
    expect(cs[0]).toMatchObject({ kind: 'renamed', tag: 'play', from: 'support', to: 'helpdesk', count: 1 });
    expect(formatDiff({ same: false, changes: cs })).toContain('renamed play "support" → "helpdesk" (with the 1 jump to it)');
  });

  it('reports added and removed steps once for the whole part, with what it holds', () => {
    const after = BASE.replace('<keypress pressed="2">', '<keypress pressed="3"><play type="tts">Three</play><hangup/></keypress><keypress pressed="2">').replace('  <play name="billing" type="tts">Billing is closed.</play>\n', '');
    const cs = changes(BASE, after);
    expect(cs.filter((c) => c.kind === 'added')).toEqual([expect.objectContaining({ tag: 'keypress', new: { path: '/dialplan/menu[1]/keypress[2]', line: 5 }, count: 3 })]);
    expect(cs.filter((c) => c.kind === 'removed')).toEqual([expect.objectContaining({ tag: 'play', step: '[billing] play: "Billing is closed."', old: { path: '/dialplan/play[2]', line: 8 } })]);
  });

  it('reports a step that became unreachable, once for its whole part', () => {
    const before = `<dialplan><goto>tail</goto><menu name="m"><play type="tts">q</play><keypress pressed="1"><play type="tts">one</play></keypress></menu><play name="tail" type="tts">t</play></dialplan>`;
    const after = before.replace('<goto>tail</goto>', '<goto>m</goto>');
    const cs = changes(before, after);
    expect(kinds(cs)).toEqual(['retargeted', 'reachable']);
    expect(cs[1]).toMatchObject({ tag: 'menu', step: '[m] menu: "q"' });
    const worse = changes(after, before);
    expect(worse.find((c) => c.kind === 'unreachable')).toMatchObject({ tag: 'menu', new: { path: '/dialplan/menu[1]' } });
    expect(worse.filter((c) => c.kind === 'unreachable')).toHaveLength(1);
  });

  it('matches a named step that moved, and reports its content change', () => {
    const after = BASE.replace('  <play name="support" type="tts">Support is closed.</play>\n', '').replace('<hangup/>', '<play name="support" type="tts">Support is shut.</play>\n  <hangup/>');
    const cs = changes(BASE, after);
    expect(cs.find((c) => c.kind === 'changed')).toMatchObject({ tag: 'play', fields: [{ field: 'text', old: 'Support is closed.', new: 'Support is shut.' }] });
    expect(kinds(cs)).not.toContain('removed');
  });

  it('aligns 3,000 wide siblings with one change in the middle', () => {
    const plan = (mid: string) => `<dialplan>${Array.from({ length: 3000 }, (_, i) => `<play type="tts">${i === 1500 ? mid : `p${i}`}</play>`).join('')}</dialplan>`;
    const cs = changes(plan('old'), plan('new'));
    expect(cs).toEqual([expect.objectContaining({ kind: 'changed', old: expect.objectContaining({ path: '/dialplan/play[1501]' }) })]);
  });

  it('compares plans nested as deep as a plan may nest', () => {
    const depth = LIMITS.depth - 2;
    const deep = (leaf: string) => `<dialplan>${'<if expr="1">'.repeat(depth)}<play type="tts">${leaf}</play>${'</if>'.repeat(depth)}</dialplan>`;
    expect(kinds(changes(deep('a'), deep('b')))).toEqual(['changed']);
  }, 60_000);

  it('draws the diff on the new flow in Mermaid: added green, changed amber, removed struck through, retargeted edges highlighted', () => {
    const after = BASE.replace('Press 1 for sales, 2 for support.', 'Press 1 for sales.')
      .replace('<goto>support</goto>', '<goto>billing</goto>')
      .replace('<hangup/>', '<sms to="12135550100">bye</sms><hangup/>')
      .replace('<transfer timeout="20">12135550100</transfer>', '<play type="tts">Sales</play>');
    const b = doc(after);
    const d = diffPlans(doc(BASE), b);
    const chart = toMermaid(b, diffOverlay(b, d));
    expect(chart).toMatch(/classDef markAdded fill:#dafbe1/);
    expect(chart).toMatch(/classDef markChanged fill:#fff8c5/);
    expect(chart).toMatch(/classDef markRemoved .*color:#a40e26/);
    // the removed transfer is drawn, struck through (U+0336 after each letter)
    expect(chart).toContain('t\u0336r\u0336a\u0336n\u0336s\u0336f\u0336e\u0336r\u0336');
    const addedIds = chart.match(/class (\S+) markAdded/)![1]!.split(',');
    const labelled = (text: string) => addedIds.some((id) => chart.includes(`  ${id}["${text}"]`));
    expect(labelled('sms to 12135550100')).toBe(true);
    expect(labelled('play: #quot;Sales#quot;')).toBe(true);
    expect(chart).toMatch(/linkStyle \d+ stroke:#bc4c00,stroke-width:3px/);
  });
});

describe.skipIf(!corpusPresent)('diff over the real dialplans', () => {
  it.each(corpusFiles)('%s: same as itself reformatted; one edited prompt is one change', (file) => {
    const xml = readCorpus(file);
    const d = doc(xml);
    expect(diffPlans(d, doc(compile(d, { pretty: true, indent: '    ' })))).toEqual({ same: true, changes: [] });
    const play = /(<play[^>]*type="tts"[^>]*>)([^<]+)</.exec(xml);
    if (!play) return;
    const edited = xml.replace(play[0], `${play[1]}${play[2]} (edited)<`);
    const cs = diffPlans(d, doc(edited)).changes;
    expect(cs.map((c) => c.kind)).toEqual(['changed']);
  });
});
