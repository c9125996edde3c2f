/**
 * Benchmark: `lint()` (XML syntax + XSD + every rule) against xmllint's schema check of the
 * same files, on the 45 real dialplans and on a generated 3 MB dialplan.
 *
 * Run: `npm run bench:lint` (tsx bench/lint.ts). Prints median CPU times and the ratio
 * lint / xmllint; the ratio is skipped when xmllint is not installed
 * (`apt-get install libxml2-utils`), the corpus part when ../shared/corpus/real is absent.
 * `BENCH_ROUNDS` sets the measured rounds (default 7); `BENCH_LINT_CORPUS_ONLY=1` stops after
 * the real plans.
 *
 * The figures and ratios are CPU time, as wall time on the shared machine swings 2x with
 * load (wall is printed beside). Lint's is `process.cpuUsage()` around the work (every
 * thread of the process: V8's background compiler and GC count); xmllint's is what the
 * kernel counts for reaped children (`cutime + cstime` in /proc/self/stat, in clock ticks of
 * 10 ms), so each round times a batch of xmllint runs long enough (~200 ms) for that
 * resolution, divided by the batch. Without /proc, xmllint's figure is wall time.
 * xmllint always runs as a process over all the files, so its time includes its start and
 * its compiling the XSD; it is the same in every row.
 *
 * The 45 real plans are measured three ways, because they answer three questions:
 * - "in one process, steady": lint() warm, as in an editor's language server, a watch
 *   mode or a test suite that lints many plans. Per-plan code (the context, each rule's
 *   setup) runs 45 times a round, so V8 needs tens of rounds before it has optimised it;
 *   one warm-up round would time mostly the JIT at work (and its compiler threads, which
 *   is why CPU then runs far above wall). So the warm-up runs until the median of the last
 *   10 rounds is no longer 5% below the 10 before (at least 20 rounds, at most 150; the
 *   count is printed), then the measured rounds alternate lint, rules, xmllint; medians.
 * - "first lint in a fresh process": what one CLI run pays for lint's work, measured in a
 *   child process (bench/lib/first-lint.ts) around the first lint() of the 45 files, after
 *   its imports: the XSD compiled, libxml2 loaded, every function interpreted and compiled
 *   for the first time. Child and xmllint alternate, one pair per round; medians.
 * - "whole process": `dialplan lint` over the 45 files (the built CLI, bin/dialplan.js with
 *   its code cache, exit 1 for the findings) against xmllint over them: start, imports and
 *   report included, as a user at a shell sees it. Pair by pair; medians of children's CPU.
 *   Skipped when dist/ is not built; it runs dist/, so `npm run build` after changing src/.
 *
 * "rules only" is the rules on trees parsed anew for each round (outside the timing): a tree
 * linted before would answer from what the first run left cached on it.
 *
 * The big plans warm up with one round: their per-element code runs tens of thousands of
 * times within that round, so the measured rounds run optimised code.
 *
 * Beside it, the schema check alone on that plan (`validateXml` with the parsed tree, the call
 * lint() makes) against the same xmllint run, round by round in turn: xmllint parses to a tree
 * and validates it, so this row says whether our XSD pass costs more than the peer's whole run.
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
import { validateXml } from '../src/validate/xsd/validate-xml.js';
import { benchRounds, type Cost, generatePlan, hasXmllint, inProcess, median, ms, ratio, runXmllint } from './measure.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const corpus = join(root, '../shared/corpus/real');
const ROUNDS = benchRounds(7);

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

/** Warm-up bounds for per-plan code: see the header comment. */
const STEADY = { window: 10, least: 20, most: 150, falling: 0.95 } as const;

/**
 * Runs `round` until its CPU time stops falling: the median of the last `window` rounds is
 * no longer `falling` times the median of the `window` before, after `least` rounds and at
 * most `most`. Returns the number of rounds run.
 */
function warmUntilSteady(round: () => Cost): number {
  const cpu: number[] = [];
  while (cpu.length < STEADY.most) {
    cpu.push(round().cpu);
    const n = cpu.length;
    if (n < Math.max(STEADY.least, 2 * STEADY.window)) continue;
    const last = median(cpu.slice(n - STEADY.window));
    const before = median(cpu.slice(n - 2 * STEADY.window, n - STEADY.window));
    if (last >= STEADY.falling * before) break;
  }
  return cpu.length;
}

/**
 * Median CPU and wall times of lint, of the rules alone and of xmllint, measured round by
 * round in turn after a warm-up (`steady`: {@link warmUntilSteady}; else one round). `fresh`
 * makes the trees the rules read, anew each round.
 */
