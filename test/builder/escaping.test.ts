import { describe, expect, it } from 'vitest';
import { dialplan, parse } from '../../src/index.js';
import { stripLoc } from '../util.js';

describe('escaping', () => {
  it('escapes <, & and > in TTS text; quotes in text stay as they are', () => {
    const xml = dialplan().play(`Tom & Jerry's <b>"best"</b> deals > all`).toXml({ pretty: false });
    expect(xml).toBe(`<dialplan><play type="tts">Tom &amp; Jerry's &lt;b&gt;"best"&lt;/b&gt; deals &gt; all</play></dialplan>`);
  });

  it('escapes <, & and double quotes in expressions (attributes)', () => {
    const xml = dialplan()
      .if(`'\${call.callerid}'.toLowerCase() == "blocked" && \${n} < 4`, (t) => t.hangup())
      .toXml({ pretty: false });
    expect(xml).toBe(`<dialplan><if expr="'\${call.callerid}'.toLowerCase() == &quot;blocked&quot; &amp;&amp; \${n} &lt; 4"><hangup/></if></dialplan>`);
  });

  it('escapes & in URLs, VTML markup in play', () => {
    const xml = dialplan()
      .get('https://example.com/a?x=${x}&y=2', { varname: 'r' })
      .play('<vtml_speed value="60">Slowly.</vtml_speed>', { voice: 'male1' })
      .toXml({ pretty: false });
    expect(xml).toBe(
      '<dialplan><get varname="r">https://example.com/a?x=${x}&amp;y=2</get>' +
        '<play type="tts" voice="male1">&lt;vtml_speed value="60"&gt;Slowly.&lt;/vtml_speed&gt;</play></dialplan>',
    );
  });

  it('a CDATA end marker and apostrophes survive in text and attributes', () => {
    const plan = dialplan().setvar('s', "a ]]> b 'c'").equal("it's", `"it's"`, (b) => b.play("that's ]]> it"));
    const doc = parse(plan.toXml()).document;
    expect(doc && stripLoc(doc)).toEqual(plan.toAst());
  });

  it('reads back what it escaped', () => {
    const plan = dialplan({ name: '<Root & "co">' }).play('1 < 2 && 3 > 2').if('"a" < \'b\' && true', (t) => t.goto('x & y'));
    const back = parse(plan.toXml());
    expect(back.diagnostics).toEqual([]);
    expect(stripLoc(back.document)).toEqual(plan.toAst());
  });
});
