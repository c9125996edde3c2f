import { describe, expect, it } from 'vitest';
import { TAG_NAMES } from '../../src/language/catalog.js';
import { HANDLERS } from '../../src/simulate/handlers.js';
import { simulate } from '../../src/simulate/simulate.js';
import { formatTranscript } from '../../src/simulate/transcript.js';
import type { SimulationEvent, SimulationResult } from '../../src/simulate/types.js';
import { coverage } from '../../src/simulate/coverage.js';
import { parsedDocument, said } from '../util.js';

const plan = (body: string) => `<dialplan name="Root">\n${body}\n</dialplan>`;
const ofType = <T extends SimulationEvent['type']>(r: SimulationResult, type: T) => r.events.filter((e): e is Extract<SimulationEvent, { type: T }> => e.type === type);

describe('handler table', () => {
  it('has a handler for every tag of the catalog and nothing else', () => {
    expect(Object.keys(HANDLERS).sort()).toEqual([...TAG_NAMES].sort());
  });
});

describe('control flow', () => {
  const menu = plan(`
  <menu name="Main" maxDigits="1" timeout="3500">
    <play type="tts">Main menu</play>
    <keypress pressed="1"><play type="tts">one</play></keypress>
    <keypress pressed="2"><play type="tts">two</play><hangup/></keypress>
  </menu>
  <play type="tts">after menu</play>`);

  it('continues after the enclosing menu when a keypress body ends', async () => {
    const r = await simulate(menu, { keys: ['1'] });
    expect(said(r)).toEqual(['Main menu', 'one', 'after menu']);
    expect(r.ended).toBe('end');
  });

  it('falls through to the tag after the menu on unmatched input', async () => {
    const r = await simulate(menu, { keys: ['7'] });
    expect(said(r)).toEqual(['Main menu', 'after menu']);
    expect(ofType(r, 'no-match')).toHaveLength(1);
  });

  it('hangs up when the keypress says so', async () => {
    const r = await simulate(menu, { keys: ['2'] });
    expect(r.ended).toBe('hangup');
    expect(said(r)).toEqual(['Main menu', 'two']);
  });

  it('ends with caller-hangup when the inputs run out at a menu', async () => {
    const r = await simulate(menu, {});
    expect(r.ended).toBe('caller-hangup');
    expect(r.events.at(-1)).toMatchObject({ type: 'caller-hangup', reason: 'inputs-exhausted', path: '/dialplan/menu[1]' });
  });

  it('goto into a nested tag continues with its following siblings, then its ancestors', async () => {
    const r = await simulate(
      plan(`
  <goto>inner</goto>
  <play type="tts">skipped</play>
  <menu name="M">
    <play type="tts">prompt</play>
    <keypress pressed="1">
      <play type="tts" name="inner">inner</play>
      <play type="tts">inner next</play>
    </keypress>
  </menu>
  <play type="tts">after</play>`),
      {},
    );
    expect(said(r)).toEqual(['inner', 'inner next', 'after']);
    expect(ofType(r, 'goto')[0]).toMatchObject({ target: 'inner', targetPath: '/dialplan/menu[1]/keypress[1]/play[1]', line: 3 });
  });

  it('goto to a prompt inside a menu replays the rest of the prompts and waits for input', async () => {
    const r = await simulate(
      plan(`
  <menu name="M">
    <play type="tts">first</play>
    <play type="tts" name="second">second</play>
    <keypress pressed="1"><goto>second</goto></keypress>
    <keypress pressed="2"><hangup/></keypress>
  </menu>`),
      { keys: ['1', '2'] },
    );
    expect(said(r)).toEqual(['first', 'second', 'second']);
    expect(r.ended).toBe('hangup');
  });

  it('runs the amd branch for the answer and continues after the amd', async () => {
    const xml = plan(`
  <amd><live><play type="tts">hello person</play></live><machine><play type="tts">hello machine</play></machine></amd>
  <play type="tts">both</play>`);
    expect(said(await simulate(xml, { answer: 'live' }))).toEqual(['hello person', 'both']);
    const m = await simulate(xml, { answer: 'machine' });
    expect(said(m)).toEqual(['hello machine', 'both']);
    expect(m.branches).toContain('/dialplan/amd[1]#machine');
  });

  it('runs if or else and continues after the if', async () => {
    const xml = plan(`
  <if expr="\${x} &gt; 2"><play type="tts">big</play><else><play type="tts">small</play></else></if>
  <play type="tts">done</play>`);
    expect(said(await simulate(xml, { vars: { x: 5 } }))).toEqual(['big', 'done']);
    expect(said(await simulate(xml, { vars: { x: 1 } }))).toEqual(['small', 'done']);
  });

  it('equal and notEqual compare the var with the expression value', async () => {
    const xml = plan(`
  <equal var="\${a}" expr="1+1"><play type="tts">two</play></equal>
  <notEqual var="\${a}" expr="waffles"><play type="tts">not waffles</play></notEqual>`);
    expect(said(await simulate(xml, { vars: { a: '2' } }))).toEqual(['two', 'not waffles']);
    expect(said(await simulate(xml, { vars: { a: 'waffles' } }))).toEqual([]);
  });

  it('catch type=hangup goes to its target when the caller hangs up inside its body', async () => {
    const xml = plan(`
  <catch type="hangup" goto="bye">
    <menu><play type="tts">question</play><keypress pressed="1"><stash varname="answer">yes</stash></keypress></menu>
    <hangup/>
    <stash name="bye" varname="hungup">true</stash>
  </catch>`);
    const gone = await simulate(xml, { keys: ['hangup'] });
    expect(gone.stashed).toEqual({ hungup: 'true' });
    expect(gone.ended).toBe('caller-hangup');
    expect(ofType(gone, 'catch')[0]).toMatchObject({ target: 'bye' });
    const stayed = await simulate(xml, { keys: ['1'] });
    expect(stayed.stashed).toEqual({ answer: 'yes' });
    expect(stayed.ended).toBe('hangup');
  });

  it('reads the catch type case-insensitively, in the run and in coverage alike', async () => {
    const xml = plan(`<catch type=" HangUp " goto="bye"><menu><play type="tts">q</play></menu></catch><stash name="bye" varname="gone">yes</stash>`);
    const r = await simulate(xml, { keys: ['hangup'] });
    expect(r.stashed).toEqual({ gone: 'yes' });
    const report = coverage(parsedDocument(xml), [r]);
    expect(report.branches.items.find((b) => b.kind === 'catch')).toMatchObject({ label: 'hangup', hits: 1 });
  });

  it('transfer: answered ends the call, continue-after returns, no-answer and busy go on', async () => {
    const xml = plan(`
  <transfer continue-after="true">111</transfer>
  <transfer timeout="25">222, 333</transfer>
  <play type="tts">voicemail</play>`);
    const answered = await simulate(xml, {});
    expect(answered.ended).toBe('transfer');
    expect(ofType(answered, 'transfer').map((t) => [t.numbers, t.outcome, t.continueAfter])).toEqual([
      [['111'], 'answered', true],
      [['222', '333'], 'answered', false],
    ]);
    const busy = await simulate(xml, { transfer: { '222': 'busy', '333': 'no-answer' } });
    expect(busy.ended).toBe('end');
    expect(said(busy)).toEqual(['voicemail']);
    expect(ofType(busy, 'transfer')[1]!.outcome).toBe('no-answer');
    const second = await simulate(xml, { transfer: { default: 'busy', '333': 'answered' } });
    expect(ofType(second, 'transfer')[1]).toMatchObject({ outcome: 'answered', answeredBy: '333' });
  });
});

