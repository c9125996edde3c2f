/**
 * Benchmark of the simulator: 10,000 scripted calls through a generated 100-menu plan.
 *
 * The plan is a tree: a main menu (keys 1-9) leads to 9 department menus, each leading to 10
 * leaf menus (1 + 9 + 90 = 100 menus). Leaf menus stash the answer, count visits with a
 * `${Visits}+1` setvar and test it with an `<if expr>`, so every call evaluates JavaScript
 * (plain operators on values, which the simulator computes in process without a round trip to
 * the isolated evaluator's thread: see src/simulate/plain-expression.ts); a wrong key replays a menu through a goto with a retry
 * counter. Each call presses a pseudo-random (seeded) sequence of keys.
 *
 * Named peers, printed as ratios:
 * - "hand-written JS": the same 10,000 calls through a state machine written directly in
 *   TypeScript for this plan (plain numbers, no tree, no isolation). The ratio is the price of
 *   interpreting any plan from its syntax tree with sandboxed expressions.
 * - "parse": parsing the plan's XML (the saxes-based `parse()`) 10,000 times, so the
 *   simulation cost reads in a unit the other benchmarks use.
 *
 * Times are CPU time of this process (`process.cpuUsage`), not wall time, so that other
 * work on a shared machine disturbs the ratios less. The simulator and the hand-written peer
 * run alternately, BENCH_ROUNDS rounds (default 5) of all the calls each, after one warm-up
 * call; the medians give the ratio, and the first round (which pays for the JIT compiling
 * the interpreter) is printed beside it. The parse peer runs PARSES times (default 200) and
 * is scaled to CALLS. Peak RSS is the process's (`process.resourceUsage().maxRSS`) after
 * the simulation rounds, before the parse peer runs.
 *
 * Run: `npm run bench:simulate` or `npx tsx bench/simulate.ts` (CALLS=n to change the number of calls). Not a test:
 * times depend on the machine and its load.
 */
import { parse } from '../src/parse/parse.js';
import { simulate } from '../src/simulate/simulate.js';
import type { Script } from '../src/simulate/types.js';
import { benchPlan, scripts } from './lib/simulate-plan.js';
import { benchRounds, median, ms, ratio } from './measure.js';

const CALLS = Number(process.env['CALLS'] ?? 10_000);
const ROUNDS = benchRounds(5);

/** The peer: the same plan as a hand-written state machine. Returns the number of events, to keep the work observable. */
function handWritten(keys: readonly string[]): number {
  let visits = 0;
  let retries = 0;
  let events = 2;
  let at: 'main' | 'dept' | 'leaf' = 'main';
  let dept = 0;
  let topic = 0;
  const stashed = new Map<string, string>();
  for (let i = 0; ; i++) {
    events++; // the prompt
    const k = keys[i];
    if (k === undefined) return events;
    events++;
    if (at === 'main') {
      if (/^[1-9]$/.test(k)) { dept = Number(k); at = 'dept'; } else { events++; return events; }
    } else if (at === 'dept') {
      if (/^[0-9]$/.test(k)) { topic = Number(k); at = 'leaf'; } else { events++; return events; }
    } else if (k === '1') {
      stashed.set(`helped_${dept}_${topic}`, 'yes');
      visits += 1;
      if (visits > 1) events++;
      return events + 3;
    } else if (k === '2') {
      stashed.set(`helped_${dept}_${topic}`, 'no');
      at = 'main';
      events += 2;
    } else {
      retries += 1;
      if (retries >= 3) return events + 3;
      events += 3;
    }
  }
}

const xml = benchPlan();
const doc = parse(xml).document!;
const all = scripts(CALLS);
const menus = (xml.match(/<menu /g) ?? []).length;

await simulate(doc, { keys: all[0]! }); // load QuickJS, warm up
let events = 0;
let errors = 0;
let peerEvents = 0;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const simRounds: number[] = [];
const handRounds: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  events = 0;
  errors = 0;
  const t0 = cpu();
  for (const inputs of all) {
    const script: Script = { keys: inputs };
    const r = await simulate(doc, script);
    events += r.events.length;
    if (r.ended === 'error') errors++;
  }
  simRounds.push(cpu() - t0);
  peerEvents = 0;
  const t1 = cpu();
  for (const keys of all) peerEvents += handWritten(keys);
  handRounds.push(cpu() - t1);
}
const simMs = median(simRounds);
const handMs = median(handRounds);
const rssMb = process.resourceUsage().maxRSS / 1024;

const PARSES = Math.min(CALLS, Number(process.env['PARSES'] ?? 200));
parse(xml);
const t2 = cpu();
for (let i = 0; i < PARSES; i++) parse(xml);
const parseMs = ((cpu() - t2) * CALLS) / PARSES;

console.log(`simulate: ${CALLS} calls through a ${menus}-menu plan (${(xml.length / 1024).toFixed(0)} KB), ${events} events, ${errors} errors`);
console.log(`  simulate() (CPU time)   ${ms(simMs, 9)}  ${((simMs * 1000) / CALLS).toFixed(1)} µs/call, median of ${ROUNDS} (first round ${ms(simRounds[0]!, 0)})`);
console.log(`  peer: hand-written JS   ${ms(handMs, 9)}  simulate is ${ratio(simMs, handMs, 0)} slower (${peerEvents} steps; first round ${ms(handRounds[0]!, 0)}, ratio ${ratio(simRounds[0]!, handRounds[0]!, 0)})`);
console.log(`  peak RSS after the simulation rounds: ${rssMb.toFixed(0)} MB`);
console.log(`  peer: parse() x ${CALLS}  ${ms(parseMs, 9)}  simulate / parse = ${ratio(simMs, parseMs)} (parse timed ${PARSES} times, scaled)`);
