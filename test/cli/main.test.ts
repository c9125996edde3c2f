import { describe, expect, it } from 'vitest';
import { run } from './run.js';

describe('dialplan (no command)', () => {
  it('prints help listing every command with examples', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: dialplan <command>/);
    expect(r.stdout).toMatch(/^ {2}build {2,}Compile/m);
    expect(r.stdout).toMatch(/^ {2}validate {2,}/m);
    expect(r.stdout).toMatch(/Examples:/);
  });

  it('exits 2 with help when called without a command', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/Commands:/);
  });

  it('prints the package version', async () => {
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
    const r = await run(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('suggests the nearest command for a typo', async () => {
    const r = await run(['valdate', 'x.xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "valdate" \(did you mean "validate"\?\)/);
  });

  it('rejects an unknown global option', async () => {
    const r = await run(['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option "--frobnicate"/);
  });

  it('shows a command\'s usage for <command> --help and help <command>', async () => {
    const a = await run(['validate', '--help']);
    const b = await run(['help', 'validate']);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/Usage: dialplan validate/);
    expect(b.stdout).toBe(a.stdout);
  });

  it('names an unknown command option and exits 2', async () => {
    const r = await run(['validate', '--colour', 'x.xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dialplan validate: Unknown option '--colour'/);
    expect(r.stderr).toMatch(/dialplan validate --help/);
  });

  it('rejects a bad --format value', async () => {
    const r = await run(['validate', '--format', 'xml', 'x.xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format must be one of stylish, json; got "xml"/);
  });
});

describe('number options', () => {
  it.each([
    [['lint', '--max-warnings=-1', 'x.xml'], 'dialplan lint: --max-warnings takes a whole number of at least 0; got "-1"'],
    [['simulate', '--max-steps', '2.5', 'x.xml'], 'dialplan simulate: --max-steps takes a whole number of at least 1; got "2.5"'],
    [['test', '--min-coverage', '120', 'x.yaml'], 'dialplan test: --min-coverage takes a number from 0 to 100; got "120"'],
    [['status', '1', '--wait', 'soon'], 'dialplan status: --wait takes a number from 0.001 to 86400; got "soon"'],
    [['sandbox', '--port', '70000'], 'dialplan sandbox: --port takes a whole number from 0 to 65535; got "70000"'],
  ])('%j is a usage error that names the option', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
