// Runs every benchmark in this folder (measure.ts and lib/ hold their shared helpers): `npx tsx bench/<name>.ts`, one after the other.
// The peer packages some benchmarks compare with live in bench/peers/ (own package.json and
// lockfile, so the project's dependencies stay clean); they are installed here on first run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${dir}peers/node_modules`)) {
  console.log('installing the benchmark peers into bench/peers/ (npm ci --prefix bench/peers)');
  const npm = spawnSync('npm', ['ci', '--prefix', 'bench/peers', '--no-audit', '--no-fund'], { stdio: 'inherit', cwd: root });
  if (npm.status !== 0) console.log('could not install the peers: the benchmarks that need them print only our own figures');
}
const benches = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'measure.ts').sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n=== bench/${file} ===\n`);
  const r = spawnSync('npx', ['tsx', `bench/${file}`], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
