import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenarioFile } from '../../src/simulate/scenario.js';
import { run } from '../cli/run.js';

const fixtures = fileURLToPath(new URL('../fixtures/simulate/', import.meta.url));
const repo = fileURLToPath(new URL('../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'dialplan-sim-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('dialplan simulate', () => {
  it('prints a transcript and exits 0 for a completed call', async () => {
    const { code, stdout } = await run(['simulate', 'confirm.xml', '--answer', 'live', '--keys', '1', '--contact', 'firstName=Ann'], fixtures);
    expect(code).toBe(0);
    expect(stdout).toContain('    6  IVR: Hello Ann. Press 1 to confirm your appointment, 2 to talk to us.');
    expect(stdout).toContain('    5  caller presses 1');
    expect(stdout).toContain('    8  stash confirmed = "yes"');
    expect(stdout).toMatch(/call ended: hangup\n/);
  });

  it('prints JSON with events, variables, stashed and ended', async () => {
    const { code, stdout } = await run(['simulate', 'confirm.xml', '--keys', '2', '--transfer', 'busy', '--format', 'json'], fixtures);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { ended: string; stashed: object; events: Array<{ type: string }>; variables: object };
    expect(result.ended).toBe('hangup');
    expect(result.stashed).toEqual({ confirmed: 'no' });
    expect(result.events.find((e) => e.type === 'transfer')).toMatchObject({ numbers: ['12135551234'], outcome: 'busy', line: 14, path: '/dialplan/amd[1]/live[1]/menu[1]/keypress[2]/transfer[1]' });
  });

  it('prints the warnings as findings: a line each in the transcript, diagnostics in JSON', async () => {
    // no --contact: the prompt reads ${contact.firstName} unset
    const text = await run(['simulate', 'confirm.xml', '--keys', '1'], fixtures);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/call ended: hangup\n(.*\n)*warning: 6:9 \/dialplan\/amd\[1\]\/live\[1\]\/menu\[1\]\/play\[1\]: \$\{contact\.firstName\} is not set; read as empty text \(unset-variable\)\n$/);
    const json = await run(['simulate', 'confirm.xml', '--keys', '1', '--format', 'json'], fixtures);
    expect((JSON.parse(json.stdout) as { warnings: unknown }).warnings).toEqual([
      {
        rule: 'unset-variable',
        severity: 'warning',
        message: '${contact.firstName} is not set; read as empty text',
        path: '/dialplan/amd[1]/live[1]/menu[1]/play[1]',
        line: 6,
        column: 9,
        data: { name: 'contact.firstName' },
      },
    ]);
  });

  it('exits 1 with the line for a simulation error', async () => {
    const { code, stderr } = await run(['simulate', 'confirm.xml', '--var', 'x=1', '--keys', 'timeout', '--max-steps', '3'], fixtures);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^dialplan simulate: confirm\.xml:\d+: stopped after 3 steps: the step limit \(maxSteps, --max-steps\) was reached with no tag repeating/);
  });

  it('exits 2 on usage mistakes and unreadable files', async () => {
    expect((await run(['simulate', 'confirm.xml', '--answer', 'fax'], fixtures)).code).toBe(2);
    expect((await run(['simulate', 'confirm.xml', '--bogus'], fixtures)).code).toBe(2);
    expect((await run(['simulate', 'confirm.xml', '--var', 'novalue'], fixtures)).stderr).toMatch(/--var takes name=value/);
    const missing = await run(['simulate', 'nope.xml'], fixtures);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read nope\.xml/);
  });

  it('simulates a flow module, with the lines of the flow where each tag was built', async () => {
    const flow = join(repo, 'examples/appointment-reminder.ts');
    const { code, stdout } = await run(['simulate', flow, '--keys', '1'], repo);
    expect(code).toBe(0);
    const line = readFileSync(flow, 'utf8').split('\n').findIndex((l) => l.includes(".stash('appointment', 'confirmed')")) + 1;
    expect(line).toBeGreaterThan(0);
    expect(stdout).toMatch(new RegExp(`^\\s+${line} {2}stash appointment = "confirmed"$`, 'm'));
  });
});

