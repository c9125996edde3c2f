// Runs every benchmark in this folder (measure.ts holds their shared helpers): `npx tsx bench/<name>.ts`, one after the other.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const benches = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'measure.ts').sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n=== bench/${file} ===\n`);
  const r = spawnSync('npx', ['tsx', `bench/${file}`], { stdio: 'inherit', cwd: fileURLToPath(new URL('..', import.meta.url)) });
  if (r.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
