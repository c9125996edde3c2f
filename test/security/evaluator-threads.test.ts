/**
 * The evaluator's threads (issue 15, item 4): an expression that overruns ends the thread it ran
 * on, and that must cost only its own simulation, however many others were started beside it;
 * a thread that cannot start fails only the simulations that needed it then, and the next one
 * starts a thread again.
 */
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulate/simulate.js';
import type { SimulationResult } from '../../src/simulate/types.js';

const plan = (body: string) => `<dialplan name="p">\n${body}\n</dialplan>`;

/** Ends only when its thread is ended: one native call per turn, between QuickJS's interrupt checks. */
const RUNAWAY = plan(`<play type="tts">spinning</play>\n<if expr="(() => { for (;;) 'x'.repeat(4e6) })()"><hangup/></if>`);

/** Needs QuickJS at every step (calls, Math.random), so it has a context of its own on some thread. */
const innocent = (name: string) =>
  plan(`<setvar varname="drawn">[Math.random(), Math.random()].join()</setvar>
<setvar varname="loud">'${name}'.toUpperCase()</setvar>
<play type="tts">\${loud}</play>
<if expr="[1, 2, 3].map((x) => x * 2).join() == '2,4,6' &amp;&amp; '\${drawn}'.split(',').length == 2"><play type="tts">${name} done</play></if>`);

// a roomy per-expression limit for the innocent ones: a loaded machine must not cut them short
const ROOMY = { expressionTimeoutMs: 10_000 };
const run = (xml: string): Promise<SimulationResult> => (xml === RUNAWAY ? simulate(xml, { seed: 1 }) : simulate(xml, { seed: 5 }, ROOMY));

describe('an expression that overruns costs only its own simulation', () => {
  it.each([
    ['first', [RUNAWAY, innocent('ann'), innocent('bob')]],
    ['in the middle', [innocent('ann'), RUNAWAY, innocent('bob')]],
    ['last', [innocent('ann'), innocent('bob'), RUNAWAY]],
  ])('simulations started together with the runaway %s finish as they do alone', async (_where, plans) => {
    const alone = new Map<string, SimulationResult>();
    for (const p of plans) if (p !== RUNAWAY) alone.set(p, await run(p));
    for (const r of alone.values()) expect(r.error).toBeUndefined();
    const together = await Promise.all(plans.map(run));
    plans.forEach((p, i) => {
      const r = together[i]!;
      if (p === RUNAWAY) {
        expect(r.ended).toBe('error');
        expect(r.error?.line).toBe(3);
        expect(r.error?.message).toMatch(/expression ran longer than 100 ms/);
      } else {
        expect(r).toEqual(alone.get(p));
        expect(r.events.filter((e) => e.type === 'play').length).toBe(2);
      }
    });
  });

  it('two runaways side by side each end on their own, and so do the innocent ones around them', async () => {
    const plans = [RUNAWAY, innocent('cy'), RUNAWAY, innocent('di')];
    const together = await Promise.all(plans.map(run));
    expect(together.map((r) => r.ended)).toEqual(['error', 'end', 'error', 'end']);
    expect(together[1]).toEqual(await run(innocent('cy')));
    expect(together[3]).toEqual(await run(innocent('di')));
  });
});

// Starved of file descriptors (a real way for a thread not to start: Node needs some for every
// worker), the simulation that needs QuickJS fails naming why; once descriptors are free again,
// the next simulation in the same process starts a thread. Run in a child process whose limit
// is low, so the starving is quick and harms nothing else.
const CHILD = `
import { closeSync, openSync } from 'node:fs';
const { simulate } = await import(process.env.SIMULATE_MODULE);
const plan = '<dialplan name="p"><setvar varname="up">\\'abc\\'.toUpperCase()</setvar></dialplan>';
const fds = [];
try { for (let i = 0; i < 10000; i++) fds.push(openSync('/dev/null', 'r')); } catch {}
const starved = await simulate(plan, {});
for (const fd of fds) closeSync(fd);
const after = await simulate(plan, {});
console.log(JSON.stringify({ opened: fds.length, starved: { ended: starved.ended, error: starved.error?.message }, after: { ended: after.ended, up: after.variables.up } }));
`;

describe('a thread that cannot start', () => {
  it.skipIf(process.platform === 'win32')('fails the simulation that needed it with the reason, and the next simulation starts one', async () => {
    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        '/bin/sh',
        ['-c', 'ulimit -n 256 && exec "$0" --import tsx --input-type=module -e "$1"', process.execPath, CHILD],
        { timeout: 60_000, env: { ...process.env, SIMULATE_MODULE: new URL('../../src/simulate/simulate.ts', import.meta.url).href } },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
      );
    });
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as { opened: number; starved: { ended: string; error?: string }; after: { ended: string; up?: string } };
    expect(r.opened).toBeGreaterThan(0);
    expect(r.starved.ended).toBe('error');
    expect(r.starved.error).toMatch(/^<setvar varname="up"> failed: the evaluator could not start: .*EMFILE/);
    expect(r.after).toEqual({ ended: 'end', up: 'ABC' });
  }, 90_000);
});
