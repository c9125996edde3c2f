/**
 * Benchmark of the core path: build and compile a 1,000-menu flow with the DSL (compile beside
 * xmlbuilder2's DOM writing the same bytes), then validate a generated 3 MB dialplan in
 * process against `xmllint --noout --schema` on the same file (the named peer; target: validate() no slower than 1.2x xmllint's whole run).
 *
 * Run: `npm run bench` (all benchmarks) or `npx tsx bench/core.ts`. Prints medians and
 * ratios; the xmllint ratio is skipped when xmllint is not installed
 * (`apt-get install libxml2-utils`). Not a test: times depend on the machine and its load.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../src/compile/compile.js';
import { Indent } from '../src/compile/layout.js';
import { writeWithXmlbuilder2 } from '../src/compile/xmlbuilder-writer.js';
import { validate } from '../src/validate/validate.js';
import { compiledSchema } from '../src/validate/xsd/compiled-schema.js';
import { validateThroughDocument } from '../src/validate/xsd/document-schema.js';
import { schemaEngine } from '../src/validate/xsd/validate-xml.js';
import { benchRounds, generatePlan, hasXmllint, median, menuFlow, ms, ratio, runXmllint, time } from './measure.js';

const ROUNDS = benchRounds(7);

console.log(`core benchmark (median of ${ROUNDS} rounds, node ${process.version})\n`);

// 1. DSL: build and compile 1,000 menus. In a function, so its trees are garbage before part 2
// (a big live heap makes every V8 collection, and so validate(), slower).
function benchFlow(): void {
  const built = menuFlow(1000);
  const ast = built.toAst();
  const xml1000 = compile(ast);
  console.log(`1,000-menu flow (${(xml1000.length / 1024).toFixed(0)} KB of XML)`);
  const tBuild = time(() => void menuFlow(1000).toAst(), ROUNDS);
  const tCompile = time(() => void compile(ast), ROUNDS);
  // the peer of compile(): xmlbuilder2's DOM, the way compile() used it before it wrote the text itself
  const layout = { indent: new Indent('  '), declaration: false };
  const tXmlbuilder2 = time(() => void writeWithXmlbuilder2(ast, layout), ROUNDS);
  console.log(`  build (DSL -> AST):        ${ms(tBuild)}`);
  console.log(`  compile (AST -> XML):      ${ms(tCompile)}   ${ratio(tCompile, tXmlbuilder2)} xmlbuilder2's DOM writing the same bytes (${ms(tXmlbuilder2)})`);
  console.log('  parse (XML -> AST):        see bench/parse.ts (beside libxmljs2 parseXml, alternating)');
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
const stream = compiledSchema();
const tStream = stream ? time(() => void stream(big), ROUNDS) : undefined;
const tPerCall = time(() => void validateThroughDocument(big), ROUNDS);

const xmllint = hasXmllint();
// validate() and xmllint alternate within each round, so a busy machine slows both alike.
const ours: number[] = [];
const cpu: number[] = [];
const theirs: number[] = [];
validate(big);
if (xmllint) runXmllint([file]);
for (let i = 0; i < ROUNDS; i++) {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  validate(big);
  ours.push(Number(process.hrtime.bigint() - t) / 1e6);
  const u = process.cpuUsage(c);
  cpu.push((u.user + u.system) / 1000);
  if (xmllint) {
    const t2 = process.hrtime.bigint();
    runXmllint([file]);
    theirs.push(Number(process.hrtime.bigint() - t2) / 1e6);
  }
}
const tValidate = median(ours);
console.log(`  validate() in process:     ${ms(tValidate)}  (${median(cpu).toFixed(1)} ms CPU; schema engine: ${schemaEngine()})`);
if (tStream !== undefined) console.log(`    of which libxml2 streaming through the compiled schema: ${ms(tStream)}`);
console.log(`  libxmljs2 parseXml + Document.validate (the per-call engine): ${ms(tPerCall)}   validate() = ${ratio(tValidate, tPerCall)} that`);
if (xmllint) {
  const tXmllint = median(theirs);
  console.log(`  xmllint --schema, whole run: ${ms(tXmllint)}`);
  console.log(`  validate() / xmllint = ${ratio(tValidate, tXmllint)} (target <= 1.20x)`);
} else {
  console.log('  xmllint not installed: no ratio (apt-get install libxml2-utils)');
}
rmSync(dir, { recursive: true, force: true });