function sideBySide(
  texts: readonly string[],
  fresh: () => readonly DocumentNode[],
  files: readonly string[],
  rounds: number,
  options: { readonly accept?: readonly number[]; readonly steady?: boolean } = {},
): { lint: Cost; rules: Cost; xmllint: Cost | undefined; warmUp: number } {
  const lintAll = (): Cost =>
    inProcess(() => {
      for (const t of texts) lint(t);
    });
  const rulesAll = (): Cost => {
    const docs = fresh();
    return inProcess(() => {
      for (const d of docs) lintDocument(d);
    });
  };
  const warmRound = (): Cost => {
    rulesAll();
    return lintAll();
  };
  let warmUp = 1;
  if (options.steady) warmUp = warmUntilSteady(warmRound);
  else warmRound();
  // xmllint's warm-up run sizes its batch (a fresh process every run: nothing to warm)
  const batch = hasXmllint() ? batchFor(asChildren(() => runXmllint(files, options.accept), 1).wall) : 1;
  const runs = { lint: [] as Cost[], rules: [] as Cost[], xmllint: [] as Cost[] };
  for (let r = 0; r < rounds; r++) {
    runs.lint.push(lintAll());
    runs.rules.push(rulesAll());
    if (hasXmllint()) runs.xmllint.push(asChildren(() => runXmllint(files, options.accept), batch));
  }
  return { lint: medianCost(runs.lint), rules: medianCost(runs.rules), xmllint: hasXmllint() ? medianCost(runs.xmllint) : undefined, warmUp };
}

/**
 * `ours` and xmllint over `files`, pair by pair for `rounds` rounds (ours first in each pair),
 * after one untimed xmllint run that sizes its batch; medians. The rows that put one measurement
 * of ours beside the peer's whole run (the first lint, the whole CLI, the schema check) share it.
 */
function againstXmllint(ours: () => Cost, files: readonly string[], rounds: number, accept?: readonly number[]): { ours: Cost; xmllint: Cost | undefined } {
  const batch = hasXmllint() ? batchFor(asChildren(() => runXmllint(files, accept), 1).wall) : 1;
  const runs = { ours: [] as Cost[], xmllint: [] as Cost[] };
  for (let r = 0; r < rounds; r++) {
    runs.ours.push(ours());
    if (hasXmllint()) runs.xmllint.push(asChildren(() => runXmllint(files, accept), batch));
  }
  return { ours: medianCost(runs.ours), xmllint: hasXmllint() ? medianCost(runs.xmllint) : undefined };
}

/**
 * The first lint() of `files` in a fresh process (bench/lib/first-lint.ts, run with this
 * process's tsx loader), one child a round, against xmllint ({@link againstXmllint}).
 */
function firstLint(files: readonly string[], texts: readonly string[], rounds: number, accept: readonly number[]): { ours: Cost; xmllint: Cost | undefined } {
  const child = join(root, 'bench/lib/first-lint.ts');
  // the child must have done the same work as lint() here: as many findings
  const expected = texts.reduce((n, t) => n + lint(t).diagnostics.length, 0);
  const oneChild = (): Cost => {
    const out = spawnSync(process.execPath, [...process.execArgv, child, ...files], { encoding: 'utf8', maxBuffer: 16 << 20 });
    if (out.status !== 0) throw new Error(`first-lint child exited ${out.status}: ${out.stderr.slice(0, 500)}`);
    const { cpu, wall, findings } = JSON.parse(out.stdout.trim().split('\n').pop()!) as Cost & { findings: number };
    if (findings !== expected) throw new Error(`first-lint child found ${findings} findings, lint() here ${expected}`);
    return { cpu, wall };
  };
  return againstXmllint(oneChild, files, rounds, accept);
}

const cli = join(root, 'bin/dialplan.js');

