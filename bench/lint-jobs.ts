/**
 * Benchmark of `dialplan lint --jobs N` on 5,000 generated plans (about 4 KB each) in one
 * folder: the built CLI (dist/; `npm run build` first) as a whole process with 1 and with 2
 * worker threads, alternating, medians. The reports of both runs must be the same. Beside the
 * wall time, the CPU time of the whole process (every thread): on a machine whose cores are
 * busy with other work, threads cannot get more CPU, and then the wall time follows the CPU
 * time, which the CPU column shows independently of that load.
 *
 * Run: `npm run bench` or `npx tsx bench/lint-jobs.ts` (BENCH_PLANS=n for another count).
 * Not a test: times depend on the machine and its load.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchRounds, generatePlan, median, ms, ratio } from './measure.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const PLANS = Number(process.env['BENCH_PLANS'] ?? 5000);
const ROUNDS = benchRounds(3);

const dir = mkdtempSync(join(tmpdir(), 'dialplan-jobs-bench-'));
for (let i = 0; i < PLANS; i++) writeFileSync(join(dir, `plan${String(i).padStart(5, '0')}.xml`), generatePlan(4096 + (i % 7) * 512));

// the child reports its own CPU time (user + system, all threads) on stderr's last line
const hook = join(dir, 'cpu-hook.cjs');
writeFileSync(hook, "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write(`\\ncpu ${(u.userCPUTime + u.systemCPUTime) / 1000}\\n`); });\n");

function lintAll(jobs: number): { took: number; cpu: number; out: string } {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', hook, join(root, 'bin/dialplan.js'), 'lint', '--jobs', String(jobs), '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const took = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`dialplan lint --jobs ${jobs} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  const cpu = Number(/cpu ([\d.]+)\s*$/.exec(r.stderr)?.[1] ?? Number.NaN);
  return { took, cpu, out: r.stdout };
}

console.log(`dialplan lint of ${PLANS.toLocaleString('en-US')} generated plans, whole process (median of ${ROUNDS}, alternating, node ${process.version})\n`);
const one: number[] = [];
const two: number[] = [];
const cpuOne: number[] = [];
const cpuTwo: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const a = lintAll(1);
  const b = lintAll(2);
  if (a.out !== b.out) throw new Error('--jobs 1 and --jobs 2 reported differently');
  one.push(a.took);
  two.push(b.took);
  cpuOne.push(a.cpu);
  cpuTwo.push(b.cpu);
}
const t1 = median(one);
const t2 = median(two);
const c1 = median(cpuOne);
const c2 = median(cpuTwo);
console.log(`  --jobs 1: ${ms(t1)}   CPU ${ms(c1)}`);
console.log(`  --jobs 2: ${ms(t2)}   CPU ${ms(c2)}   ${ratio(t2, t1)} of --jobs 1 (2 cores: 0.5x at best; CPU ${ratio(c2, c1)}, the threads' own cost)`);
console.log(`  --jobs 2 beats --jobs 1: ${t2 < t1 ? 'yes' : 'no'}`);
rmSync(dir, { recursive: true, force: true });
