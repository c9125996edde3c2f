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
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '../src/parse/parse.js';
import { lint, lintDocument } from '../src/validate/lint/lint.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const xsd = join(root, 'schemas/dialplan.xsd');
const corpus = join(root, '../shared/corpus/real');
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => void, rounds = ROUNDS): number {
  fn(); // warm-up: JIT, XSD compilation
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(out);
}

const hasXmllint = spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).status === 0;

/** Milliseconds for one `xmllint --noout --schema` run over the files; checks it accepted them. */
function xmllint(files: readonly string[]): number | undefined {
  if (!hasXmllint) return undefined;
  return time(() => {
    const r = spawnSync('xmllint', ['--noout', '--schema', xsd, ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0 && r.status !== 3) throw new Error(`xmllint failed: ${r.stderr.slice(0, 500)}`);
  });
}

/** A valid dialplan of about `bytes` bytes: numbered menus with keypresses, variables and jumps. */
function generatePlan(bytes: number): string {
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

function report(label: string, lintMs: number, rulesMs: number, xmllintMs: number | undefined): void {
  const ratio = xmllintMs === undefined ? 'xmllint not installed: no ratio' : `lint / xmllint = ${(lintMs / xmllintMs).toFixed(2)}x`;
  console.log(`${label}
  lint (XML + XSD + rules): ${lintMs.toFixed(1)} ms
  rules only (parsed tree):  ${rulesMs.toFixed(1)} ms
  xmllint --schema:          ${xmllintMs === undefined ? '-' : `${xmllintMs.toFixed(1)} ms`}
  ${ratio}
`);
}

console.log(`dialplan lint benchmark (median of ${ROUNDS} rounds, node ${process.version})\n`);

if (existsSync(corpus)) {
  const files = readdirSync(corpus).filter((f) => f.endsWith('.xml')).sort().map((f) => join(corpus, f));
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const docs = texts.map((t) => parse(t).document!);
  report(
    `45 real dialplans (${(texts.reduce((n, t) => n + t.length, 0) / 1024).toFixed(0)} KB)`,
    time(() => texts.forEach((t) => lint(t))),
    time(() => docs.forEach((d) => lintDocument(d))),
    xmllint(files),
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
  hasXmllint ? time(() => void spawnSync('xmllint', ['--noout', '--schema', xsd, bigFile]), 3) : undefined,
);