describe('keypress matching', () => {
  const xml = plan(`
  <menu name="M" maxDigits="4">
    <play type="tts">enter</play>
    <keypress pressed="#"><play type="tts">pound</play></keypress>
    <keypress pressed="10-20"><play type="tts">range \${call.lastinput}</play></keypress>
    <keypress pressed="5"><play type="tts">five</play></keypress>
    <keypress pressed="Default"><play type="tts">other \${call.lastinput}</play></keypress>
  </menu>`);
  const reply = async (input: string) => said(await simulate(xml, { keys: [input] }))[1];

  it('matches exact values, numeric ranges, # and Default, strips the # terminator and cuts at maxDigits', async () => {
    expect(await reply('5')).toBe('five');
    expect(await reply('15')).toBe('range 15');
    expect(await reply('015')).toBe('other 015'); // a range takes numbers written without leading zeros
    expect(await reply('15#')).toBe('range 15');
    expect(await reply('#')).toBe('pound');
    expect(await reply('21')).toBe('other 21');
    expect(await reply('123456')).toBe('other 1234');
  });

  it('does not take Default on a timeout: the call falls through', async () => {
    const r = await simulate(xml, { keys: ['timeout'] });
    expect(said(r)).toEqual(['enter']);
    expect(r.ended).toBe('end');
  });

  it('rejects script inputs that are not keys', async () => {
    const r = await simulate(xml, { keys: ['abc'] });
    expect(r.ended).toBe('error');
    expect(r.error?.message).toMatch(/not digits/);
  });
});

