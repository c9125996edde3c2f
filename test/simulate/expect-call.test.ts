import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CallAssertionError, callMatchers, checkCall, expectCall, type CallMatchers } from '../../src/simulate/expect-call.js';
import { dialplan } from '../../src/builder/index.js';
import { simulate } from '../../src/simulate/simulate.js';

declare module 'vitest' {
  interface Assertion<T> extends CallMatchers<T> {}
}

expect.extend(callMatchers);

const xml = readFileSync(new URL('../fixtures/simulate/confirm.xml', import.meta.url), 'utf8');

describe('expectCall (plain assertions)', () => {
  it('passes when the call does what is expected', async () => {
    await expectCall(xml).answer('live').press('1').toStash('confirmed', 'yes');
    await expectCall(xml).press('2').toTransferTo('1 (213) 555-1234');
    await expectCall(xml).contact({ firstName: 'Bo' }).press(1).toSay(/Hello Bo/);
    await expectCall(xml).answer('machine').toEndWith('hangup');
  });

  it('throws CallAssertionError with expected and actual', async () => {
    const err = await expectCall(xml).press('1').toTransferTo('12135551234').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CallAssertionError);
    expect((err as CallAssertionError).message).toBe('call expectation failed\n  expected: transfers to 12135551234\n  actual:   transfers: none');
  });

  it('offers the same named assertions in the script, the checker and the matchers', async () => {
    const names = ['toEndWith', 'toSay', 'toStash', 'toTransferTo'];
    const script = expectCall(xml).press('1');
    const result = await script;
    expect(Object.keys(callMatchers).sort()).toEqual(names);
    for (const name of names) {
      expect(typeof (script as unknown as Record<string, unknown>)[name], name).toBe('function');
      expect(typeof (checkCall(result) as unknown as Record<string, unknown>)[name], name).toBe('function');
    }
    await expect(script.expect({ stashes: { confirmed: 'yes' } })).resolves.toMatchObject({ stashed: { confirmed: 'yes' } });
    expect(() => checkCall(result).toStash('confirmed', 'yes').toEndWith('transfer')).toThrow(CallAssertionError);
  });

  it('is immutable: each step returns a new script', async () => {
    const base = expectCall(xml).answer('live');
    const one = base.press('1');
    const two = base.press('2');
    expect((await one).stashed).toEqual({ confirmed: 'yes' });
    expect((await two).stashed).toEqual({ confirmed: 'no' });
  });

  it('counts timeouts with the retry counter', async () => {
    const r = await expectCall(xml).timeout().timeout().run();
    expect(r.variables['tries']).toBe('2');
    expect(r.events.filter((e) => e.type === 'play').map((e) => (e as { text: string }).text).at(-1)).toBe('We did not hear from you. Goodbye.');
  });

  it('checkCall chains synchronous assertions on a result', async () => {
    const r = await simulate(xml, { keys: ['2'], transfer: 'busy' });
    expect(() => checkCall(r).toStash('confirmed', 'no').toSay('Nobody is free').toEndWith('hangup')).not.toThrow();
    expect(() => checkCall(r).toEndWith('transfer')).toThrow(/ended with hangup/);
  });
});

describe('vitest matchers', () => {
  it('work on results and on pending calls, and with .not', async () => {
    const r = await expectCall(xml).press('1');
    expect(r).toStash('confirmed', 'yes');
    expect(r).not.toTransferTo('12135551234');
    await expect(expectCall(xml).press('2')).toTransferTo('12135551234');
    await expect(expectCall(xml).press('2')).not.toSay(/thank you/i);
  });

  it('fail with expected and actual in the message', () => {
    const result = callMatchers.toEndWith.call({ isNot: false }, { events: [], variables: {}, stashed: {}, ended: 'end', reached: [], branches: [], warnings: [] }, 'hangup');
    expect(result).toMatchObject({ pass: false });
    expect((result as { message: () => string }).message()).toBe('call expectation failed\n  expected: ends with hangup\n  actual:   ended with end');
  });
});

describe('plans from the builder', () => {
  it('simulates a builder directly', async () => {
    const plan = dialplan({ name: 'Root' }).menu({ name: 'm', maxDigits: 1 }, (m) =>
      m.play('Press 1.').keypress('1', (k) => k.stash('pressed', 'one').transfer('12135551234')),
    );
    await expectCall(plan).press('1').toTransferTo('12135551234');
    const r = await expectCall(plan).press('1');
    expect(r).toStash('pressed', 'one');
    expect(r.events[0]).toMatchObject({ type: 'play', text: 'Press 1.', path: '/dialplan/menu[1]/play[1]' });
  });
});
