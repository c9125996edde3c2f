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
 * and CI use it.
 *
 * Last, the plan doubled (1, 2, 4, 8 MB): lint's time per MB, whole and rules alone, beside
 * xmllint's; every pass is linear, so the slowest per MB must stay within 1.5x of the fastest.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '../src/parse/parse.js';
import { lint, lintDocument } from '../src/validate/lint/lint.js';
import { benchRounds, generatePlan, hasXmllint, ms, ratio, runXmllint, time } from './measure.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const corpus = join(root, '../shared/corpus/real');
const ROUNDS = benchRounds(7);

/** Milliseconds for one xmllint run over the files, or undefined without xmllint. */
function xmllint(files: readonly string[], rounds: number, accept?: readonly number[]): number | undefined {
  return hasXmllint() ? time(() => runXmllint(files, accept), rounds) : undefined;
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
  const docs = texts.map((t) => parse(t).document!);
  report(
    `45 real dialplans (${(texts.reduce((n, t) => n + t.length, 0) / 1024).toFixed(0)} KB)`,
    time(() => {
      for (const t of texts) lint(t);
    }, ROUNDS),
    time(() => {
      for (const d of docs) lintDocument(d);
    }, ROUNDS),
    // A real dialplan that breaks the schema (xmllint status 3) is a finding, not a failed run.
    xmllint(files, ROUNDS, [0, 3]),
  );
} else {
  console.log(`45 real dialplans: skipped (${corpus} not found)\n`);
}

const big = generatePlan(3 * 1024 * 1024);
const dir = mkdtempSync(join(tmpdir(), 'dialplan-bench-'));
const bigFile = join(dir, 'big.xml');
writeFileSync(bigFile, big);
const bigDoc = parse(big).document!;
const findings = lint(big).diagnostics;
if (findings.some((d) => d.severity === 'error')) throw new Error(`the generated plan should be valid: ${JSON.stringify(findings[0])}`);
report(
  `generated dialplan (${(big.length / 1024 / 1024).toFixed(1)} MB, ${findings.length} warnings)`,
  time(() => lint(big), 3),
  time(() => lintDocument(bigDoc), 3),
  xmllint([bigFile], 3),
);

console.log('generated plans doubled, time per MB (linear: flat within 1.5x)');
const perMb: number[] = [];
for (const mb of [1, 2, 4, 8]) {
  const xml = generatePlan(mb * 1024 * 1024);
  const file = join(dir, `plan-${mb}.xml`);
  writeFileSync(file, xml);
  const doc = parse(xml).document!;
  const rounds = Math.max(3, Math.ceil(ROUNDS / mb));
  const whole = time(() => lint(xml), rounds);
  const rules = time(() => lintDocument(doc), rounds);
  const peer = xmllint([file], rounds);
  perMb.push(whole / mb);
  console.log(`  ${String(mb).padStart(2)} MB: lint ${ms(whole / mb)} per MB   rules ${ms(rules / mb)} per MB   xmllint ${peer === undefined ? '-' : `${ms(peer / mb)} per MB   lint / xmllint = ${ratio(whole, peer)}`}`);
}
console.log(`  slowest / fastest per MB = ${ratio(Math.max(...perMb), Math.min(...perMb))} (target <= 1.5x)\n`);
