import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** Runs the real process entry point, as the `dialplan` binary does. */
const dialplan = (...args: string[]) => spawnSync(tsx, ['src/cli/bin.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });

describe('the dialplan process', () => {
  it('passes the exit code of a command to the shell', () => {
    expect(dialplan('validate', 'test/fixtures/cli/good.xml').status).toBe(0);
    const bad = dialplan('validate', 'test/fixtures/cli/bad-nesting.xml');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('bad-nesting.xml:2:3');
    const usage = dialplan('validate', '--nope');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("Unknown option '--nope'");
  });
});
