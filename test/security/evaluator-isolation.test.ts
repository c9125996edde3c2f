/**
 * Issue 15 items 2, 3, 4 and 11 (first half), through `simulate()` as a user calls it: one plan
 * cannot change what a later one computes, an expression is exactly one expression, `${…}`
 * values from contacts and callers stay data at every place they are substituted, runaway
 * expressions and simulations end at a limit they name, and `Math.random`/`Date` follow the
 * script.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulate/simulate.js';
import type { SimulationResult } from '../../src/simulate/types.js';

const plan = (body: string) => `<dialplan name="p">\n${body}\n</dialplan>`;
const said = (r: SimulationResult) => r.events.flatMap((e) => (e.type === 'play' ? [e.text] : []));

/**
 * What a later, unrelated plan computes with iterators, generators, async functions, regexp and
 * string iterators, collections and globals. Node computes the same expressions as the oracle:
 * each `<if>` plays its name when QuickJS agrees with it.
 */
const PROBES: Readonly<Record<string, string>> = {
  array: '[...[1, 2, 3]].join()',
  generator: '[...(function* () { yield 1; yield 2 })()].join()',
  matches: "[...'a1b2'.matchAll(/\\d/g)].join()",
  string: "[...'xyz'].join()",
  map: '[...new Map([[1, 2]]).keys()].join()',
  set: '[...new Set([3, 4]).values()].join()',
  async: '[typeof (async function () {}).planted, typeof (async () => 1)().then, typeof (async function* () {})().planted].join()',
  global: "[typeof globalThis.planted, typeof Promise.prototype.then].join()",
};
const PROBE = plan(Object.entries(PROBES).map(([name, code]) => `<if expr="${code} == '\${${name}}'"><play type="tts">${name}</play></if>`).join('\n'));
const EXPECTED = Object.fromEntries(Object.entries(PROBES).map(([name, code]) => [name, String(new Function(`return ${code}`)())]));

/** Rewrites every intrinsic prototype an expression can reach, the unreachable-from-globalThis ones first. */
const POLLUTE = plan(`<if expr="(() => {
  const put = (o, k, v) => { try { Object.defineProperty(o, k, { value: v, writable: true, configurable: true }) } catch (e) {} };
  const done = function () { return { done: true, value: undefined } };
  const arrayIterator = Object.getPrototypeOf([][Symbol.iterator]());
  put(arrayIterator, 'next', done);
  put(Object.getPrototypeOf(arrayIterator), Symbol.iterator, function () { return { next: done } });
  put(Object.getPrototypeOf(function* () {}).prototype, 'next', done);
  put(Object.getPrototypeOf(async function () {}), 'planted', 1);
  put(Object.getPrototypeOf(async function* () {}).prototype, 'planted', 1);
  put(Object.getPrototypeOf('a'.matchAll(/a/g)), 'next', done);
  put(Object.getPrototypeOf(''[Symbol.iterator]()), 'next', done);
  put(Object.getPrototypeOf(new Map().keys()), 'next', done);
  put(Object.getPrototypeOf(new Set().values()), 'next', done);
  put(Promise.prototype, 'then', undefined);
  put(String.prototype, Symbol.iterator, function* () { yield 'pwned' });
  put(globalThis, 'planted', 1);
  return true;
})()"><play type="tts">polluted</play></if>`);

describe('one simulation cannot change what a later one computes', () => {
  it('rewriting the iterator, generator, async and regexp-string-iterator prototypes stays in its own plan', async () => {
    const before = await simulate(PROBE, { vars: EXPECTED });
    expect(before.error).toBeUndefined();
    expect(said(before)).toEqual(Object.keys(PROBES));
    const polluted = await simulate(POLLUTE, {});
    expect(said(polluted)).toEqual(['polluted']);
    const after = await simulate(PROBE, { vars: EXPECTED });
    expect(said(after)).toEqual(Object.keys(PROBES));
  });

  it('refuses an expression that closes its wrapper to declare something, before anything runs', async () => {
    const r = await simulate(plan(`<play type="tts">a</play>\n<if expr="1); let x=1; !!(1"><hangup/></if>`), {});
    expect(r.ended).toBe('error');
    expect(r.error).toMatchObject({ line: 3, path: '/dialplan/if[1]' });
    expect(r.error?.message).toMatch(/SyntaxError/);
    // and nothing was declared for the next plan
    const next = await simulate(plan(`<if expr="typeof x == 'undefined'"><play type="tts">clean</play></if>`), {});
    expect(said(next)).toEqual(['clean']);
  });

  it('refuses statements after an expression', async () => {
    for (const expr of ['true; globalThis.planted = 1', 'true\nvar planted = 1', 'true /* a */; planted = 1']) {
      const r = await simulate(plan(`<if expr="${expr}"><hangup/></if>`), {});
      expect(r.ended, expr).toBe('error');
      expect(r.error?.message, expr).toMatch(/not a single expression|SyntaxError/);
    }
  });
});