describe('dialplan test', () => {
  it('runs scenario files and exits 0 when all pass', async () => {
    const { code, stdout } = await run(['test', 'confirm.scenarios.yaml'], fixtures);
    expect(code).toBe(0);
    expect(stdout).toContain('✓ confirm.scenarios.yaml › a person confirms');
    expect(stdout).toContain('4 scenarios: 4 passed, 0 failed');
  });

  it('shows expected against actual and exits 1 on a failure', async () => {
    const { code, stdout } = await run(['test', 'confirm.scenarios.yaml', 'confirm.failing.json'], fixtures);
    expect(code).toBe(1);
    expect(stdout).toContain('✗ confirm.failing.json › expects the wrong number\n    expected: transfers to 19995550000\n    actual:   transfers: 12135551234 (answered)');
    expect(stdout).toContain('5 scenarios: 4 passed, 1 failed');
  });

  it('reports an unreadable scenario file as a failure', async () => {
    const { code, stdout } = await run(['test', 'bad.scenarios.yaml'], fixtures);
    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ bad\.scenarios\.yaml › \(file\)\n {4}bad\.scenarios\.yaml: scenarios\[0\]/);
  });

  it('reports coverage as a table and as JSON, and enforces --min-coverage', async () => {
    const text = await run(['test', 'confirm.scenarios.yaml', '--coverage'], fixtures);
    expect(text.stdout).toMatch(/Coverage of confirm\.xml: tags \d+\/\d+ \([\d.]+%\), branches 4\/7 \(57\.1%\)/);
    const json = await run(['test', 'confirm.scenarios.yaml', '--coverage', '--format', 'json'], fixtures);
    const data = JSON.parse(json.stdout) as { passed: number; coverage: Record<string, { branches: { percent: number } }> };
    expect(data.passed).toBe(4);
    expect(data.coverage['confirm.xml']!.branches.percent).toBe(57.1);
    const strict = await run(['test', 'confirm.scenarios.yaml', '--min-coverage', '80'], fixtures);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('branch coverage of confirm.xml is 57.1%, below the minimum of 80%');
    expect((await run(['test', 'confirm.scenarios.yaml', '--min-coverage', '50'], fixtures)).code).toBe(0);
    expect((await run(['test', 'confirm.scenarios.yaml', '--min-coverage', 'lots'], fixtures)).code).toBe(2);
  });

  it('--generate writes scenarios that pass and cover every branch', async () => {
    const out = join(tmp, 'confirm.generated.yaml');
    const gen = await run(['test', '--generate', join(fixtures, 'confirm.xml'), '--out', out], tmp);
    expect(gen.code).toBe(0);
    expect(gen.stdout).toMatch(/^wrote \d+ scenarios to confirm\.generated\.yaml/);
    const file = parseScenarioFile(readFileSync(out, 'utf8'), out);
    expect(file.scenarios.length).toBeGreaterThan(2);
    const again = await run(['test', out, '--min-coverage', '100'], tmp);
    expect(again.stdout).toMatch(/branches 7\/7 \(100%\)/);
    expect(again.code).toBe(0);
    const clash = await run(['test', '--generate', join(fixtures, 'confirm.xml'), '--out', out], tmp);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/exists; pass --force/);
  });

  it('--generate with a plan that does not parse says why and exits 2', async () => {
    const bad = join(tmp, 'bad.xml');
    writeFileSync(bad, '<dialplan><play>unclosed</dialplan>');
    const { code, stderr } = await run(['test', '--generate', bad], tmp);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^dialplan test: .*bad\.xml/);
    expect(stderr).not.toMatch(/internal error|\n\s+at /);
  });
});

describe('example scenarios', () => {
  const dir = join(repo, 'examples/scenarios');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)) : [];

  it('exist (an empty list would run no scenario and pass)', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s passes', async (file) => {
    const { code, stdout } = await run(['test', join(dir, file)], repo);
    expect(stdout).toMatch(/ 0 failed\n/);
    expect(code).toBe(0);
  });
});
