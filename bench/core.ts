/**
 * Benchmark of the core path: build and compile a 1,000-menu flow with the DSL, then
 * validate a generated 3 MB dialplan in process against `xmllint --noout --schema` on the
 * same file (the named peer; target: validate() no slower than 1.2x xmllint's whole run).
 *
 * Run: `npm run bench` (all benchmarks) or `npx tsx bench/core.ts`. Prints medians and
 * ratios; the xmllint ratio is skipped when xmllint is not installed
 * (`apt-get install libxml2-utils`). Not a test: times depend on the machine and its load.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dialplan, type DialplanBuilder } from '../src/builder/index.js';
import { compile } from '../src/compile/compile.js';
import { parse } from '../src/parse/parse.js';
import { validate } from '../src/validate/validate.js';
import { dialplanSchema, libxmlModule, SAFE_PARSE_OPTIONS } from '../src/validate/xsd/libxml.js';
import { dialplanSchemaPath } from '../src/validate/xsd/schema-path.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median wall time in ms of `fn` over `rounds` runs, after one warm-up run. */
function time(fn: () => void, rounds = ROUNDS): number {
  fn();
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(out);
}

const ms = (n: number) => `${n.toFixed(1).padStart(8)} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

/** The 1,000-menu flow: each menu stashes the answer, loops on bad input, moves to the next. */
function flow(menus: number): DialplanBuilder {
  let plan = dialplan({ name: 'Root' }).setvar('Counter', 0);
  for (let i = 0; i < menus; i++) {
    plan = plan.menu({ name: `menu${i}`, maxDigits: 1, timeout: 3500 }, (m) =>
      m
        .play(`Question ${i}. Press 1 for yes, 2 for no.`, { voice: 'female2' })
        .keypress('1', (k) => k.stash(`q${i}`, 'yes').goto(i + 1 < menus ? `menu${i + 1}` : 'bye'))
        .keypress('2', (k) => k.stash(`q${i}`, 'no').goto(i + 1 < menus ? `menu${i + 1}` : 'bye'))
        .keypress('default', (k) => k.setvar('Counter', '${Counter}+1').goto(`menu${i}`)),
    );
  }
  return plan.play('Thank you, goodbye.', { name: 'bye' }).hangup();
}

/** A valid dialplan of about `bytes` bytes. */
function generatePlan(bytes: number): string {
  const parts = ['<dialplan name="Root">\n'];
  let size = parts[0]!.length;
  for (let i = 0; size < bytes; i++) {
    const block = `  <menu name="m${i}" maxDigits="1" timeout="3500">
    <play type="tts" voice="female2">Menu ${i}: press 1 to continue, 2 to hear this again, 3 for an agent.</play>
    <keypress pressed="1"><stash varname="q${i}">\${call.lastinput}</stash><goto>m${i + 1}</goto></keypress>
    <keypress pressed="2"><goto>m${i}</goto></keypress>
    <keypress pressed="3"><transfer callerid="\${call.callerid}" mode="ringall" timeout="25">2135551212, 2135551213</transfer></keypress>
    <keypress pressed="default"><goto>m${i}</goto></keypress>
  </menu>
`;
    parts.push(block);
    size += block.length;
  }
  parts.push('  <hangup name="end"/>\n</dialplan>\n');
  return parts.join('');
}

console.log(`core benchmark (median of ${ROUNDS} rounds, node ${process.version})\n`);

// 1. DSL: build and compile 1,000 menus. In a function, so its trees are garbage before part 2
// (a big live heap makes every V8 collection, and so validate(), slower).
function benchFlow(): void {
  const built = flow(1000);
  const ast = built.toAst();
  const xml1000 = compile(ast);
  console.log(`1,000-menu flow (${(xml1000.length / 1024).toFixed(0)} KB of XML)`);
  const tBuild = time(() => void flow(1000).toAst());
  const tCompile = time(() => void compile(ast));
  const tParse = time(() => void parse(xml1000));
  const tLibxmlParse = time(() => void libxmlModule().parseXml(xml1000, SAFE_PARSE_OPTIONS));
  console.log(`  build (DSL -> AST):        ${ms(tBuild)}`);
  console.log(`  compile (AST -> XML):      ${ms(tCompile)}`);
  console.log(`  parse (XML -> AST, saxes): ${ms(tParse)}   ${ratio(tParse, tLibxmlParse)} libxmljs2 parseXml (${tLibxmlParse.toFixed(1)} ms, no positions, no tree for JS)`);
  const v1000 = validate(ast);
  if (!v1000.ok) throw new Error(`the built flow should be valid: ${JSON.stringify(v1000.diagnostics[0])}`);
}
benchFlow();

// 2. validate() against xmllint on a generated 3 MB file.
const big = generatePlan(3 * 1024 * 1024);
const dir = mkdtempSync(join(tmpdir(), 'dialplan-core-bench-'));
const file = join(dir, 'big.xml');
writeFileSync(file, big);
const check = validate(big);
if (!check.ok) throw new Error(`the generated plan should be valid: ${JSON.stringify(check.diagnostics[0])}`);

console.log(`\ngenerated dialplan (${(big.length / 1024 / 1024).toFixed(1)} MB)`);
const lib = libxmlModule();
const tParseOnly = time(() => void lib.parseXml(big, SAFE_PARSE_OPTIONS));
const parsedBig = lib.parseXml(big, SAFE_PARSE_OPTIONS);
const tSchemaOnly = time(() => void parsedBig.validate(dialplanSchema()));

const xmllint = spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).status === 0;
const runXmllint = () => {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', dialplanSchemaPath(), file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`xmllint rejected the generated plan: ${r.stderr.slice(0, 300)}`);
};
// validate() and xmllint alternate within each round, so a busy machine slows both alike.
const ours: number[] = [];
const cpu: number[] = [];
const theirs: number[] = [];
validate(big);
if (xmllint) runXmllint();
for (let i = 0; i < ROUNDS; i++) {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  validate(big);
  ours.push(Number(process.hrtime.bigint() - t) / 1e6);
  const u = process.cpuUsage(c);
  cpu.push((u.user + u.system) / 1000);
  if (xmllint) {
    const t2 = process.hrtime.bigint();
    runXmllint();
    theirs.push(Number(process.hrtime.bigint() - t2) / 1e6);
  }
}
const tValidate = median(ours);
console.log(`  validate() in process:     ${ms(tValidate)}  (${median(cpu).toFixed(1)} ms CPU)`);
console.log(`    libxml2 parse:           ${ms(tParseOnly)}`);
console.log(`    XSD validation:          ${ms(tSchemaOnly)}`);
if (xmllint) {
  const tXmllint = median(theirs);
  console.log(`  xmllint --schema, whole run: ${ms(tXmllint)}`);
  console.log(`  validate() / xmllint = ${ratio(tValidate, tXmllint)} (target <= 1.20x)`);
} else {
  console.log('  xmllint not installed: no ratio (apt-get install libxml2-utils)');
}
rmSync(dir, { recursive: true, force: true });
