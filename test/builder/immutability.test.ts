import { describe, expect, it } from 'vitest';
import { dialplan, type MenuBuilder } from '../../src/index.js';

describe('builders are immutable', () => {
  it('a builder reused twice gives two independent plans', () => {
    const start = dialplan({ name: 'Root' }).play('Welcome.');
    const a = start.transfer('12135551234');
    const b = start.hangup();
    expect(a.toXml({ pretty: false })).toBe('<dialplan name="Root"><play type="tts">Welcome.</play><transfer>12135551234</transfer></dialplan>');
    expect(b.toXml({ pretty: false })).toBe('<dialplan name="Root"><play type="tts">Welcome.</play><hangup/></dialplan>');
    expect(start.toXml({ pretty: false })).toBe('<dialplan name="Root"><play type="tts">Welcome.</play></dialplan>');
  });

  it('every call returns a new builder', () => {
    const start = dialplan();
    const next = start.hangup();
    expect(next).not.toBe(start);
    expect(start.toAst().root.children).toHaveLength(0);
  });

  it('nested builders are independent too', () => {
    let seed: MenuBuilder | undefined;
    const plan = dialplan().menu((m) => {
      seed = m;
      const withPrompt = m.play('Press 1.');
      withPrompt.keypress('9', (k) => k.hangup()); // discarded
      return withPrompt.keypress('1', (k) => k.goto('x'));
    });
    expect(plan.toXml({ pretty: false })).toBe('<dialplan><menu><play type="tts">Press 1.</play><keypress pressed="1"><goto>x</goto></keypress></menu></dialplan>');
    // the builder the callback was given is still empty after the calls made on it
    expect(dialplan().menu(() => seed!).toXml({ pretty: false })).toBe('<dialplan><menu/></dialplan>');
  });

  it('the same fragment can be used in several places of several plans', () => {
    const shared = dialplan().play('A').play('B');
    const p1 = shared.play('C1');
    const p2 = shared.play('C2');
    const p3 = p1.play('D');
    const texts = (p: typeof shared) => p.toAst().root.children.map((n) => (n.kind === 'play' ? n.children.map((c) => (c.kind === '#text' ? c.text : '')).join('') : ''));
    expect(texts(p1)).toEqual(['A', 'B', 'C1']);
    expect(texts(p2)).toEqual(['A', 'B', 'C2']);
    expect(texts(p3)).toEqual(['A', 'B', 'C1', 'D']);
  });

  it('the syntax tree handed out is frozen, so one plan cannot change another', () => {
    const plan = dialplan().play('Hi');
    const doc = plan.toAst();
    expect(Object.isFrozen(doc.root)).toBe(true);
    expect(Object.isFrozen(doc.root.children)).toBe(true);
    expect(Object.isFrozen(doc.root.children[0])).toBe(true);
    expect(() => {
      (doc.root.children as unknown[]).push({ kind: 'hangup', attributes: {}, children: [] });
    }).toThrow(TypeError);
    expect(plan.toAst().root.children).toHaveLength(1);
    expect(plan.toAst()).not.toBe(doc);
  });
});
