/**
 * Benchmark: `lint()` (XML syntax + XSD + every rule) against xmllint's schema check of the
 * same files, on the 45 real dialplans and on a generated 3 MB dialplan.
 *
 * Run: `npm run bench:lint` (tsx bench/lint.ts). Prints median times and the ratio
 * lint / xmllint; the ratio is skipped when xmllint is not installed
 * (`apt-get install libxml2-utils`), the corpus part when ../shared/corpus/real is absent.
 *
 * xmllint runs once per measurement as a process over all files, so its time includes
 * process start; lint runs in-process, warm (the XSD compiled once), which is how the CLI
 * and CI use it. The two are measured alternately, round by round (lint, xmllint, lint, …),
 * so load on the shared machine slows both alike; medians of wall time.
 *
 * "rules only" is the rules on trees parsed anew for each round (outside the timing): a tree
 * linted before would answer from what the first run left cached on it.
 *
 * Last, the plan doubled (1, 2, 4, 8 MB): lint's time per MB, whole and rules alone, beside
 * xmllint's; every pass is linear, so the slowest per MB must stay within 1.5x of the fastest.
 */
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

const wall = (fn: () => void): number => {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

/**
 * Median wall times of lint, of the rules alone and of xmllint, measured round by round in
 * turn after one warm-up of each. `fresh` makes the trees the rules read, anew each round.
 */
function sideBySide(
  texts: readonly string[],
  fresh: () => readonly DocumentNode[],
  files: readonly string[],
  rounds: number,
  accept?: readonly number[],
): { lint: number; rules: number; xmllint: number | undefined } {
  const runs = { lint: [] as number[], rules: [] as number[], xmllint: [] as number[] };
  for (let r = -1; r < rounds; r++) {
    const l = wall(() => {
      for (const t of texts) lint(t);
    });
    const docs = fresh();
    const ru = wall(() => {
      for (const d of docs) lintDocument(d);
    });
    const x = hasXmllint() ? wall(() => runXmllint(files, accept)) : Number.NaN;
    if (r < 0) continue; // the warm-up: JIT, the XSD compiled once
    runs.lint.push(l);
    runs.rules.push(ru);
    runs.xmllint.push(x);
  }
  return { lint: median(runs.lint), rules: median(runs.rules), xmllint: hasXmllint() ? median(runs.xmllint) : undefined };
}

function report(label: string, lintMs: number, rulesMs: number, xmllintMs: number | undefined): void {
  const versus = xmllintMs === undefined ? 'xmllint not installed: no ratio' : `lint / xmllint = ${ratio(lintMs, xmllintMs)}`;
  console.log(`${label}
  lint (XML + XSD + rules): ${ms(lintMs)}
  rules only (parsed tree): ${ms(rulesMs)}
  xmllint --schema:         ${xmllintMs === undefined ? '-' : ms(xmllintMs)}
  ${versus}
`);
}

console.log(`dialplan lint benchmark (median of ${ROUNDS} rounds, node ${process.version})\n`);

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
  perMb.push(whole / mb);
  console.log(`  ${String(mb).padStart(2)} MB: lint ${ms(whole / mb)} per MB   rules ${ms(rules / mb)} per MB   xmllint ${peer === undefined ? '-' : `${ms(peer / mb)} per MB   lint / xmllint = ${ratio(whole, peer)}`}`);
}
console.log(`  slowest / fastest per MB = ${ratio(Math.max(...perMb), Math.min(...perMb))} (target <= 1.5x)\n`);
