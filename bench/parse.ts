/**
 * Benchmark of the parse rows of issue 13: `parse()` (XML to the syntax tree with positions)
 * beside libxmljs2's `parseXml` on the same text (libxml2 building its own tree in C, no
 * positions for JS), measured alternately in this process (ours, libxml2, ours, …) so a busy
 * machine slows both alike. Target: <= 3x on the 485 KB 1,000-menu flow.
 *
 * Also: the same on generated plans of 1, 2, 4 and 8 MB, as time per MB (linear: flat within
 * 1.5x), the share of the saxes reader (what malformed or unusual text costs), and the heap
 * the tree of a 20 MB plan holds.
 *
 * Run: `npm run bench` or `npx tsx bench/parse.ts`. Times are CPU time of this process
 * (user + system), the median of the rounds. Not a test: times depend on the machine.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compile } from '../src/compile/compile.js';
import { parse } from '../src/parse/parse.js';
import { readWithSaxes } from '../src/parse/saxes-read.js';
import { libxmlModule, SAFE_PARSE_OPTIONS } from '../src/validate/xsd/libxml.js';
import { benchRounds, generatePlan, median, menuFlow, ms, ratio } from './measure.js';

const ROUNDS = benchRounds(9);

/** CPU milliseconds of one run of `fn`. */
function cpu(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** Medians of `fns` run alternately, `rounds` times each after one warm-up run. */
function alternate(fns: readonly (() => void)[], rounds: number): number[] {
  for (const fn of fns) fn();
  const runs = fns.map((): number[] => []);
  for (let r = 0; r < rounds; r++) {
    for (const [i, fn] of fns.entries()) runs[i]!.push(cpu(fn));
  }
  return runs.map(median);
}

const libxml = libxmlModule();
const parseXml = (xml: string) => () => void libxml.parseXml(xml, SAFE_PARSE_OPTIONS);

console.log(`parse benchmark (CPU time, median of ${ROUNDS} rounds, alternating; node ${process.version})\n`);

const flow = compile(menuFlow(1000).toAst());
{
  const [ours, peer, careful] = alternate([() => void parse(flow), parseXml(flow), () => void readWithSaxes(flow)], ROUNDS);
  console.log(`1,000-menu flow (${(flow.length / 1024).toFixed(0)} KB)`);
  console.log(`  parse():                 ${ms(ours!)}`);
  console.log(`  libxmljs2 parseXml:      ${ms(peer!)}`);
  console.log(`  parse() / parseXml = ${ratio(ours!, peer!)} (target <= 3x)`);
  console.log(`  the saxes reader alone (malformed or unusual text): ${ms(careful!)} = ${ratio(careful!, peer!)} parseXml\n`);
}

console.log('generated plans, time per MB (linear: flat within 1.5x)');
const perMb: number[] = [];
for (const mb of [1, 2, 4, 8]) {
  const xml = generatePlan(mb * 1024 * 1024);
  const [ours, peer] = alternate([() => void parse(xml), parseXml(xml)], Math.max(3, Math.ceil(ROUNDS / mb)));
  perMb.push(ours! / mb);
  console.log(`  ${String(mb).padStart(2)} MB: parse() ${ms(ours! / mb)} per MB   parseXml ${ms(peer! / mb)} per MB   ratio ${ratio(ours!, peer!)}`);
}
console.log(`  slowest / fastest per MB = ${ratio(Math.max(...perMb), Math.min(...perMb))} (target <= 1.5x)\n`);

// the heap a parsed 20 MB plan holds, measured between two full collections
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
{
  const xml = generatePlan(20 * 1024 * 1024);
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = parse(xml);
  gc();
  const held = process.memoryUsage().heapUsed - before;
  if (!kept.document) throw new Error('the generated plan should parse');
  console.log(`tree of a 20 MB plan: ${(held / 1024 / 1024).toFixed(0)} MB of heap (${(held / xml.length).toFixed(1)} bytes per byte of XML)`);
}
