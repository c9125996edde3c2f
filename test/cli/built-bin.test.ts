/**
 * bin/dialplan.js as installed: the bundle in dist/bundle/ (npm run build), compiled with a
 * V8 code cache in the user's cache folder. Skipped (reported as such) where dist/ is not built.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = existsSync(join(root, 'dist/bundle/cli.cjs'));

describe.skipIf(!built)('the built dialplan binary', () => {
  const cacheHome = mkdtempSync(join(tmpdir(), 'dialplan-cache-'));
  const cacheDir = join(cacheHome, 'callfire-dialplan');
  const dialplan = (...args: string[]) =>
    spawnSync(process.execPath, [join(root, 'bin/dialplan.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, XDG_CACHE_HOME: cacheHome } });

  it('gives the same answers without, with, and with a damaged compile cache, and keeps one file per command', () => {
    // a flow too: it is loaded through tsx with import(), which a cached script once lost
    const runs = () => [
      dialplan('validate', 'test/fixtures/cli/bad-nesting.xml'),
      dialplan('lint', '--format', 'json', 'test/fixtures/cli/good.xml'),
      dialplan('lint', '--format', 'json', 'examples/delivery.ts'),
    ];
    const first = runs();
    expect(first.map((r) => [r.status, r.stderr])).toEqual([
      [1, ''],
      [0, ''],
      [0, ''],
    ]);
    expect(first[0]!.stdout).toContain('bad-nesting.xml:2:3');
    const files = readdirSync(cacheDir).sort();
    expect(files.map((f) => f.split('-')[0])).toEqual(['lint', 'validate']);
    const again = runs();
    expect(again.map((r) => [r.status, r.stdout])).toEqual(first.map((r) => [r.status, r.stdout]));
    for (const f of files) writeFileSync(join(cacheDir, f), 'not a code cache');
    const damaged = runs();
    expect(damaged.map((r) => [r.status, r.stdout])).toEqual(first.map((r) => [r.status, r.stdout]));
    // refused by V8, so written again
    for (const f of files) expect(readFileSync(join(cacheDir, f), 'utf8')).not.toBe('not a code cache');
  }, 180_000);

  it('names a code cache by its bundle\'s content, which V8 does not check (only its length)', () => {
    for (const name of ['cli.cjs', 'lint-pool-worker.cjs', 'lint-worker.cjs']) {
      const [first, ...rest] = readFileSync(join(root, 'dist/bundle', name), 'latin1').split('\n');
      expect(first, name).toBe(`//${createHash('sha256').update(rest.join('\n')).digest('hex').slice(0, 16)}`);
    }
    const hash = readFileSync(join(root, 'dist/bundle/cli.cjs'), 'latin1').slice(2, 18);
    expect(dialplan('lint', 'test/fixtures/cli/good.xml').status).toBe(0);
    expect(readdirSync(cacheDir)).toContain(`lint-${process.version}-${process.arch}-${hash}.v8`);
  });

  it('reads its ASCII bundle as such, and still prints text that is not ASCII', () => {
    // bin/dialplan.js reads the bundle as latin1: a byte over 0x7f would change a character
    expect(/[^\x00-\x7f]/.test(readFileSync(join(root, 'dist/bundle/cli.cjs'), 'latin1'))).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'dialplan-bin-text-'));
    writeFileSync(join(dir, 'cafe.xml'), '<dialplan name="Root"><play type="tts">Café — à bientôt ✓</play><hangup/></dialplan>');
    const r = dialplan('simulate', join(dir, 'cafe.xml'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('IVR: Café — à bientôt ✓');
  });

  it('ships the lint --jobs worker beside the bundle, answering a batch and keeping its code cache', () => {
    // the pool lints in the main thread when a worker cannot start, which would hide a missing file
    const dir = mkdtempSync(join(tmpdir(), 'dialplan-worker-'));
    writeFileSync(join(dir, 'bad.xml'), '<dialplan name="Root"><goto>nowhere</goto></dialplan>');
    // the worker as the bundled CLI starts it (dist/util/module-worker.js is the same code, built by tsc)
    const script = `
      import { moduleWorker } from ${JSON.stringify(new URL('dist/util/module-worker.js', `file://${root}`).href)};
      const w = moduleWorker('lint-pool-worker', ${JSON.stringify(new URL('dist/bundle/cli.cjs', `file://${root}`).href)}, { workerData: { cwd: ${JSON.stringify(dir)} } });
      w.on('message', (m) => { console.log(JSON.stringify(m)); w.postMessage(null); });
      w.on('exit', (code) => console.log('exit ' + code));
      w.postMessage({ id: 7, settings: [[0, {}]], files: [['bad.xml', 0], ['missing.xml', 0]] });`;
    // a file, not --input-type=module -e: a worker inherits the flags, and --input-type refuses a file
    const probe = join(dir, 'probe.mjs');
    writeFileSync(probe, script);
    const ask = () => spawnSync(process.execPath, [probe], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, XDG_CACHE_HOME: cacheHome } });
    // partial caches (name.v8.pid-tid): one a crashed write left an hour ago, one another thread may be writing now
    mkdirSync(cacheDir, { recursive: true });
    const crashed = join(cacheDir, 'thread.lint-pool-worker-v0-x64-0123.v8.4242-1');
    const writing = join(cacheDir, 'thread.lint-pool-worker-v0-x64-4567.v8.4343-1');
    writeFileSync(crashed, 'half');
    writeFileSync(writing, 'half');
    const hourAgo = Date.now() / 1000 - 3600;
    utimesSync(crashed, hourAgo, hourAgo);
    const r = ask();
    expect(r.stderr).toBe('');
    const [answer, exit] = r.stdout.trim().split('\n');
    const reply = JSON.parse(answer!) as { id: number; results: [{ diagnostics: { rule: string }[] }, { unreadable: string }] };
    expect(reply.id).toBe(7);
    expect(reply.results[0].diagnostics.map((d) => d.rule)).toContain('unknown-goto-target');
    expect(reply.results[1].unreadable).toBe('cannot read missing.xml: no such file');
    expect(exit).toBe('exit 0'); // it ended of itself when told, which is when it writes its cache
    expect(readdirSync(cacheDir).filter((f) => f.startsWith('thread.lint-pool-worker-') && f.endsWith('.v8'))).toHaveLength(1);
    expect(existsSync(crashed)).toBe(false);
    expect(existsSync(writing)).toBe(true);
    expect(ask().stdout).toBe(r.stdout); // and the same answer from that cache
  });

  it('clears the CLI\'s partial caches as a thread\'s (one code-cache.cjs): an old one a crashed write left, not a fresh one', () => {
    mkdirSync(cacheDir, { recursive: true });
    const crashed = join(cacheDir, 'fmt-v0-x64-0123.v8.4242-0');
    const writing = join(cacheDir, 'fmt-v0-x64-4567.v8.4343-0');
    const otherBuild = join(cacheDir, 'fmt-v0-x64-89ab.v8');
    for (const f of [crashed, writing, otherBuild]) writeFileSync(f, 'half');
    const hourAgo = Date.now() / 1000 - 3600;
    utimesSync(crashed, hourAgo, hourAgo);
    expect(dialplan('fmt', '--check', 'test/fixtures/cli/good.xml').status).toBeLessThan(2);
    expect([existsSync(crashed), existsSync(writing), existsSync(otherBuild)]).toEqual([false, true, false]);
    expect(readdirSync(cacheDir).filter((f) => f.startsWith('fmt-') && f.endsWith('.v8'))).toEqual([expect.stringMatching(new RegExp(`^fmt-${process.version}-`))]);
  });

  it('keeps no cache after a usage error; lint --jobs 2 reports as --jobs 1', () => {
    expect(dialplan('nope').status).toBe(2);
    expect(readdirSync(cacheDir).some((f) => f.startsWith('cli-'))).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'dialplan-bin-jobs-'));
    const files = ['<dialplan name="Root"><goto>nowhere</goto></dialplan>', '<dialplan name="Root"><hangup/></dialplan>'].map((t, i) => {
      const f = join(dir, `p${i}.xml`);
      writeFileSync(f, t);
      return f;
    });
    const one = dialplan('lint', '--jobs', '1', '--format', 'json', ...files);
    const two = dialplan('lint', '--jobs', '2', '--format', 'json', ...files);
    expect(two.stderr).toBe('');
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout).toContain('unknown-goto-target');
  }, 60_000);
});
