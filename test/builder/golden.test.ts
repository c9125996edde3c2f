import { describe, expect, it } from 'vitest';
import { call, dialplan, ref } from '../../src/index.js';

// Expected strings written by hand, from the CallFire XML reference.
describe('golden XML', () => {
  const menu = dialplan({ name: 'Root' })
    .menu({ name: 'main', maxDigits: 1, timeout: 5000 }, (m) => m
      .play('Press 1 for sales, 2 for support.', { voice: 'female2' })
      .keypress('1', (k) => k.transfer(['12135551234', '12135559876'], { mode: 'waterfall', timeout: 25 }))
      .keypress('2', (k) => k.play('Goodbye').hangup())
      .keypress('default', (k) => k.goto('main')))
    .hangup();

  it('pretty by default', () => {
    expect(menu.toXml()).toBe(`<dialplan name="Root">
  <menu name="main" maxDigits="1" timeout="5000">
    <play type="tts" voice="female2">Press 1 for sales, 2 for support.</play>
    <keypress pressed="1">
      <transfer mode="waterfall" timeout="25">12135551234,12135559876</transfer>
    </keypress>
    <keypress pressed="2">
      <play type="tts">Goodbye</play>
      <hangup/>
    </keypress>
    <keypress pressed="default">
      <goto>main</goto>
    </keypress>
  </menu>
  <hangup/>
</dialplan>
`);
  });

  it('compact on request', () => {
    expect(menu.toXml({ pretty: false })).toBe(
      '<dialplan name="Root"><menu name="main" maxDigits="1" timeout="5000"><play type="tts" voice="female2">Press 1 for sales, 2 for support.</play>' +
        '<keypress pressed="1"><transfer mode="waterfall" timeout="25">12135551234,12135559876</transfer></keypress>' +
        '<keypress pressed="2"><play type="tts">Goodbye</play><hangup/></keypress>' +
        '<keypress pressed="default"><goto>main</goto></keypress></menu><hangup/></dialplan>',
    );
  });

  it('amd with a counter and an if/else', () => {
    const plan = dialplan({ name: 'Root' })
      .setvar('Counter', 0)
      .amd((a) => a
        .live((l) => l.menu({ name: 'ask', maxDigits: 1, timeout: 3500 }, (m) => m
          .play('Press 1 to confirm.')
          .keypress('1', (k) => k.stash('confirmed', 'yes').hangup())
          .keypress('timeout', (k) => k
            .setvar('Counter', `${ref('Counter')}+1`)
            .if(`${ref('Counter')} > 2`, (t) => t.hangup(), (e) => e.goto('ask')))))
        .machine((m) => m.play('Please call us back.').hangup()))
      .dnc(call.phonenumber);
    expect(plan.toXml({ indent: '    ' })).toBe(`<dialplan name="Root">
    <setvar varname="Counter">0</setvar>
    <amd>
        <live>
            <menu name="ask" maxDigits="1" timeout="3500">
                <play type="tts">Press 1 to confirm.</play>
                <keypress pressed="1">
                    <stash varname="confirmed">yes</stash>
                    <hangup/>
                </keypress>
                <keypress pressed="timeout">
                    <setvar varname="Counter">\${Counter}+1</setvar>
                    <if expr="\${Counter} &gt; 2">
                        <hangup/>
                        <else>
                            <goto>ask</goto>
                        </else>
                    </if>
                </keypress>
            </menu>
        </live>
        <machine>
            <play type="tts">Please call us back.</play>
            <hangup/>
        </machine>
    </amd>
    <dnc>\${call.phonenumber}</dnc>
</dialplan>
`);
  });

  it('an empty plan and boolean/number options', () => {
    expect(dialplan().toXml({ pretty: false })).toBe('<dialplan/>');
    expect(dialplan({ loggingEnabled: false }).transfer('1', { continueAfter: false, timeout: 0, screen: true }).wait(10).toXml({ pretty: false })).toBe(
      '<dialplan loggingEnabled="false"><transfer continue-after="false" timeout="0" screen="true">1</transfer><wait>10</wait></dialplan>',
    );
  });
});
