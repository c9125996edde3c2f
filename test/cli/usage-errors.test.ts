/**
 * Mistakes in how a command is called are usage errors (exit 2) with a message that says
 * what the command takes, and a broken XML file reads the same in every command.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from './run.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'usage-'));
  writeFileSync(join(dir, 'good.xml'), '<dialplan name="Root"><menu name="m"><play type="tts">Press 1.</play><keypress pressed="1"><hangup/></keypress></menu></dialplan>\n');
  writeFileSync(join(dir, 'flow.ts'), 'export default { toAst: () => ({}) };\n');
  writeFileSync(join(dir, 'lost.scenarios.yaml'), 'plan: ./gone.xml\nscenarios:\n  - name: one\n    keys: [1]\n    expect:\n      - ends with hangup\n');
  // the then branch can never run: no scenario reaches it
  writeFileSync(join(dir, 'never.xml'), '<dialplan name="Root"><if expr="1 == 2"><hangup/></if><play type="tts">Bye.</play></dialplan>\n');
  writeFileSync(join(dir, 'mismatch.xml'), '<dialplan name="Root">\n  <play type="tts">Hi</plax>\n</dialplan>\n');
  writeFileSync(join(dir, 'empty.xml'), '');
});

describe('usage errors exit 2 and say what the command takes', () => {
  it.each([
    [['simulate', 'good.xml', '--keys', 'abc'], '--keys takes keypad keys (0-9, *, #), timeout or hangup, comma-separated; got "abc"'],
    [['simulate', 'good.xml', '--keys', '1,abc'], 'got "abc"'],
    [['test', 'lost.scenarios.yaml'], 'gone.xml'],
    [['test', 'lost.scenarios.yaml', '--out', 'x.yaml'], '--out goes with --generate <plan>'],
    [['convert', 'flow.ts'], 'convert reads CallFire XML; flow.ts is a flow already'],
    [['build', 'good.xml'], 'build reads flow modules (.ts, .js); good.xml is not one (validate reads XML: dialplan validate good.xml)'],
    // the plan where the request goes: before, 'good.xml:1:1: not valid JSON (Unexpected token '<' ...)', exit 1
    [['send', 'good.xml'], 'send reads the broadcast file (JSON, the SendCall request) first; good.xml holds XML (a dialplan goes with --dialplan): dialplan send broadcast.json --dialplan good.xml'],
    [['send', 'flow.ts', '--preview'], 'send reads the broadcast file (JSON, the SendCall request) first; flow.ts is a flow: dialplan send broadcast.json --dialplan flow.ts'],
  ])('dialplan %j', async (args, message) => {
    const r = await run(args, dir);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain(message);
  });

  it.each([
    ['simulate', 'good.xml'],
    ['test', 'lost.scenarios.yaml'],
    ['status', '1'],
    ['send', 'broadcast.json'],
    ['deploy', '12135551100', 'good.xml'],
  ])('dialplan %s … --format xml: the commands that print text or JSON say so alike', async (...args) => {
    const r = await run([...args, '--format', 'xml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`dialplan ${args[0]}: --format must be one of text, json; got "xml".`);
  });

  it('accepts the inputs --keys documents', async () => {
    expect((await run(['simulate', 'good.xml', '--keys', '1,timeout,#,*,12#,HANGUP'], dir)).code).toBe(0);
  });

  it('test --generate holds the generated scenarios to --min-coverage', async () => {
    const r = await run(['test', '--generate', 'never.xml', '--min-coverage', '100', '--out', 'never.scenarios.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the generated scenarios cover \d+(\.\d+)?% of the branches of never\.xml, below the minimum of 100%/);
    const low = await run(['test', '--generate', 'never.xml', '--min-coverage', '0', '--out', 'never.scenarios.yaml', '--force'], dir);
    expect(low.code).toBe(0);
  });
});

describe('a broken XML file reads the same in every command', () => {
  it.each(['mismatch.xml', 'empty.xml'])('%s: validate, graph and convert print the same finding', async (file) => {
    const validate = await run(['validate', file], dir);
    const graph = await run(['graph', file], dir);
    const convert = await run(['convert', file], dir);
    expect([validate.code, graph.code, convert.code]).toEqual([1, 1, 1]);
    expect(validate.stdout).toMatch(new RegExp(`^${file.replace('.', '\\.')}:\\d+:\\d+  error  .+  xml-syntax\\n`));
    expect(graph.stderr).toBe(validate.stdout);
    expect(convert.stderr).toBe(validate.stdout);
  });
});
