import { describe, expect, it } from 'vitest';
import { dialplan } from '../../src/index.js';

// What the types catch for TypeScript callers, checked again at run time for JavaScript
// callers and computed values. `any` stands in for a caller without types.
// biome-ignore lint/suspicious/noExplicitAny: stands in for a caller without types
const js = (): any => dialplan();

describe('run-time checks throw a TypeError naming the method and the option', () => {
  // biome-ignore-start lint/suspicious/noExplicitAny: the callbacks are those of a caller without types
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['empty goto target', () => js().goto(''), /^goto\(\): the target must not be empty/],
    ['blank goto target', () => js().goto('   '), /^goto\(\): the target must not be empty/],
    ['goto target with spaces around', () => js().goto(' main'), /^goto\(\): the target must not start or end with white space/],
    ['non-integer menu timeout', () => js().menu({ timeout: 1.5 }, (m: unknown) => m), /^menu\(\): option 'timeout' must be a whole number/],
    ['negative transfer timeout', () => js().transfer('1', { timeout: -1 }), /^transfer\(\): option 'timeout' must be a whole number/],
    ['string for a number', () => js().menu({ maxDigits: '1' }, (m: unknown) => m), /^menu\(\): option 'maxDigits' must be a whole number of at least 0, got "1"/],
    ['string for a boolean', () => js().play('x', { cache: 'false' }), /^play\(\): option 'cache' must be true or false, got "false"/],
    ['bad voice', () => js().play('x', { voice: 'robot' }), /^play\(\): option 'voice' must be one of 'male1', 'female1', 'female2', 'spanish1', 'frenchcanadian1', got "robot"/],
    ['legacy voice', () => js().play('x', { voice: 'femaleSpanish' }), /^play\(\): option 'voice' must be one of/],
    ['bad transfer mode', () => js().transfer('1', { mode: 'parallel' }), /^transfer\(\): option 'mode' must be one of 'ringall', 'waterfall'/],
    ['bad music', () => js().transfer('1', { musiconhold: 'Silent' }), /^transfer\(\): option 'musiconhold' must be one of/],
    ['bad play type', () => js().play('x', { type: 'URL' }), /^play\(\): option 'type' must be one of 'tts', 'url', 'callfireid'/],
    ['unknown option', () => js().play('x', { voise: 'male1' }), /^play\(\): option 'voise' is not an attribute of <play> \(options: name, type, voice, cache\)/],
    ['XML name instead of key', () => js().transfer('1', { 'continue-after': true }), /^transfer\(\): option 'continue-after' is not an attribute of <transfer>/],
    ['argument given as option', () => js().setvar('a', 1, { varname: 'b' }), /^setvar\(\): 'varname' is an argument of the method, not an option/],
    ['options not an object', () => js().hangup('bye'), /^hangup\(\): options must be an object, got "bye"/],
    // play() and if() read their options before the attributes are made; they refuse the same values
    ['null options', () => js().hangup(null), /^hangup\(\): options must be an object, got null/],
    ['null play options', () => js().play('x', null), /^play\(\): options must be an object, got null/],
    ['list for play options', () => js().play('x', []), /^play\(\): options must be an object, got an empty list/],
    ['null if options', () => js().if('1', (t: unknown) => t, undefined, null), /^if\(\): options must be an object, got null/],
    ['string for if options', () => js().if('1', (t: unknown) => t, undefined, 'x'), /^if\(\): options must be an object, got "x"/],
    ['bad keypress pattern', () => js().menu((m: any) => m.keypress('one', (k: unknown) => k)), /^keypress\(\): argument 'pressed' must be digits/],
    ['decimal keypress pattern', () => js().menu((m: any) => m.keypress('1.5', (k: unknown) => k)), /^keypress\(\): argument 'pressed' must be digits/],
    ['reversed range', () => js().menu((m: any) => m.keypress('9-1', (k: unknown) => k)), /^keypress\(\): argument 'pressed' is a range that ends before it starts/],
    ['bad variable name', () => js().setvar('my var', 1), /^setvar\(\): argument 'varname' must be a variable name/],
    ['missing catch goto', () => js().catch({ type: 'hangup' }, (c: unknown) => c), /^catch\(\): option 'goto' is required/],
    ['bad catch type', () => js().catch({ type: 'error', goto: 'x' }, (c: unknown) => c), /^catch\(\): option 'type' must be one of 'hangup', 'digit'/],
    ['empty transfer list', () => js().transfer([]), /^transfer\(\): numbers must be a phone number or a non-empty list of them, got an empty list/],
    ['comma inside a listed number', () => js().transfer(['1,2', '3']), /^transfer\(\): numbers\[0\] must be one number/],
    ['blank listed number', () => js().transfer(['1', '']), /^transfer\(\): numbers\[1\] must not be empty/],
    ['transfer to a word', () => js().transfer('sales'), /^transfer\(\): numbers must be a phone number \(digits, \+, \(\), -, \., spaces, x extension\) or a variable, got "sales"/],
    ['one bad number in a comma list', () => js().transfer('2135551234, front desk'), /^transfer\(\): numbers must be a phone number/],
    ['bad listed number', () => js().transfer(['2135551234', 'n/a']), /^transfer\(\): numbers\[1\] must be a phone number/],
    ['bad caller id', () => js().transfer('1', { callerid: 'ACME' }), /^transfer\(\): option 'callerid' must be a phone number/],
    ['bad dnc number', () => js().dnc('caller'), /^dnc\(\): the number must be a phone number/],
    ['variable with a space', () => js().sms('${my number}', 'hi'), /^sms\(\): argument 'to' must be a phone number/],
    ['non-integer wait', () => js().wait(2.5), /^wait\(\): the seconds must be a whole number/],
    ['url without scheme', () => js().get('example.com/x'), /^get\(\): the URL must be an http\(s\) URL or a variable/],
    ['play url without scheme', () => js().play('hold.mp3', { type: 'url' }), /^play\(\): the sound must be an http\(s\) URL or a variable for type 'url'/],
    ['sound id not a number', () => js().play('hello', { type: 'callfireid' }), /^play\(\): the sound must be a CallFire sound id/],
    ['empty tts', () => js().play(''), /^play\(\): the sound must not be empty/],
    ['empty sms', () => js().sms('1', ' '), /^sms\(\): the message must not be empty/],
    ['empty sms recipient', () => js().sms('', 'hi'), /^sms\(\): argument 'to' must not be empty/],
    ['bad dtmf', () => js().dtmf('12z'), /^dtmf\(\): the digits must be DTMF digits/],
    ['line break in an attribute', () => js().if('a ==\n b', (t: unknown) => t), /^if\(\): argument 'expr' must be on one line/],
    ['control character', () => js().play('bell\u0007'), /^play\(\): the sound contains U\+0007, a character XML cannot hold/],
    ['lone surrogate', () => js().play('x\uD800'), /^play\(\): the sound contains U\+D800/],
    ['double dash in a comment', () => js().comment('a -- b'), /^comment\(\): the comment must not contain '--'/],
    ['number for text', () => js().play(42), /^play\(\): the sound must be a string, got 42/],
    ['infinite value', () => js().setvar('x', Infinity), /^setvar\(\): the value must be a finite number/],
    ['callback that returns nothing', () => js().menu((m: any) => { m.play('x'); }), /^menu\(\): the build callback must return the builder it receives/],
    ['callback that returns the wrong kind', () => js().menu((m: any) => m.keypress('1', () => dialplan())), /^keypress\(\): the build callback must return the builder it receives/],
    ['not a callback', () => js().if('1', 'play'), /^if\(\): the build callback must be a function, got "play"/],
    ['amd without machine', () => js().amd((a: any) => a.live((l: unknown) => l)), /^amd\(\): the build callback must give both branches; missing: machine/],
    ['amd with nothing', () => js().amd((a: unknown) => a), /^amd\(\): the build callback must give both branches; missing: live and machine/],
    ['second live', () => js().amd((a: any) => a.live((l: unknown) => l).live((l: unknown) => l)), /^live\(\): the branch is given twice/],
    ['second machine', () => js().amd((a: any) => a.machine((l: unknown) => l).machine((l: unknown) => l)), /^machine\(\): the branch is given twice/],
    ['amd callback returning something else', () => js().amd(() => ({})), /^amd\(\): the build callback must return the builder it receives/],
    ['else options without else', () => js().if('1', (t: unknown) => t, undefined, { else: { name: 'x' } }), /^if\(\): option 'else' needs the else branch/],
    ['bad else option', () => js().if('1', (t: unknown) => t, (e: unknown) => e, { else: { nam: 'x' } }), /^else\(\): option 'nam' is not an attribute of <else>/],
    ['dialplan name blank', () => (dialplan as any)({ name: '' }), /^dialplan\(\): option 'name' must not be empty/],
  ];
  // biome-ignore-end lint/suspicious/noExplicitAny: end of the untyped callbacks

  it.each(cases)('%s', (_label, run, message) => {
    let error: unknown;
    try {
      run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(message);
  });

  it('line breaks in text are kept, written as \\n', () => {
    const doc = dialplan().play('one\r\ntwo\rthree\nfour').toAst();
    expect(doc.root.children[0]).toEqual({ kind: 'play', attributes: { type: 'tts' }, children: [{ kind: '#text', text: 'one\ntwo\nthree\nfour' }] });
  });

  it('undefined options are left out, as if absent', () => {
    expect(js().play('x', { voice: undefined }).toXml({ pretty: false })).toBe('<dialplan><play type="tts">x</play></dialplan>');
  });
});
