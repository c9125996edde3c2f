/**
 * Whole-process benchmarks of issue 13, run through the built CLI and library (dist/; run
 * `npm run build` first when src/ changed):
 * - start-up: `dialplan lint one-small.xml` and `dialplan validate one-small.xml` against
 *   `node -e 0`, run pair by pair (ours, node, ours, node, …) so load on the machine hits
 *   both alike; medians. Targets: lint <= 2x, validate <= 1.5x.
 * - peak memory (max RSS of the child process) of linting a 20 MB plan with the CLI,
 *   simulating 10,000 calls through the 100-menu plan of bench/simulate.ts, and previewing a
 *   SendCall of 100,000 numbers, each against its 300 MB target.
 *
 * Run: `npm run bench` or `npx tsx bench/process.ts`. Not a test: times depend on the machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchPlan, scripts } from './lib/simulate-plan.js';
import { benchRounds, generatePlan, median, ms, ratio } from './measure.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = join(root, 'bin/dialplan.js');
const ROUNDS = benchRounds(9);
const RSS_TARGET_MB = 300;

if (!existsSync(join(root, 'dist/bundle/cli.cjs'))) {
  console.log('dist/ is not built: run `npm run build` first');
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'dialplan-process-bench-'));
const small = join(dir, 'one-small.xml');
writeFileSync(small, '<dialplan name="Root">\n  <play type="tts" voice="female2">Hello.</play>\n  <hangup/>\n</dialplan>\n');

/** Wall time in ms of one `node ...args` process; throws when it does not exit with `status`. */
function wall(args: readonly string[], status = 0): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  const took = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== status) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return took;
}

console.log(`whole-process benchmark (median of ${ROUNDS}, pair by pair, node ${process.version})\n`);
const baseline: number[] = [];
const rows = { lint: { runs: [] as number[], target: 2 }, validate: { runs: [] as number[], target: 1.5 } };
wall(['-e', '0']);
for (const cmd of Object.keys(rows) as (keyof typeof rows)[]) wall([bin, cmd, small]);
for (let i = 0; i < ROUNDS; i++) {
  for (const [cmd, row] of Object.entries(rows)) {
    row.runs.push(wall([bin, cmd, small]));
    baseline.push(wall(['-e', '0']));
  }
}
const node0 = median(baseline);
console.log(`  node -e 0:                          ${ms(node0)}`);
for (const [cmd, row] of Object.entries(rows)) {
  const t = median(row.runs);
  console.log(`  dialplan ${cmd.padEnd(8)} one-small.xml:    ${ms(t)}   ${ratio(t, node0)} node -e 0 (target <= ${row.target}x) -> ${t <= row.target * node0 ? 'met' : 'NOT met'}`);
}

/** Peak RSS in MB of one `node ...args` process exiting with a status in `accept`, as the child itself reports it on stderr's last line. */
function peakRss(args: readonly string[], accept: readonly number[]): number {
  // --require a one-liner that prints maxRSS (kilobytes) at exit, so any child reports the same way
  const hook = join(dir, 'rss-hook.cjs');
  writeFileSync(hook, "process.on('exit', () => process.stderr.write(`\\nmaxRSS ${process.resourceUsage().maxRSS}\\n`));\n");
  const r = spawnSync(process.execPath, ['--require', hook, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20 });
  const m = /maxRSS (\d+)\s*$/.exec(r.stderr);
  if (r.status === null || !accept.includes(r.status) || !m) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return Number(m[1]) / 1024;
}

const big = join(dir, 'big.xml');
writeFileSync(big, generatePlan(20 * 1024 * 1024));
const plan = join(dir, 'plan.xml');
writeFileSync(plan, benchPlan());
const keys = join(dir, 'keys.json');
writeFileSync(keys, JSON.stringify(scripts(10_000)));
const dist = (p: string): string => JSON.stringify(new URL(`dist/${p}`, `file://${root}`).href);

const simulateCalls = `
import { readFileSync } from 'node:fs';
import { parse } from ${dist('parse/parse.js')};
import { simulate } from ${dist('simulate/simulate.js')};
const doc = parse(readFileSync(${JSON.stringify(plan)}, 'utf8')).document;
let events = 0;
for (const keys of JSON.parse(readFileSync(${JSON.stringify(keys)}, 'utf8'))) events += (await simulate(doc, { keys })).events.length;
if (events === 0) process.exit(3);`;
const preview = `
import { CallFireClient } from ${dist('broadcast/client.js')};
import { parseNumbers } from ${dist('broadcast/numbers.js')};
const csv = ['number', ...Array.from({ length: 100000 }, (_, i) => String(13100000000 + i))].join('\\n');
const { numbers } = parseNumbers(csv);
const plan = '<dialplan name="Root"><play type="tts" voice="female2">Hello.</play><hangup/></dialplan>';
const p = await new CallFireClient({ env: {} }).previewSendCall({ BroadcastName: 'Bench', ToNumber: numbers, IvrBroadcastConfig: { FromNumber: '12135551189', DialplanXml: plan } });
if (!p.ok || numbers.length !== 100000) process.exit(3);`;

console.log('\npeak memory (max RSS of the process)');
const memory: [string, readonly string[], readonly number[]][] = [
  // lint exits 1 on findings; the generated plan may draw warnings, which are findings too
  ['dialplan lint, 20 MB plan', [bin, 'lint', big], [0, 1]],
  ['simulate 10,000 calls, 100-menu plan', ['--input-type=module', '-e', simulateCalls], [0]],
  ['preview SendCall of 100,000 numbers', ['--input-type=module', '-e', preview], [0]],
];
for (const [label, args, accept] of memory) {
  const mb = peakRss(args, accept);
  console.log(`  ${label.padEnd(38)} ${mb.toFixed(0).padStart(5)} MB   target < ${RSS_TARGET_MB} MB -> ${mb < RSS_TARGET_MB ? 'met' : 'NOT met'}`);
}

rmSync(dir, { recursive: true, force: true });
