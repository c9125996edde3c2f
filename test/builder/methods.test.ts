import { describe, expect, it } from 'vitest';
import { call, contact, dialplan, global, ref } from '../../src/index.js';
import { el, only, tx } from './helpers.js';

describe('dialplan()', () => {
  it('makes a document with a dialplan root and no comments around it', () => {
    const doc = dialplan({ name: 'Root', loggingEnabled: true }).toAst();
    expect(doc).toEqual({ kind: '#document', root: el('dialplan', { name: 'Root', loggingEnabled: 'true' }), prolog: [], epilog: [] });
  });
  it('writes no attribute when given no options', () => {
    expect(dialplan().toAst().root.attributes).toEqual({});
  });
});

describe('leaf tags', () => {
  it('play defaults to tts, always writes type, attributes in catalog order', () => {
    expect(only((b) => b.play('Hello'))).toEqual(el('play', { type: 'tts' }, [tx('Hello')]));
    expect(only((b) => b.play('Hi', { cache: false, voice: 'female2', name: 'greet' }))).toEqual(
      el('play', { name: 'greet', type: 'tts', voice: 'female2', cache: 'false' }, [tx('Hi')]),
    );
    const n = only((b) => b.play('Hi', { cache: true, voice: 'male1', name: 'g' }));
    expect(Object.keys((n as { attributes: object }).attributes)).toEqual(['name', 'type', 'voice', 'cache']);
    expect(only((b) => b.play('https://example.com/a.mp3', { type: 'url' }))).toEqual(el('play', { type: 'url' }, [tx('https://example.com/a.mp3')]));
    expect(only((b) => b.play('12345', { type: 'callfireid' }))).toEqual(el('play', { type: 'callfireid' }, [tx('12345')]));
  });

  it('transfer joins numbers with commas and converts options', () => {
    expect(
      only((b) => b.transfer(['12135551234', '12135559876'], { timeout: 25, mode: 'waterfall', continueAfter: true, whisperTts: 'Sales call', musiconhold: 'jazz', callerid: call.callerid })),
    ).toEqual(
      el(
        'transfer',
        { callerid: '${call.callerid}', musiconhold: 'jazz', 'continue-after': 'true', mode: 'waterfall', timeout: '25', 'whisper-tts': 'Sales call' },
        [tx('12135551234,12135559876')],
      ),
    );
    expect(only((b) => b.transfer('2135551212x${call.lastinput}', { screen: false, calleridalpha: 'ACME' }))).toEqual(
      el('transfer', { calleridalpha: 'ACME', screen: 'false' }, [tx('2135551212x${call.lastinput}')]),
    );
  });

  it('hangup, goto, record', () => {
    expect(only((b) => b.hangup())).toEqual(el('hangup'));
    expect(only((b) => b.hangup({ name: 'bye' }))).toEqual(el('hangup', { name: 'bye' }));
    expect(only((b) => b.goto('main', { name: 'back' }))).toEqual(el('goto', { name: 'back' }, [tx('main')]));
    expect(only((b) => b.record())).toEqual(el('record'));
    expect(only((b) => b.record({ timeout: 30000, background: false, varname: 'msg', name: 'vm' }))).toEqual(
      el('record', { name: 'vm', varname: 'msg', background: 'false', timeout: '30000' }),
    );
  });

  it('setvar and stash convert numbers and booleans', () => {
    expect(only((b) => b.setvar('Counter', 0))).toEqual(el('setvar', { varname: 'Counter' }, [tx('0')]));
    expect(only((b) => b.setvar('Counter', `${ref('Counter')}+1`, { name: 'inc' }))).toEqual(el('setvar', { name: 'inc', varname: 'Counter' }, [tx('${Counter}+1')]));
    expect(only((b) => b.setvar('flag', false))).toEqual(el('setvar', { varname: 'flag' }, [tx('false')]));
    expect(only((b) => b.setvar('empty', ''))).toEqual(el('setvar', { varname: 'empty' }));
    expect(only((b) => b.stash('q1', call.lastinput))).toEqual(el('stash', { varname: 'q1' }, [tx('${call.lastinput}')]));
    expect(only((b) => b.stash('stashDNC${n}', 2.5))).toEqual(el('stash', { varname: 'stashDNC${n}' }, [tx('2.5')]));
  });

  it('get, post, dnc, sms, wait', () => {
    expect(only((b) => b.get('https://example.com/a?x=1&y=2', { varname: 'res' }))).toEqual(el('get', { varname: 'res' }, [tx('https://example.com/a?x=1&y=2')]));
    expect(only((b) => b.post('http://example.com/p'))).toEqual(el('post', {}, [tx('http://example.com/p')]));
    expect(only((b) => b.dnc(call.phonenumber))).toEqual(el('dnc', {}, [tx('${call.phonenumber}')]));
    expect(only((b) => b.dnc('2135551234', { loggingEnabled: true }))).toEqual(el('dnc', { loggingEnabled: 'true' }, [tx('2135551234')]));
    expect(only((b) => b.sms(call.phonenumber, `Hi ${contact.firstName}, see you on ${contact.column('C')}`))).toEqual(
      el('sms', { to: '${call.phonenumber}' }, [tx('Hi ${contact.firstName}, see you on ${contact.C}')]),
    );
    expect(only((b) => b.wait(4))).toEqual(el('wait', {}, [tx('4')]));
    expect(only((b) => b.transfer('+1 (213) 555-1234, 213.555.9876x${ext}'))).toEqual(el('transfer', {}, [tx('+1 (213) 555-1234, 213.555.9876x${ext}')]));
    expect(only((b) => b.dnc('${choice${n}}'))).toEqual(el('dnc', {}, [tx('${choice${n}}')]));
  });

  it('SDK-only tags', () => {
    expect(only((b) => b.gotoXML('https://example.com/next.xml'))).toEqual(el('gotoXML', {}, [tx('https://example.com/next.xml')]));
    expect(only((b) => b.dtmf('12#*'))).toEqual(el('dtmf', {}, [tx('12#*')]));
    expect(only((b) => b.analytics({ value: '1', action: 'a', account: 'UA-1' }))).toEqual(el('analytics', { account: 'UA-1', action: 'a', value: '1' }));
    expect(only((b) => b.gtalk('ops@example.com', 'hi', { password: 'p', username: 'u' }))).toEqual(
      el('gtalk', { username: 'u', password: 'p', to: 'ops@example.com' }, [tx('hi')]),
    );
    expect(only((b) => b.gtalk('ops@example.com', ''))).toEqual(el('gtalk', { to: 'ops@example.com' }));
    expect(only((b) => b.text('2135551234', 'hi'))).toEqual(el('text', { to: '2135551234' }, [tx('hi')]));
  });

  it('comment', () => {
    expect(only((b) => b.comment(' note '))).toEqual({ kind: '#comment', text: ' note ' });
  });
});

