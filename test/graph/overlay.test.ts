import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { callFlow, coverageOverlay, lintOverlay, toDot, toHtml, toMermaid } from '../../src/graph/index.js';
import { simulate } from '../../src/entries/simulate.js';
import { lint } from '../../src/validate/lint/lint.js';
import { parsedDocument } from '../util.js';

const PLAN = `<dialplan name="Shop">
  <menu name="main" maxDigits="1" timeout="5000">
    <play type="tts">Press 1 for sales, 2 for support.</play>
    <keypress pressed="1"><play type="tts">Sales</play><goto>nowhere</goto></keypress>
    <keypress pressed="2"><play type="tts">Support</play></keypress>
  </menu>
  <play type="tts">Goodbye</play>
  <hangup/>
</dialplan>
`;

const marksOf = (flow: ReturnType<typeof callFlow>, label: string) => flow.nodes.find((n) => n.label === label)?.marks ?? [];

describe('overlays', () => {
  it('lint: marks the step a finding is on with its severity and message, a goto\'s finding on the step that holds it', () => {
    const d = parsedDocument(PLAN);
    const diagnostics = lint(PLAN).diagnostics;
    const missing = diagnostics.find((x) => x.path.endsWith('goto[1]'))!;
    expect(missing).toBeDefined();
    const flow = lintOverlay(callFlow(d), diagnostics);
    // the goto is no step of its own: the finding marks its menu, which the keypress belongs to
    const menuMarks = marksOf(flow, '[main] menu: "Press 1 for sales, 2 for support."');
    expect(menuMarks).toContainEqual({ kind: missing.severity, note: `line 4: ${missing.message} (${missing.rule})` });
    expect(marksOf(flow, 'play: "Goodbye"').filter((m) => m.note?.includes('goto'))).toEqual([]);
    // every format carries the mark
    expect(toMermaid(d, flow)).toMatch(new RegExp(`classDef mark${missing.severity === 'error' ? 'Error' : 'Warning'} `));
    expect(toDot(d, undefined, flow)).toMatch(/class="mark-(error|warning)"/);
    const html = toHtml(d, { flow });
    expect(html).toMatch(/class="step decision menu mark-(error|warning)"/);
    expect(html).toContain(JSON.stringify(missing.message).slice(1, -1).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'));
  });

  it('coverage: shades what the calls reached and marks the missed steps and branches', async () => {
    const d = parsedDocument(PLAN);
    const results = [await simulate(d, { keys: ['2'] })];
    const flow = coverageOverlay(callFlow(d), results, d);
    expect(marksOf(flow, 'play: "Support"').map((m) => m.kind)).toEqual(['reached']);
    expect(marksOf(flow, 'play: "Sales"').map((m) => m.kind)).toEqual(['missed']);
    const byLabel = (l: string) => flow.edges.find((e) => e.label === l)!;
    expect(byLabel('pressed 2').marks).toEqual([{ kind: 'reached', note: 'reached by 1 of 1 call' }]);
    expect(byLabel('pressed 1').marks?.[0]?.kind).toBe('missed');
    expect(toMermaid(d, flow)).toMatch(/classDef markMissed .*stroke-dasharray/);
  });

  it('graph --lint, --coverage and --diff on the command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'graph-overlay-'));
    writeFileSync(join(dir, 'plan.xml'), PLAN);
    writeFileSync(join(dir, 'old.xml'), PLAN.replace('Goodbye', 'Bye'));
    writeFileSync(join(dir, 'calls.yaml'), 'plan: plan.xml\nscenarios:\n  - name: support\n    keys: ["2"]\n    expect: [ends with hangup]\n');
    const run = async (...args: string[]) => {
      let out = '';
      let err = '';
      const code = await main(['graph', 'plan.xml', ...args], { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: dir, env: {} });
      return { code, out, err };
    };
    const linted = await run('--lint');
    expect(linted.code).toBe(0);
    expect(linted.out).toMatch(/class n\d+ mark(Error|Warning)/);
    const covered = await run('--coverage', 'calls.yaml', '--format', 'json');
    const flow = JSON.parse(covered.out) as ReturnType<typeof callFlow>;
    expect(flow.nodes.find((n) => n.label === 'play: "Support"')!.marks).toEqual([{ kind: 'reached', note: 'reached by 1 of 1 call' }]);
    const diffed = await run('--diff', 'old.xml', '--format', 'dot');
    expect(diffed.out).toMatch(/label="play: \\"Goodbye\\"".*class="mark-changed"/);
    expect((await run('--coverage', 'missing.yaml')).code).toBe(2);
  });
});
