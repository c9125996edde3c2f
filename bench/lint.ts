/**
 * Benchmark: `lint()` (XML syntax + XSD + every rule) against xmllint's schema check of the
 * same files, on the 45 real dialplans and on a generated 3 MB dialplan.
 *
 * Run: `npm run bench:lint` (tsx bench/lint.ts). Prints median CPU times and the ratio
 * lint / xmllint; the ratio is skipped when xmllint is not installed
 * (`apt-get install libxml2-utils`), the corpus part when ../shared/corpus/real is absent.
 *
 * xmllint runs as a process over all files, so its time includes process start; lint runs
 * in-process, warm (the XSD compiled once), which is how the CLI and CI use it. The two are
 * measured alternately, round by round (lint, xmllint, lint, …); medians.
 *
 * The figures and ratios are CPU time, as wall time on the shared machine swings 2x with
 * load (wall is printed beside). Lint's is `process.cpuUsage()` around the work; xmllint's
 * is what the kernel counts for reaped children (`cutime + cstime` in /proc/self/stat, in
 * clock ticks of 10 ms), so each round times a batch of xmllint runs long enough (~200 ms)
 * for that resolution, divided by the batch. Without /proc, xmllint's figure is wall time.
 *
 * "rules only" is the rules on trees parsed anew for each round (outside the timing): a tree
 * linted before would answer from what the first run left cached on it.
 *
 * Last, the plan doubled (1, 2, 4, 8 MB): lint's time per MB, whole and rules alone, beside
 * xmllint's; every pass is linear, so the slowest per MB must stay within 1.5x of the fastest.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentNode } from '../src/ast/nodes.js';
import { parse } from '../src/parse/parse.js';
import { lint, lintDocument } from '../src/validate/lint/lint.js';
import { benchRounds, generatePlan, hasXmllint, median, ms, ratio, runXmllint } from './measure.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const corpus = join(root, '../shared/corpus/real');
const ROUNDS = benchRounds(7);

/** CPU and wall time of one measurement, in ms. */
interface Cost {
  readonly cpu: number;
  readonly wall: number;
}

/** The process's own CPU time (all its threads: GC included) and wall time spent in `fn`. */
const inProcess = (fn: () => void): Cost => {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  fn();
  const d = process.cpuUsage(c);
  return { cpu: (d.user + d.system) / 1e3, wall: Number(process.hrtime.bigint() - t) / 1e6 };
};

const STAT = '/proc/self/stat';
const TICK_MS = 1000 / Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);