describe('substituted values are data at every place they land', () => {
  const HOSTILE = ["Bob' || true || '", "'pwn'.toUpperCase()", '"); globalThis.planted = 1; ("', '${call.callerid}', '.*', '*/ 1 /*', 'a\u2028b', '1 || true', '`${1}`', '\\', '</script>'];
  const SITES = plan(`
<play type="tts">\${contact.firstName}</play>
<setvar varname="text">\${contact.firstName}</setvar>
<setvar varname="quoted">'\${contact.firstName}'.length</setvar>
<setvar varname="double">"\${contact.firstName}".length</setvar>
<setvar varname="code">\${contact.firstName}.length</setvar>
<if expr="'\${contact.firstName}' == 'Bob'"><play type="tts">flipped in a string</play></if>
<if expr="\${contact.firstName} == 1"><play type="tts">flipped in code</play></if>
<if expr="/^\${contact.firstName}$/.test('Bob')"><play type="tts">flipped in a regular expression</play></if>
<if expr="typeof planted != 'undefined'"><play type="tts">ran code</play></if>
<equal var="\${contact.firstName}" expr="'\${contact.firstName}'"><play type="tts">kept</play></equal>
<get varname="got">https://example.com/?q=\${contact.firstName}</get>`);

  for (const value of HOSTILE) {
    it(`contact value ${JSON.stringify(value)}`, async () => {
      // a roomy per-expression limit: this test is about values, and a loaded machine can hold a thread past 100 ms
      const r = await simulate(SITES, { contact: { firstName: value }, call: { callerid: '15551230000' }, http: [{ url: '*', body: 'ok' }] }, { expressionTimeoutMs: 10_000 });
      expect(r.error).toBeUndefined();
      // a prompt is read on one line: white space, line separators included, becomes one space
      expect(said(r)).toEqual([value.replace(/\s+/g, ' '), 'kept']);
      expect(r.variables).toMatchObject({ text: value, quoted: String(value.length), double: String(value.length), code: String(value.length), got: 'ok' });
    });
  }

  it('a caller variable read in code is a value, not the code its text spells', async () => {
    const r = await simulate(plan(`<if expr="typeof \${answer} == 'string'"><play type="tts">data</play></if>`), { vars: { answer: 'process.exit(1)' } });
    expect(r.error).toBeUndefined();
    expect(said(r)).toEqual(['data']);
  });
});

describe('limits that hold and name themselves', () => {
  it("ends for(;;) 'x'.repeat(4e6) at the deadline or the memory limit, and the next simulation still runs", async () => {
    const r = await simulate(plan(`<if expr="(() => { for (;;) 'x'.repeat(4e6) })()"><hangup/></if>`), {});
    expect(r.ended).toBe('error');
    expect(r.error?.line).toBe(2);
    expect(r.error?.message).toMatch(/expression ran longer than (100 ms|the simulation's time limit)|used more than the evaluator's \d+ bytes of memory/);
    const next = await simulate(plan(`<setvar varname="n">[1, 2].length</setvar>`), {});
    expect(next.variables['n']).toBe('2');
  });

  it('a simulation past its step budget ends with an error naming maxSteps', async () => {
    const loop = plan(`<play name="a" type="tts">again</play>\n<goto>a</goto>`);
    const r = await simulate(loop, {}, { maxSteps: 50 });
    expect(r.ended).toBe('error');
    expect(r.error?.message).toMatch(/stopped after 50 steps: endless loop .*maxSteps/);
  });

  it('a long plan without a loop is told apart from a loop, and the default budget grows with the plan', async () => {
    const long = plan('<play type="tts">hi</play>\n'.repeat(12_000));
    const cut = await simulate(long, {}, { maxSteps: 100 });
    expect(cut.error?.message).toMatch(/step limit \(maxSteps, --max-steps\) was reached with no tag repeating/);
    expect(cut.error?.message).not.toMatch(/endless loop/);
    // the default step budget; a roomy time budget, so a loaded machine cannot stop it first
    const whole = await simulate(long, {}, { timeLimitMs: 300_000 });
    expect(whole.ended).toBe('end');
    expect(said(whole)).toHaveLength(12_000);
  });

  it('a simulation past its time budget ends with an error naming timeLimitMs', async () => {
    const slow = plan(`<if name="a" expr="(() => { let i = 0; while (i &lt; 2e6) i++; return false })()"><hangup/></if>\n<goto>a</goto>`);
    const r = await simulate(slow, {}, { timeLimitMs: 150, expressionTimeoutMs: 5_000 });
    expect(r.ended).toBe('error');
    expect(r.error?.message).toMatch(/time limit/);
    expect(r.error?.message).toMatch(/timeLimitMs/);
  });
});

describe('Math.random and Date follow the script', () => {
  const DRAW = plan(`
<setvar varname="r">[Math.random(), Math.random()].join()</setvar>
<setvar varname="now">Date.now()</setvar>
<setvar varname="iso">new Date().toISOString()</setvar>
<setvar varname="called">Date() == new Date().toString()</setvar>`);
  const clock = '2026-01-05T15:00:00.000Z';

  it('the same seed draws the same numbers, another seed others; the clock is the script\'s', async () => {
    const a = await simulate(DRAW, { seed: 7, clock });
    const b = await simulate(DRAW, { seed: 7, clock });
    const c = await simulate(DRAW, { seed: 8, clock });
    expect(a.error).toBeUndefined();
    expect(a.variables['r']).toBe(b.variables['r']);
    expect(a.variables['r']).not.toBe(c.variables['r']);
    const [x, y] = a.variables['r']!.split(',').map(Number);
    expect(x).not.toBe(y);
    for (const n of [x!, y!]) expect(n >= 0 && n < 1).toBe(true);
    expect(a.variables).toMatchObject({ now: String(Date.parse(clock)), iso: clock, called: 'true' });
  });
});
