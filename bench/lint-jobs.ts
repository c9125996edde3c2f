/**
 * Benchmark of `dialplan lint --jobs N` on 5,000 generated plans (about 4 KB each) in one
 * folder: the built CLI (dist/; `npm run build` first) as a whole process with 1 and with 2
 * worker threads, alternating, medians. The reports of both runs must be the same.
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

function lintAll(jobs: number): { took: number; out: string } {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(root, 'bin/dialplan.js'), 'lint', '--jobs', String(jobs), '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const took = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`dialplan lint --jobs ${jobs} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return { took, out: r.stdout };
}

console.log(`dialplan lint of ${PLANS.toLocaleString('en-US')} generated plans, whole process (median of ${ROUNDS}, alternating, node ${process.version})\n`);
const one: number[] = [];
const two: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const a = lintAll(1);
  const b = lintAll(2);
  if (a.out !== b.out) throw new Error('--jobs 1 and --jobs 2 reported differently');
  one.push(a.took);
  two.push(b.took);
}
const t1 = median(one);
const t2 = median(two);
console.log(`  --jobs 1: ${ms(t1)}`);
console.log(`  --jobs 2: ${ms(t2)}   ${ratio(t2, t1)} of --jobs 1 (2 cores: 0.5x at best)`);
rmSync(dir, { recursive: true, force: true });
