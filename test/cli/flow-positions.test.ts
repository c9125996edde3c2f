/**
 * Findings in a TypeScript flow point at the flow's own line and column (where the builder
 * call was made), in every report format, and a flow that throws is reported at its line.
 * The flows sit in a project whose package.json says "type": "commonjs", as `npm init -y`
 * writes it: they must load there too.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from './run.js';

const INDEX = fileURLToPath(new URL('../../src/index.js', import.meta.url));
const FLOW = `import { dialplan } from '${INDEX}';

export default dialplan({ name: 'Root' })
  .menu({ name: 'main', maxDigits: 1 }, (m) =>
    m
      .play('Press 1.')
      .keypress('1', (k) => k.goto('nowhere'))
      .keypress('default', (k) => k.hangup()));
`;
const THROWS = `import { dialplan } from '${INDEX}';

export default dialplan({ name: 'Root' })
  .play('hello.mp3', { type: 'url' });
`;

/** 1-based line and column of the first `needle` in `text`. */
function at(text: string, needle: string): { line: number; column: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  expect(line).toBeGreaterThanOrEqual(0);
  return { line: line + 1, column: lines[line]!.indexOf(needle) + 1 };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flow-positions-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user-project', version: '1.0.0', type: 'commonjs' }));
  mkdirSync(join(dir, 'flows'));
  writeFileSync(join(dir, 'flows/menu.ts'), FLOW);
  writeFileSync(join(dir, 'flows/throws.ts'), THROWS);
  writeFileSync(join(dir, 'flows/menu.scenarios.yaml'), 'plan: ./menu.ts\nscenarios:\n  - name: one\n    keys: [1]\n    expect:\n      - fails with /nowhere/\n');
});

describe('a flow in a CommonJS project', () => {
  it('lint --format json: line and column are the .ts position of the builder call, the path beside them', async () => {
    const r = await run(['lint', 'flows/menu.ts', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    type Row = { rule: string; line: number; column: number; path: string; xml?: { line: number; column: number } };
    const [report] = JSON.parse(r.stdout) as Array<{ file: string; diagnostics: Row[] }>;
    const goto = report!.diagnostics.find((d) => d.rule === 'unknown-goto-target');
    expect(goto).toMatchObject({ ...at(FLOW, "goto('nowhere')"), path: '/dialplan/menu[1]/keypress[1]/goto[1]' });
    // beside them, where the tag sits in the XML dialplan build writes
    const built = await run(['build', 'flows/menu.ts'], dir);
    expect(goto!.xml).toEqual(at(built.stdout, '<goto>nowhere</goto>'));
  });

  it('stylish, GitHub annotations and SARIF point at the same place', async () => {
    const where = at(FLOW, "goto('nowhere')");
    const stylish = await run(['lint', 'flows/menu.ts'], dir);
    expect(stylish.stdout).toContain(`flows/menu.ts:${where.line}:${where.column} /dialplan/menu[1]/keypress[1]/goto[1]  error`);
    const github = await run(['lint', 'flows/menu.ts', '--format', 'github'], dir);
    expect(github.stdout).toContain(`::error file=flows/menu.ts,line=${where.line},col=${where.column},title=unknown-goto-target::`);
    const sarif = JSON.parse((await run(['lint', 'flows/menu.ts', '--format', 'sarif'], dir)).stdout) as {
      runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { region: unknown } }> }> }>;
    };
    const result = sarif.runs[0]!.results.find((x) => x.ruleId === 'unknown-goto-target')!;
    expect(result.locations[0]!.physicalLocation.region).toEqual({ startLine: where.line, startColumn: where.column });
  });

  it('a flow that throws while building is listed at its line, and the run exits 2', async () => {
    const r = await run(['lint', 'flows/throws.ts', 'flows/menu.ts', '--format', 'json'], dir);
    expect(r.code).toBe(2);
    const reports = JSON.parse(r.stdout) as Array<{ file: string; diagnostics: Array<{ rule: string; message: string; line: number; column: number }> }>;
    expect(reports.map((x) => x.file)).toEqual(['flows/throws.ts', 'flows/menu.ts']);
    expect(reports[0]!.diagnostics).toEqual([
      expect.objectContaining({ rule: 'load-error', message: expect.stringMatching(/^play\(\): the sound must be an http\(s\) URL/), ...at(THROWS, 'play(') }),
    ]);
    const built = await run(['build', 'flows/throws.ts'], dir);
    expect(built.code).toBe(2);
    expect(built.stderr).toContain(`flows/throws.ts:${at(THROWS, 'play(').line}:${at(THROWS, 'play(').column}: play(): the sound must be`);
  });

  it('simulate traces and test coverage show the lines of the flow', async () => {
    const sim = await run(['simulate', 'flows/menu.ts', '--keys', '1'], dir);
    expect(sim.stdout).toMatch(new RegExp(`^\\s+${at(FLOW, "goto('nowhere')").line}  `, 'm'));
    const tested = await run(['test', 'flows/menu.scenarios.yaml', '--coverage'], dir);
    expect(tested.code).toBe(0);
    const row = tested.stdout.split('\n').find((l) => l.includes('keypress pressed="default"'));
    expect(row).toMatch(new RegExp(`✗\\s+${at(FLOW, ".keypress('default'").line}\\s`));
  });
});