describe('variables and expressions', () => {
  it('substitutes nested references inner-first and reads contact, call and global variables', async () => {
    const r = await simulate(
      plan(`
  <setvar varname="num">2</setvar>
  <setvar varname="choice2">Blue</setvar>
  <play type="tts">\${choice\${num}} for \${contact.firstname} \${contact.A} from \${call.callerid} on day \${global.date.dayOfWeek} at \${global.time.hour.military}</play>`),
      { contact: { firstName: 'Ann', a: 'x' }, call: { callerid: '15551230000' }, clock: '2026-01-10T22:30:00Z' },
    );
    expect(said(r)).toEqual(['Blue for Ann x from 15551230000 on day 7 at 22']);
  });

  it('keeps text as text and evaluates JavaScript, by the documented rule', async () => {
    const r = await simulate(
      plan(`
  <setvar varname="name">Homer Simpson</setvar>
  <setvar varname="n">41</setvar>
  <setvar varname="next">\${n}+1</setvar>
  <setvar varname="spaced">"\${n}".split("").join(" ");</setvar>
  <setvar varname="url">http://example.com/a?b=\${n}&amp;c=d</setvar>
  <setvar varname="phone">213-555-1212</setvar>`),
      {},
    );
    expect(r.variables).toMatchObject({ name: 'Homer Simpson', n: '41', next: '42', spaced: '4 1', url: 'http://example.com/a?b=41&c=d', phone: '213-555-1212' });
    expect(ofType(r, 'setvar').map((e) => e.evaluated)).toEqual([false, false, true, true, false, false]);
  });

  it('reports a failing expression as a simulation error with its line', async () => {
    const r = await simulate(plan(`<play type="tts">a</play>\n<if expr="nosuchthing.x == 1"><hangup/></if>`), {});
    expect(r.ended).toBe('error');
    expect(r.error).toMatchObject({ line: 3, path: '/dialplan/if[1]' });
    expect(r.error?.message).toMatch(/ReferenceError/);
  });

  it('runs expressions without Node: no process, require, fetch, std or os', async () => {
    // Free identifiers make a setvar value text, so probe from an if expression, which is always JavaScript.
    const r = await simulate(
      plan(`<if expr="[typeof process, typeof require, typeof fetch, typeof globalThis.std, typeof globalThis.os].every((t) => t === 'undefined')"><play type="tts">isolated</play></if>`),
      {},
    );
    expect(said(r)).toEqual(['isolated']);
  });

  it('stops an endless expression at the time limit', async () => {
    const r = await simulate(plan(`<if expr="(() => { while (true) {} })()"><hangup/></if>`), {}, { expressionTimeoutMs: 50 });
    expect(r.ended).toBe('error');
    expect(r.error?.message).toMatch(/longer than 50 ms/);
  });

  it('stops runaway recursion and allocation inside the evaluator', async () => {
    // a roomy time limit: the stack limit must be what stops it, even on a loaded machine
    const deep = await simulate(plan(`<if expr="(function f() { return f() })()"><hangup/></if>`), {}, { expressionTimeoutMs: 10_000 });
    expect(deep.error?.message).toMatch(/stack overflow/);
    const big = await simulate(plan(`<if expr="'x'.repeat(1e9).length"><hangup/></if>`), {});
    expect(big.error?.message).toMatch(/used more than the evaluator's 16777216 bytes of memory/);
    // and the evaluator still works afterwards
    const after = await simulate(plan(`<setvar varname="n">(function f(n) { return n ? f(n - 1) + 1 : 0 })(100)</setvar>`), {});
    expect(after.variables['n']).toBe('100');
  });

  it('does not let one call change the evaluator for the next', async () => {
    await simulate(plan(`<if expr="(String.prototype.shout = function () { return 1 }, true)"><hangup/></if>`), {});
    const r = await simulate(plan(`<setvar varname="t">typeof "".shout</setvar>`), {});
    expect(r.variables['t']).toBe('undefined');
  });

  it('warns about variables read before they are set', async () => {
    const r = await simulate(plan(`<play type="tts">hi \${nobody}</play>`), {});
    expect(said(r)).toEqual(['hi']);
    expect(r.warnings).toEqual([
      { rule: 'unset-variable', severity: 'warning', message: '${nobody} is not set; read as empty text', path: '/dialplan/play[1]', line: 2, column: 1, data: { name: 'nobody' } },
    ]);
    // written as any finding on one line (formatCompact): line:column, path, message, rule
    expect(formatTranscript(r)).toMatch(/^warning: 2:1 \/dialplan\/play\[1\]: \$\{nobody\} is not set; read as empty text \(unset-variable\)$/m);
    // a tag with no line (a tree built in code): its path alone says where
    const { line: _line, column: _column, ...placeOnly } = r.warnings[0]!;
    expect(formatTranscript({ ...r, warnings: [placeOnly] })).toMatch(/^warning: \/dialplan\/play\[1\]: \$\{nobody\} is not set; read as empty text \(unset-variable\)$/m);
  });
});

describe('other tags', () => {
  it('answers get/post from the script, records, sends sms, adds dnc, waits and moves the clock', async () => {
    const r = await simulate(
      plan(`
  <get varname="res">https://api.example.com/acct?id=\${id}</get>
  <post varname="p">https://api.example.com/other</post>
  <record name="msg" varname="rec"/>
  <sms to="\${call.callerid}">Hi \${res}</sms>
  <dnc>\${call.callerid}</dnc>
  <play type="tts">\${global.time}</play>
  <wait>90</wait>
  <play type="tts">\${global.time}</play>
  <dtmf>123</dtmf>
  <gtalk username="u" password="secret" to="bob">hello</gtalk>`),
      { vars: { id: 7 }, call: { callerid: '15550001111' }, http: [{ url: 'https://api.example.com/acct*', method: 'get', body: 'True' }] },
    );
    expect(ofType(r, 'http').map((h) => [h.method, h.status, h.body, h.matched])).toEqual([
      ['get', 200, 'True', true],
      ['post', 404, '', false],
    ]);
    expect(r.variables['rec']).toMatch(/^https:\/\/recordings\.simulator\.invalid\/msg\.mp3$/);
    expect(ofType(r, 'sms')[0]).toMatchObject({ to: '15550001111', text: 'Hi True' });
    expect(ofType(r, 'dnc')[0]).toMatchObject({ number: '15550001111' });
    expect(said(r)).toEqual(['15:00:00', '15:01:30']);
    expect(JSON.stringify(r.events)).not.toContain('secret');
    expect(r.warnings).toEqual([
      expect.objectContaining({ rule: 'unscripted-request', severity: 'warning', path: '/dialplan/post[1]', message: 'no scripted response for POST https://api.example.com/other; used an empty 404', data: { method: 'POST', url: 'https://api.example.com/other' } }),
    ]);
  });

  it('lets a caller end a recording by hanging up', async () => {
    const r = await simulate(plan(`<record varname="v"/><play type="tts">thanks</play>`), { keys: ['hangup'] });
    expect(r.ended).toBe('caller-hangup');
    expect(said(r)).toEqual([]);
  });

  it('skips unknown tags with an event and stops at gotoXML', async () => {
    const r = await simulate(plan(`<foo/><gotoXML>https://example.com/next.xml</gotoXML><play type="tts">never</play>`), {});
    expect(r.events.map((e) => e.type)).toEqual(['unknown-tag', 'gotoXML']);
    expect(r.ended).toBe('end');
  });
});

describe('errors', () => {
  it('stops an endless loop and names the tags in it', async () => {
    const r = await simulate(plan(`<play name="a" type="tts">again</play>\n<goto>a</goto>`), {}, { maxSteps: 500 });
    expect(r.ended).toBe('error');
    expect(r.error?.message).toMatch(/endless loop through <goto>a<\/goto> \(line 3\) → <play name="a"> \(line 2\)/);
  });

  it('names a missing goto target', async () => {
    const r = await simulate(plan(`<goto>nowhere</goto>`), {});
    expect(r.error).toMatchObject({ line: 2, message: 'goto target "nowhere" does not name any tag in the plan' });
  });

  it('reports unreadable XML instead of throwing', async () => {
    const r = await simulate('<dialplan><play>', {});
    expect(r.ended).toBe('error');
    expect(r.error?.message).toMatch(/not a readable dialplan/);
  });
});
