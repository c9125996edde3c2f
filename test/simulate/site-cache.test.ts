import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/parse.js';
import { simulate } from '../../src/simulate/simulate.js';
import type { SimulationEvent } from '../../src/simulate/types.js';

// The handlers keep in each tag's site what they read the same on every call (Site.fixed):
// a tag run again, in the same call or the next, must still read its `${…}` parts anew.
const LOOP = `<dialplan name="Root">
  <setvar varname="n">0</setvar>
  <setvar varname="voice">female1</setvar>
  <setvar varname="kind">tts</setvar>
  <setvar varname="slot">a</setvar>
  <setvar varname="next">top</setvar>
  <play name="top" type="\${kind}" voice="\${voice}">pass \${n}</play>
  <setvar varname="\${slot}">\${n}</setvar>
  <setvar varname="n">\${n} + 1</setvar>
  <setvar varname="voice">male1</setvar>
  <setvar varname="kind">url</setvar>
  <setvar varname="slot">b</setvar>
  <if expr="\${n} &gt;= 2"><setvar varname="next">done</setvar></if>
  <if expr="'\${slot}\${n}' == 'b1'"><play>once</play></if>
  <goto>\${next}</goto>
  <play name="done">a=\${a} b=\${b} \${unset\${n}}</play>
</dialplan>`;

/** The plays of a call as `type|voice|text`. */
const plays = (events: readonly SimulationEvent[]): string[] => events.flatMap((e) => (e.type === 'play' ? [`${e.playType}|${e.voice ?? ''}|${e.text}`] : []));

describe('per-tag caches of the simulator', () => {
  it('read attributes, texts, names, conditions and goto targets holding ${…} anew on every run of a tag', async () => {
    const r = await simulate(LOOP, {});
    expect(r.error).toBeUndefined();
    expect(plays(r.events)).toEqual(['tts|female1|pass 0', 'tts||once', 'url|male1|pass 1', 'tts||a=0 b=1']);
    expect(r.events.filter((e) => e.type === 'goto').map((e) => (e as { target: string }).target)).toEqual(['top', 'done']);
    expect(r.events.filter((e) => e.type === 'if').map((e) => (e as { result: boolean }).result)).toEqual([false, true, true, false]);
    expect(r.warnings.map((w) => w.message)).toEqual(['${unset2} is not set; read as empty text']);
  });

  it('give the next call through the same tree its own values', async () => {
    // one tree for both calls: the sites (and what they keep) belong to the document
    const loop = parse(LOOP).document!;
    const first = await simulate(loop, {});
    expect(await simulate(loop, {})).toEqual(first);
    expect(first).toEqual(await simulate(LOOP, {}));
    const plan = parse('<dialplan name="Root"><play voice="${v}">hi ${who}</play><goto>${to}</goto><play name="x">x</play><hangup/><play name="y">y</play></dialplan>').document!;
    const x = await simulate(plan, { vars: { v: 'female1', who: 'Ann', to: 'x' } });
    const y = await simulate(plan, { vars: { v: 'male1', who: 'Bob', to: 'y' } });
    expect(plays(x.events)).toEqual(['tts|female1|hi Ann', 'tts||x']);
    expect(plays(y.events)).toEqual(['tts|male1|hi Bob', 'tts||y']);
  });
});