/** `dialplan lint files…` as a whole process (the built CLI), exiting 0 or 1 (findings). */
function runCli(files: readonly string[]): void {
  const r = spawnSync(process.execPath, [cli, 'lint', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`dialplan lint exited ${r.status}: ${r.stderr.slice(0, 500)}`);
}

/** `dialplan lint` over `files` as a whole process, a batch a round, against xmllint ({@link againstXmllint}). */
function wholeProcess(files: readonly string[], rounds: number, accept: readonly number[]): { ours: Cost; xmllint: Cost | undefined } {
  // the first run writes the CLI's code cache, which every later start reads: not timed
  const cliBatch = batchFor(asChildren(() => runCli(files), 1).wall);
  return againstXmllint(() => asChildren(() => runCli(files), cliBatch), files, rounds, accept);
}

/** `N ms CPU (wall N ms)`. */
const cost = (c: Cost): string => `${ms(c.cpu)} CPU (wall ${ms(c.wall, 1)})`;

/** The ratio line: `name / xmllint = …`. */
const versus = (ours: Cost, peer: Cost | undefined, name = 'lint'): string =>
  peer === undefined ? 'xmllint not installed: no ratio' : `${name} / xmllint = ${ratio(ours.cpu, peer.cpu)} (CPU; wall ${ratio(ours.wall, peer.wall)})`;

/**
 * A measured block: `title`, a row for each measurement of ours (its name padded to the column),
 * xmllint's row, and the first of ours against xmllint, the ratio naming it `name`.
 */
function printRows(title: string, rows: ReadonlyArray<readonly [string, Cost]>, peer: Cost | undefined, name = 'lint'): void {
  const ours = rows.map(([row, c]) => `  ${`${row}:`.padEnd(26)}${cost(c)}\n`).join('');
  console.log(`${title}
${ours}  xmllint --schema:         ${peer === undefined ? '-' : cost(peer)}
  ${versus(rows[0]![1], peer, name)}
`);
}

/** One measurement of ours beside xmllint's ({@link againstXmllint}). */
const reportPair = (title: string, row: string, m: { ours: Cost; xmllint: Cost | undefined }, name = 'lint'): void =>
  printRows(title, [[row, m.ours]], m.xmllint, name);

/** lint, the rules alone and xmllint ({@link sideBySide}). */
const report = (label: string, lintCost: Cost, rulesCost: Cost, xmllintCost: Cost | undefined): void =>
  printRows(label, [['lint (XML + XSD + rules)', lintCost], ['rules only (parsed tree)', rulesCost]], xmllintCost);

console.log(`dialplan lint benchmark (median of ${ROUNDS} rounds, CPU time, node ${process.version})\n`);

if (existsSync(corpus)) {
  const files = readdirSync(corpus).filter((f) => f.endsWith('.xml')).sort().map((f) => join(corpus, f));
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const label = `${files.length} real dialplans (${(texts.reduce((n, t) => n + t.length, 0) / 1024).toFixed(0)} KB)`;
  // A real dialplan that breaks the schema (xmllint status 3) is a finding, not a failed run.
  const accept = [0, 3];
  const m = sideBySide(texts, () => texts.map((t) => parse(t).document!), files, ROUNDS, { accept, steady: true });
  report(`${label}, in one process, steady (after ${m.warmUp} warm-up rounds)`, m.lint, m.rules, m.xmllint);
  reportPair(`${label}, first lint in a fresh process (cold; imports before the clock)`, 'lint (XML + XSD + rules)', firstLint(files, texts, ROUNDS, accept));
  if (existsSync(join(root, 'dist/bundle/cli.cjs'))) {
    reportPair(`${label}, whole process: \`dialplan lint\` (dist/) vs xmllint, each over all the files`, 'dialplan lint', wholeProcess(files, ROUNDS, accept));
  } else {
    console.log(`${label}, whole process: skipped (dist/ is not built: npm run build)\n`);
  }
} else {
  console.log(`45 real dialplans: skipped (${corpus} not found)\n`);
}
if (process.env['BENCH_LINT_CORPUS_ONLY'] === '1') process.exit(0);

const big = generatePlan(3 * 1024 * 1024);
const dir = mkdtempSync(join(tmpdir(), 'dialplan-bench-'));
const bigFile = join(dir, 'big.xml');
writeFileSync(bigFile, big);
const findings = lint(big).diagnostics;
if (findings.some((d) => d.severity === 'error')) throw new Error(`the generated plan should be valid: ${JSON.stringify(findings[0])}`);
{
  const m = sideBySide([big], () => [parse(big).document!], [bigFile], ROUNDS);
  report(`generated dialplan (${(big.length / 1024 / 1024).toFixed(1)} MB, ${findings.length} warnings)`, m.lint, m.rules, m.xmllint);
}
{
  const parsed = parse(big);
  if (validateXml(big, parsed).length > 0) throw new Error('the generated plan should pass the schema');
  const check = againstXmllint(() => inProcess(() => validateXml(big, parsed)), [bigFile], ROUNDS);
  reportPair('generated dialplan, the schema check alone (validateXml on the parsed tree, as lint() calls it)', 'schema check', check, 'schema check');
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