describe('containers', () => {
  it('menu with and without options, keypress with and without options', () => {
    expect(only((b) => b.menu((m) => m.play('Press 1').keypress('1', (k) => k.hangup())))).toEqual(
      el('menu', {}, [el('play', { type: 'tts' }, [tx('Press 1')]), el('keypress', { pressed: '1' }, [el('hangup')])]),
    );
    expect(
      only((b) => b.menu({ timeout: 5000, name: 'main', maxDigits: 3 }, (m) => m.keypress('300-315', { name: 'ext' }, (k) => k.transfer('2135551212x${call.lastinput}')))),
    ).toEqual(
      el('menu', { name: 'main', maxDigits: '3', timeout: '5000' }, [el('keypress', { name: 'ext', pressed: '300-315' }, [el('transfer', {}, [tx('2135551212x${call.lastinput}')])])]),
    );
  });

  it('keypress accepts every pattern form', () => {
    for (const p of ['0', '9', '#', '*', '321', '1-5', '1000000000-9999999999', 'default', 'Default', 'timeout', 'Timeout'] as const) {
      const n = only((b) => b.menu((m) => m.keypress(p, (k) => k)));
      expect(n).toEqual(el('menu', {}, [el('keypress', { pressed: p })]));
    }
  });

  it('amd holds live and machine in the order given', () => {
    expect(only((b) => b.amd((a) => a.live((l) => l.play('hi')).machine((m) => m.hangup()), { name: 'detect' }))).toEqual(
      el('amd', { name: 'detect' }, [el('live', {}, [el('play', { type: 'tts' }, [tx('hi')])]), el('machine', {}, [el('hangup')])]),
    );
    expect(only((b) => b.amd((a) => a.machine((m) => m, { name: 'vm' }).comment(' then ').live((l) => l, { name: 'person' })))).toEqual(
      el('amd', {}, [el('machine', { name: 'vm' }), { kind: '#comment', text: ' then ' }, el('live', { name: 'person' })]),
    );
  });

  it('if with then only, with else, with options', () => {
    expect(only((b) => b.if('${x} > 1', (t) => t.play('big')))).toEqual(el('if', { expr: '${x} > 1' }, [el('play', { type: 'tts' }, [tx('big')])]));
    expect(only((b) => b.if(`${global.date.dayOfWeek} == 1`, (t) => t.hangup(), (e) => e.goto('open'), { name: 'sunday' }))).toEqual(
      el('if', { name: 'sunday', expr: '${global.date.dayOfWeek} == 1' }, [el('hangup'), el('else', {}, [el('goto', {}, [tx('open')])])]),
    );
    expect(only((b) => b.if('true', (t) => t, (e) => e))).toEqual(el('if', { expr: 'true' }, [el('else')]));
    expect(only((b) => b.if('true', (t) => t, (e) => e.hangup(), { else: { name: 'otherwise' }, name: 'check' }))).toEqual(
      el('if', { name: 'check', expr: 'true' }, [el('else', { name: 'otherwise' }, [el('hangup')])]),
    );
  });

  it('equal, notEqual, catch', () => {
    expect(only((b) => b.equal(call.lastinput, '1 + 2', (t) => t.play('three'), { name: 'eq' }))).toEqual(
      el('equal', { name: 'eq', var: '${call.lastinput}', expr: '1 + 2' }, [el('play', { type: 'tts' }, [tx('three')])]),
    );
    expect(only((b) => b.notEqual('5', '${n}', (t) => t.goto('retry')))).toEqual(el('notEqual', { var: '5', expr: '${n}' }, [el('goto', {}, [tx('retry')])]));
    expect(only((b) => b.catch({ goto: 'report', type: 'hangup' }, (c) => c.stash('caller', call.callerid, { name: 'report' })))).toEqual(
      el('catch', { type: 'hangup', goto: 'report' }, [el('stash', { name: 'report', varname: 'caller' }, [tx('${call.callerid}')])]),
    );
    expect(only((b) => b.catch({ type: 'digit', value: '9', goto: 'x', name: 'c' }, (c) => c))).toEqual(el('catch', { name: 'c', type: 'digit', value: '9', goto: 'x' }));
  });

  it('nests blocks inside blocks', () => {
    const n = only((b) =>
      b.menu((m) => m.keypress('1', (k) => k.menu((m2) => m2.keypress('2', (k2) => k2.if('1', (t) => t.equal('a', "'a'", (e) => e.catch({ type: 'hangup', goto: 'z' }, (c) => c.hangup({ name: 'z' })))))))),
    );
    expect(n).toEqual(
      el('menu', {}, [
        el('keypress', { pressed: '1' }, [
          el('menu', {}, [el('keypress', { pressed: '2' }, [el('if', { expr: '1' }, [el('equal', { var: 'a', expr: "'a'" }, [el('catch', { type: 'hangup', goto: 'z' }, [el('hangup', { name: 'z' })])])])])]),
        ]),
      ]),
    );
  });

  it('pipe applies a reusable fragment', () => {
    const goodbye = <B extends { play(v: string): B }>(b: B) => b.play('Goodbye.');
    expect(only((b) => b.pipe(goodbye))).toEqual(el('play', { type: 'tts' }, [tx('Goodbye.')]));
    expect(only((b) => b.menu((m) => m.pipe(goodbye)))).toEqual(el('menu', {}, [el('play', { type: 'tts' }, [tx('Goodbye.')])]));
  });
});

describe('toXml', () => {
  it('is compile() of toAst()', () => {
    const plan = dialplan({ name: 'Root' }).play('Hi').hangup();
    expect(plan.toXml({ pretty: false })).toBe('<dialplan name="Root"><play type="tts">Hi</play><hangup/></dialplan>');
    expect(plan.toXml({ declaration: true, pretty: false })).toBe('<?xml version="1.0" encoding="UTF-8"?><dialplan name="Root"><play type="tts">Hi</play><hangup/></dialplan>');
  });
});
