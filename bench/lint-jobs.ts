/**
 * Benchmark of `dialplan lint --jobs N` on 5,000 generated plans (about 4 KB each) in one
 * folder: the built CLI (dist/; `npm run build` first) as a whole process with 1 and with 2
 * threads, run pair by pair (1 then 2, several pairs), each pair printed as the ratio of
 * --jobs 2 to --jobs 1, with the load average beside it. The reports of both must be the same.
 *
 * Three figures per run, since the machine may be busy with other work:
 * - wall: what a user waits; with 2 free cores, --jobs 2 takes about half of --jobs 1;
 * - CPU: of the whole process, every thread (user + system); the ratio is what the threads
 *   cost beyond the work itself (a worker's start, V8 compiling the linter again in it);
 * - main: the CPU time of the main thread alone, the critical path when the cores are free:
 *   with 2 jobs it lints about half the files (the worker the rest), so its ratio shows the
 *   design scales even where a loaded machine gives the process less than 2 cores and the
 *   wall time cannot.
 * (main is read from /proc, so it is Linux only; elsewhere it prints as NaN.)
 *
 * Run: `npm run bench` or `npx tsx bench/lint-jobs.ts` (BENCH_PLANS=n for another count,
 * BENCH_ROUNDS=n pairs). Not a test: times depend on the machine and its load.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchRounds, generatePlan, median, ratio } from './measure.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const PLANS = Number(process.env['BENCH_PLANS'] ?? 5000);
const PAIRS = benchRounds(3);

const dir = mkdtempSync(join(tmpdir(), 'dialplan-jobs-bench-'));
for (let i = 0; i < PLANS; i++) writeFileSync(join(dir, `plan${String(i).padStart(5, '0')}.xml`), generatePlan(4096 + (i % 7) * 512));

// the child reports on stderr's last line the CPU time of the process (all threads) and of its
// main thread (fields 14 and 15 of /proc/self/task/<pid>/stat, in clock ticks of 10 ms)
const hook = join(dir, 'cpu-hook.cjs');
writeFileSync(
  hook,
  `process.on('exit', () => {
  const u = process.resourceUsage();
  let main = NaN;
  try {
    const stat = require('node:fs').readFileSync('/proc/self/task/' + process.pid + '/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    main = (Number(f[11]) + Number(f[12])) * 10;
  } catch {}
  process.stderr.write('\\ncpu ' + (u.userCPUTime + u.systemCPUTime) / 1000 + ' ' + main + '\\n');
});
`,
);

interface Run {
  readonly wall: number;
  readonly cpu: number;
  readonly main: number;
  readonly out: string;
}

function lintAll(jobs: number): Run {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', hook, join(root, 'bin/dialplan.js'), 'lint', '--jobs', String(jobs), '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`dialplan lint --jobs ${jobs} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  const m = /cpu ([\d.]+) ([\d.]+|NaN)\s*$/.exec(r.stderr);
  return { wall, cpu: Number(m?.[1] ?? Number.NaN), main: Number(m?.[2] ?? Number.NaN), out: r.stdout };
}

const s = (n: number) => `${(n / 1000).toFixed(2).padStart(6)} s`;
const load = () => loadavg()[0]!.toFixed(1);
const line = (r: Run) => `${s(r.wall)} (CPU ${s(r.cpu)}, main ${s(r.main)})`;

console.log(`dialplan lint of ${PLANS.toLocaleString('en-US')} generated plans, whole process, ${PAIRS} pairs of --jobs 1 then --jobs 2 (node ${process.version}, ${availableParallelism()} cores)\n`);
const wall: number[] = [];
const cpu: number[] = [];
const main: number[] = [];
for (let i = 0; i < PAIRS; i++) {
  const before = load();
  const one = lintAll(1);
  const two = lintAll(2);
  if (one.out !== two.out) throw new Error('--jobs 1 and --jobs 2 reported differently');
  wall.push(two.wall / one.wall);
  cpu.push(two.cpu / one.cpu);
  main.push(two.main / one.main);
  console.log(`  pair ${i + 1}: --jobs 1 ${line(one)}   --jobs 2 ${line(two)}`);
  console.log(`          --jobs 2 / --jobs 1: wall ${ratio(two.wall, one.wall)}, CPU ${ratio(two.cpu, one.cpu)}, main thread ${ratio(two.main, one.main)}   (load average ${before} before, ${load()} after)`);
}
console.log(`\n  median of the pairs, --jobs 2 / --jobs 1: wall ${median(wall).toFixed(2)}x, CPU ${median(cpu).toFixed(2)}x, main thread ${median(main).toFixed(2)}x`);
console.log('  (2 free cores: wall and main thread about 0.5x at best, CPU about 1x; a load average near or over the');
console.log('   core count leaves the process less than 2 cores, and then only the main thread ratio shows the split)');
rmSync(dir, { recursive: true, force: true });