/** CPU time of the children this process has waited for (user + system), in ms; undefined without /proc. */
function childrenCpu(): number | undefined {
  if (!existsSync(STAT)) return undefined;
  // fields after the command name in parentheses (which may hold spaces): field N is at N - 3
  const stat = readFileSync(STAT, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
}

/** CPU time (children's clock ticks) and wall time per run of `batch` runs of the child process `fn` starts. */
const asChildren = (fn: () => void, batch: number): Cost => {
  const c = childrenCpu();
  const t = process.hrtime.bigint();
  for (let i = 0; i < batch; i++) fn();
  const wallMs = Number(process.hrtime.bigint() - t) / 1e6 / batch;
  const after = childrenCpu();
  return { cpu: c === undefined || after === undefined ? wallMs : (after - c) / batch, wall: wallMs };
};

/** xmllint runs per round, so that a round's children CPU spans ~200 ms of 10 ms ticks. */
const batchFor = (wallMs: number): number => Math.max(1, Math.min(50, Math.ceil(200 / Math.max(wallMs, 1))));

/** Medians of a series of measurements, CPU and wall apart. */
const medianCost = (xs: readonly Cost[]): Cost => ({ cpu: median(xs.map((x) => x.cpu)), wall: median(xs.map((x) => x.wall)) });

/**
 * Median CPU and wall times of lint, of the rules alone and of xmllint, measured round by round
 * in turn after one warm-up of each. `fresh` makes the trees the rules read, anew each round.
 */
function sideBySide(
  texts: readonly string[],
  fresh: () => readonly DocumentNode[],
  files: readonly string[],
  rounds: number,
  accept?: readonly number[],
): { lint: Cost; rules: Cost; xmllint: Cost | undefined } {
  const runs = { lint: [] as Cost[], rules: [] as Cost[], xmllint: [] as Cost[] };
  let batch = 1;
  for (let r = -1; r < rounds; r++) {
    const l = inProcess(() => {
      for (const t of texts) lint(t);
    });
    const docs = fresh();
    const ru = inProcess(() => {
      for (const d of docs) lintDocument(d);
    });
    const x = hasXmllint() ? asChildren(() => runXmllint(files, accept), batch) : undefined;
    if (r < 0) {
      // the warm-up: JIT, the XSD compiled once; its xmllint run sizes the batch
      if (x) batch = batchFor(x.wall);
      continue;
    }
    runs.lint.push(l);
    runs.rules.push(ru);
    if (x) runs.xmllint.push(x);
  }
  return { lint: medianCost(runs.lint), rules: medianCost(runs.rules), xmllint: hasXmllint() ? medianCost(runs.xmllint) : undefined };
}

/** `N ms CPU (wall N ms)`. */
const cost = (c: Cost): string => `${ms(c.cpu)} CPU (wall ${ms(c.wall, 1)})`;

function report(label: string, lintCost: Cost, rulesCost: Cost, xmllintCost: Cost | undefined): void {
  const versus = xmllintCost === undefined ? 'xmllint not installed: no ratio' : `lint / xmllint = ${ratio(lintCost.cpu, xmllintCost.cpu)} (CPU; wall ${ratio(lintCost.wall, xmllintCost.wall)})`;
  console.log(`${label}
  lint (XML + XSD + rules): ${cost(lintCost)}
  rules only (parsed tree): ${cost(rulesCost)}
  xmllint --schema:         ${xmllintCost === undefined ? '-' : cost(xmllintCost)}
  ${versus}
`);
}

console.log(`dialplan lint benchmark (median of ${ROUNDS} rounds, CPU time, node ${process.version})\n`);

if (existsSync(corpus)) {
  const files = readdirSync(corpus).filter((f) => f.endsWith('.xml')).sort().map((f) => join(corpus, f));
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  // A real dialplan that breaks the schema (xmllint status 3) is a finding, not a failed run.
  const m = sideBySide(texts, () => texts.map((t) => parse(t).document!), files, ROUNDS, [0, 3]);
  report(`${files.length} real dialplans (${(texts.reduce((n, t) => n + t.length, 0) / 1024).toFixed(0)} KB)`, m.lint, m.rules, m.xmllint);
} else {
  console.log(`45 real dialplans: skipped (${corpus} not found)\n`);
}

const big = generatePlan(3 * 1024 * 1024);
const dir = mkdtempSync(join(tmpdir(), 'dialplan-bench-'));
const bigFile = join(dir, 'big.xml');
writeFileSync(bigFile, big);
const findings = lint(big).diagnostics;
if (findings.some((d) => d.severity === 'error')) throw new Error(`the generated plan should be valid: ${JSON.stringify(findings[0])}`);
{
  const m = sideBySide([big], () => [parse(big).document!], [bigFile], 3);
  report(`generated dialplan (${(big.length / 1024 / 1024).toFixed(1)} MB, ${findings.length} warnings)`, m.lint, m.rules, m.xmllint);
}

console.log('generated plans doubled, time per MB (linear: flat within 1.5x)');
const perMb: number[] = [];
for (const mb of [1, 2, 4, 8]) {
  const xml = generatePlan(mb * 1024 * 1024);
  const file = join(dir, `plan-${mb}.xml`);
  writeFileSync(file, xml);
  const { lint: whole, rules, xmllint: peer } = sideBySide([xml], () => [parse(xml).document!], [file], Math.max(3, Math.ceil(ROUNDS / mb)));
  perMb.push(whole.cpu / mb);
  console.log(`  ${String(mb).padStart(2)} MB: lint ${ms(whole.cpu / mb)} per MB (wall ${ms(whole.wall / mb, 1)})   rules ${ms(rules.cpu / mb)} per MB   xmllint ${peer === undefined ? '-' : `${ms(peer.cpu / mb)} per MB   lint / xmllint = ${ratio(whole.cpu, peer.cpu)}`}`);
}
console.log(`  slowest / fastest per MB (CPU) = ${ratio(Math.max(...perMb), Math.min(...perMb))} (target <= 1.5x)\n`);
