/**
 * What the benchmarks share: round counts, median timing, the number formats they print,
 * the xmllint peer and the generated big dialplan. Not a benchmark itself.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { dialplan, type DialplanBuilder } from '../src/builder/index.js';
import { dialplanSchemaPath } from '../src/validate/xsd/schema-path.js';

/** Timed rounds per measurement: `BENCH_ROUNDS`, else the benchmark's own default. */
export function benchRounds(fallback: number): number {
  return Number(process.env['BENCH_ROUNDS'] ?? fallback);
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median wall time in ms of `fn` over `rounds` runs, after one untimed warm-up run (JIT, XSD compilation). */
export function time(fn: () => void, rounds: number): number {
  fn();
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(out);
}

/**
 * {@link time} for work that may return a promise: each run is awaited. Kept apart from
 * `time` so that purely synchronous benchmarks are not measured through an await per round.
 */
export async function timeAsync(fn: () => unknown, rounds: number): Promise<number> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(out);
}

/** CPU and wall time of one measurement, in ms. */
export interface Cost {
  readonly cpu: number;
  readonly wall: number;
}

/** The process's own CPU time (all its threads: GC and V8's compiler included) and wall time spent in `fn`. */
export function inProcess(fn: () => void): Cost {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  fn();
  const d = process.cpuUsage(c);
  return { cpu: (d.user + d.system) / 1e3, wall: Number(process.hrtime.bigint() - t) / 1e6 };
}

/** Milliseconds right-aligned in `width` characters, so the printed columns line up. */
export const ms = (n: number, width = 8): string => `${n.toFixed(1).padStart(width)} ms`;

/** How many times slower `a` is than `b`, e.g. `1.30x`. */
export const ratio = (a: number, b: number, digits = 2): string => `${(a / b).toFixed(digits)}x`;

let xmllintFound: boolean | undefined;

/** Whether the xmllint peer is installed (`apt-get install libxml2-utils`); asked once. */
export function hasXmllint(): boolean {
  xmllintFound ??= spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).status === 0;
  return xmllintFound;
}

/**
 * One `xmllint --noout --schema` run over `files` against the project's XSD, as a whole
 * process (start-up included), the way a CI job would call it. Throws when xmllint fails
 * with a status not in `accept` (0 = all valid; 3 = some file invalid, which the real
 * corpus may legitimately contain), so a broken run is never timed as a fast one.
 */
export function runXmllint(files: readonly string[], accept: readonly number[] = [0]): void {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', dialplanSchemaPath(), ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status === null || !accept.includes(r.status)) throw new Error(`xmllint failed (status ${r.status}): ${r.stderr.slice(0, 500)}`);
}

/**
 * A valid, warning-free dialplan of about `bytes` bytes: numbered menus with keypresses,
 * variables, an `<if expr>` and jumps, so the XSD and every lint rule have real work on it.
 */
export function generatePlan(bytes: number): string {
  const parts = ['<dialplan name="Root">\n  <setvar varname="Counter">0</setvar>\n'];
  let size = parts[0]!.length;
  for (let i = 0; size < bytes; i++) {
    const block = `  <menu name="menu${i}" maxDigits="1" timeout="3500">
    <play type="tts" voice="female2">Menu ${i}. Press 1 to continue, 2 to hear this again, 3 for an agent.</play>
    <keypress pressed="1">
      <setvar varname="Counter">\${Counter}+1</setvar>
      <stash varname="answer${i}">\${call.lastinput}</stash>
      <goto>next${i}</goto>
    </keypress>
    <keypress pressed="2"><goto>menu${i}</goto></keypress>
    <keypress pressed="3"><transfer callerid="\${call.callerid}" timeout="25">2135551212</transfer></keypress>
    <keypress pressed="default"><goto>menu${i}</goto></keypress>
  </menu>
  <if name="next${i}" expr="\${Counter} &gt; ${i + 1000}"><hangup/></if>
`;
    parts.push(block);
    size += block.length;
  }
  parts.push('  <hangup/>\n</dialplan>\n');
  return parts.join('');
}

/**
 * The DSL flow of `menus` menus the builder rows time: each menu plays a question, stashes
 * the answer, loops on bad input (a setvar counts it) and moves to the next menu.
 */
export function menuFlow(menus: number): DialplanBuilder {
  let plan = dialplan({ name: 'Root' }).setvar('Counter', 0);
  for (let i = 0; i < menus; i++) {
    const next = i + 1 < menus ? `menu${i + 1}` : 'bye';
    plan = plan.menu({ name: `menu${i}`, maxDigits: 1, timeout: 3500 }, (m) =>
      m
        .play(`Question ${i}. Press 1 for yes, 2 for no.`, { voice: 'female2' })
        .keypress('1', (k) => k.stash(`q${i}`, 'yes').goto(next))
        .keypress('2', (k) => k.stash(`q${i}`, 'no').goto(next))
        .keypress('default', (k) => k.setvar('Counter', '${Counter}+1').goto(`menu${i}`)),
    );
  }
  return plan.play('Thank you, goodbye.', { name: 'bye' }).hangup();
}
