/**
 * The package as a user gets it: `npm pack`, installed into a fresh `npm init -y` project in a
 * temporary folder (type commonjs, no tsconfig, nothing of this repository's), then used the
 * way the README says: a TypeScript flow built, linted, simulated and tested; `dialplan init`
 * and every command its "Next:" prints; the published .d.ts holding wrong nesting and an
 * incomplete amd to be type errors, and docs/dsl.md's own example to compile and run.
 *
 * Speed: the tarball is packed from the current dist/ (npm test's CI job builds it through
 * `npm ci`'s prepare; locally, `npm run build` first) and installed with --ignore-scripts and
 * --prefer-offline (npm's cache, ~10 s). That install is also what a strict install-script
 * policy does, so the first check is the message a missing native module gives. Then the
 * native modules this checkout already built are copied in, as their install scripts would
 * have built them (same Node, same platform); only when the installed libxmljs2 is another
 * version than the checkout's is it rebuilt (npm rebuild, a minute or two).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TSC = join(REPO, 'node_modules/typescript/bin/tsc');

/** Runs a command line in a folder of the project; never inherits a terminal. */
function sh(cwd: string, line: string, timeout = 120_000) {
  const r = spawnSync('sh', ['-c', line], { cwd, encoding: 'utf8', timeout, env: { ...process.env, NO_COLOR: '1', CALLFIRE_USERNAME: '', CALLFIRE_PASSWORD: '' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, out: `${r.stdout}\n${r.stderr}` };
}

const version = (dir: string) => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;

// A flow as a user writes it: the import the README shows, a helper, a menu, a transfer.
const FLOW = `import { dialplan, type BlockBuilder } from 'callfire-dialplan';

const goodbye = (b: BlockBuilder) => b.play('Goodbye.').hangup();

export default dialplan({ name: 'Root' })
  .menu({ name: 'main', maxDigits: 1, timeout: 5000 }, (m) =>
    m
      .play('Press 1 for sales, 2 to leave a message.')
      .keypress('1', (k) => k.transfer('12135551234', { timeout: 25 }).pipe(goodbye))
      .keypress('2', (k) => k.stash('choice', 'message').pipe(goodbye))
      .keypress('default', (k) => k.goto('main'))
      .keypress('timeout', goodbye),
  );
`;
const SCENARIOS = `plan: ./order.ts
scenarios:
  - name: sales
    keys: [1]
    expect: [transfers to 12135551234]
  - name: message
    keys: [2]
    expect: [stashes choice=message, ends with hangup]
  - name: a wrong key, then silence
    keys: [7, timeout]
    expect: [says Goodbye., ends with hangup]
`;
// Type checks against the published declarations: each @ts-expect-error must be an error
// (tsc reports an unused one), the rest must compile.
const TYPES_OK = `import { dialplan } from 'callfire-dialplan';

// @ts-expect-error keypress exists only inside a menu
dialplan().keypress('1', (k) => k.hangup());
// @ts-expect-error live exists only inside amd
dialplan().live((l) => l);
// @ts-expect-error an amd without machine
dialplan().amd((x) => x.live((l) => l.play('hi')));
// @ts-expect-error a second live
dialplan().amd((x) => x.live((l) => l.play('hi')).live((l) => l).machine((m) => m));
// @ts-expect-error keypress inside a keypress
dialplan().menu((m) => m.keypress('1', (k) => k.keypress('2', (k2) => k2)));

export const plan = dialplan({ name: 'Root' })
  .amd((a) => a.live((l) => l.menu((m) => m.play('Press 1.').keypress('1', (k) => k.hangup()))).machine((m) => m.play('Call us.').hangup()))
  .toXml();
`;
// The same mistakes without the directives: tsc must report each of them.
const TYPES_WRONG = `import { dialplan } from 'callfire-dialplan';
dialplan().keypress('1', (k) => k.hangup());
dialplan().amd((x) => x.live((l) => l.play('hi')));
dialplan().amd((x) => x.live((l) => l).live((l) => l).machine((m) => m));
`;

// The README's library calls against the installed package, each import from the entry the
// README's Library API table names; a plan built with the DSL, its tree and its XML give the
// same answers, a wrong value a TypeError; the sandbox takes a broadcast from the client.
const LIBRARY = `import assert from 'node:assert/strict';
import { dialplan, parse, compile, validate, lint, simulate } from 'callfire-dialplan';
import { fixDialplan, format } from 'callfire-dialplan/lint';
import { generateScenarios, runScenario } from 'callfire-dialplan/simulate';
import { expectCall } from 'callfire-dialplan/testing';
import { toMermaid, toDot, toHtml, toSvg, callFlow, lintOverlay } from 'callfire-dialplan/graph';
import { diffPlans, formatDiff, diffOverlay } from 'callfire-dialplan/diff';
import { toTypeScript } from 'callfire-dialplan/codegen';
import { CallFireClient, parseNumbers } from 'callfire-dialplan/broadcast';
import { startSandbox } from 'callfire-dialplan/sandbox';
import { isPhone, dialplanSchemaPath } from 'callfire-dialplan/catalog';
import { existsSync } from 'node:fs';

const plan = dialplan({ name: 'Root' })
  .menu({ name: 'main', maxDigits: 1, timeout: 5000 }, (m) => m
    .play('Press 1 for sales, 2 for support.', { voice: 'female2' })
    .keypress('1', (k) => k.transfer(['12135551234', '12135559876'], { mode: 'waterfall', timeout: 25 }))
    .keypress('2', (k) => k.play('Goodbye').stash('choice', 'support').hangup())
    .keypress('default', (k) => k.goto('main')))
  .hangup();
const xml = plan.toXml();
const tree = parse(xml).document;
assert.deepEqual(validate(plan), { ok: true, diagnostics: [] });
assert.equal(lint(xml).ok, true);
await expectCall(plan).press('2').toStash('choice', 'support');
assert.equal((await simulate(xml, { keys: ['1'] })).ended, 'transfer');
for (const [name, f] of Object.entries({ compile, toTypeScript, toMermaid, toDot, toSvg, toHtml, callFlow, generateScenarios, format })) {
  const a = JSON.stringify(await f(tree));
  assert.equal(JSON.stringify(await f(xml)), a, name);
  assert.ok(String(a).includes('12135551234'), name);
  // the TypeError names the function called, not one it runs underneath
  await assert.rejects(async () => f(42), (e) => e instanceof TypeError && e.message.startsWith(name + '() takes') && e.message.includes('got a number'), name);
}
for (const [name, f] of Object.entries({ lint, validate, simulate, expectCall, runScenario: (p) => runScenario(p, { name: 's', script: {}, expect: [] }) })) {
  await assert.rejects(async () => f(42), (e) => e instanceof TypeError && e.message.startsWith(name + '() takes a plan built with the DSL, a syntax tree, or XML text; got a number'), name);
}
assert.equal(compile(plan), compile(xml));
const typo = xml.replace('<goto>main</goto>', '<goto>mian</goto>');
assert.equal(fixDialplan(typo).text, xml);
assert.ok(lintOverlay(callFlow(typo), lint(typo).diagnostics).nodes.some((n) => n.marks?.length));
const changed = diffPlans(xml, xml.replace('timeout="25"', 'timeout="45"'));
assert.match(formatDiff(changed), /timeout "25" → "45"/);
assert.ok(diffOverlay(tree, changed).nodes.some((n) => n.marks?.length));
assert.deepEqual(parseNumbers('13105551212\\n(310) 555-1213\\n').numbers, ['13105551212', '3105551213']);
assert.ok(isPhone('12135551234') && existsSync(dialplanSchemaPath()));

const sandbox = await startSandbox({ port: 0 });
try {
  const { username, password } = sandbox.credentials;
  const client = new CallFireClient({ endpoint: sandbox.url, username, password });
  const request = { BroadcastName: 'readme', ToNumber: ['13105551212'], IvrBroadcastConfig: { FromNumber: '12135551100', DialplanXml: xml } };
  assert.equal((await client.previewSendCall(request)).ok, true);
  const { broadcastId } = await client.sendCall(request);
  assert.equal((await client.getBroadcast(broadcastId)).Name, 'readme');
} finally {
  await sandbox.close();
}
console.log('all calls ran');
`;

const enabled = process.env['DIALPLAN_SKIP_CONSUMER'] !== '1';

describe.runIf(enabled)('the packed package in a fresh npm project', () => {
  let work: string;
  let project: string;

  beforeAll(() => {
    if (!existsSync(join(REPO, 'dist/index.js')) || !existsSync(join(REPO, 'dist/index.d.ts'))) {
      throw new Error('dist/ is not built: run "npm run build" first');
    }
    work = mkdtempSync(join(tmpdir(), 'consumer-'));
    const packed = sh(REPO, `npm pack --ignore-scripts --silent --pack-destination "${work}"`);
    expect(packed.code, packed.out).toBe(0);
    const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
    project = join(work, 'project');
    mkdirSync(project);
    expect(sh(project, 'npm init -y').code).toBe(0);
    const installed = sh(project, `npm install --ignore-scripts --prefer-offline --no-audit --no-fund "${tarball}"`, 240_000);
    expect(installed.code, installed.out).toBe(0);
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  }, 120_000);

  it('without its install scripts, says so and what to do (exit 2), then works once the native modules are there', () => {
    writeFileSync(join(project, 'good.xml'), '<dialplan name="Root"><play type="tts">Hello.</play><hangup/></dialplan>\n');
    const missing = sh(project, 'npx --no-install dialplan validate good.xml');
    expect(missing.code, missing.out).toBe(2);
    expect(missing.stderr).toContain('libxml2 could not be loaded');
    expect(missing.stderr).toContain('npm rebuild libxmljs2');
    expect(missing.stdout).not.toContain('xml-syntax');

    const lib = join(project, 'node_modules/libxmljs2');
    if (version(lib) === version(join(REPO, 'node_modules/libxmljs2'))) {
      cpSync(join(REPO, 'node_modules/libxmljs2/build'), join(lib, 'build'), { recursive: true });
    } else {
      expect(sh(project, 'npm rebuild libxmljs2', 600_000).code).toBe(0);
    }
    const helper = join(REPO, 'build/Release/dialplan_xsd.node');
    if (existsSync(helper)) cpSync(helper, join(project, 'node_modules/callfire-dialplan/build/Release/dialplan_xsd.node'));
    const ok = sh(project, 'npx --no-install dialplan validate good.xml');
    expect(ok.code, ok.out).toBe(0);
  }, 600_000);

  it('builds, lints, simulates and tests a TypeScript flow in a "type": "commonjs" project', () => {
    expect((JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { type?: string }).type ?? 'commonjs').toBe('commonjs');
    mkdirSync(join(project, 'ivr'), { recursive: true });
    writeFileSync(join(project, 'ivr/order.ts'), FLOW);
    writeFileSync(join(project, 'ivr/order.scenarios.yaml'), SCENARIOS);

    const built = sh(project, 'npx --no-install dialplan build ivr/order.ts');
    expect(built.code, built.out).toBe(0);
    expect(built.stdout).toMatch(/^<dialplan name="Root">/);
    const linted = sh(project, 'npx --no-install dialplan lint ivr/order.ts --max-warnings 0');
    expect(linted.code, linted.out).toBe(0);
    expect(linted.stdout).toContain('1 file checked, no problems');
    const simulated = sh(project, 'npx --no-install dialplan simulate ivr/order.ts --keys 2');
    expect(simulated.code, simulated.out).toBe(0);
    // the transcript's lines are the flow's: where the stash was built
    const stashLine = FLOW.split('\n').findIndex((l) => l.includes(".stash('choice'")) + 1;
    expect(simulated.stdout).toMatch(new RegExp(`^\\s+${stashLine}  stash choice = "message"$`, 'm'));
    // and the library loads through require() too (the exports map has a default condition)
    const required = sh(project, `node -e "process.stdout.write(require('callfire-dialplan').dialplan().hangup().toXml({ pretty: false }))"`);
    expect(required.stdout, required.out).toBe('<dialplan><hangup/></dialplan>');
    const tested = sh(project, 'npx --no-install dialplan test ivr/order.scenarios.yaml --coverage --min-coverage 100');
    expect(tested.code, tested.out).toBe(0);
    expect(tested.stdout).toContain('3 scenarios: 3 passed, 0 failed');

    // a finding points at the flow's line, in every format
    writeFileSync(join(project, 'ivr/typo.ts'), FLOW.replace("k.goto('main')", "k.goto('mian')"));
    const gotoAt = FLOW.split('\n').findIndex((l) => l.includes("k.goto('main')"));
    const column = FLOW.split('\n')[gotoAt]!.indexOf('goto(') + 1;
    const github = sh(project, 'npx --no-install dialplan lint ivr/typo.ts --format github');
    expect(github.code).toBe(1);
    expect(github.stdout).toContain(`::error file=ivr/typo.ts,line=${gotoAt + 1},col=${column},title=unknown-goto-target::`);
  }, 120_000);

  it('dialplan init writes a project whose every "Next:" step passes there', () => {
    // a project under version control, as most are (init then sets up git's diff driver itself)
    expect(sh(project, 'git init -q').code).toBe(0);
    const init = sh(project, 'npx --no-install dialplan init');
    expect(init.code, init.out).toBe(0);
    const next = init.stdout.slice(init.stdout.indexOf('Next:\n') + 'Next:\n'.length).split('\n').map((l) => l.trim()).filter((l) => l !== '');
    // the package is installed already: nothing asks to install it again
    expect(next.some((l) => l.startsWith('npm install'))).toBe(false);
    expect(next.length).toBeGreaterThanOrEqual(4);
    for (const step of next) {
      const r = sh(project, step);
      expect(r.code, `${step}\n${r.out}`).toBe(0);
    }
    // $schema paths resolve from where the files are
    for (const file of ['.dialplanrc.json', 'broadcast.json']) {
      const { $schema } = JSON.parse(readFileSync(join(project, file), 'utf8')) as { $schema: string };
      expect(existsSync(join(project, $schema)), `${file}: ${$schema}`).toBe(true);
    }
    // the tsconfig it wrote type-checks the starter flow against the published types
    const checked = sh(project, `node "${TSC}" -p tsconfig.json`);
    expect(checked.code, checked.out).toBe(0);
  }, 180_000);

  it('the published .d.ts makes wrong nesting and an incomplete amd type errors', () => {
    const dir = join(project, 'types');
    mkdirSync(dir, { recursive: true });
    const base = { compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: true, types: [] } };
    writeFileSync(join(dir, 'ok.ts'), TYPES_OK);
    writeFileSync(join(dir, 'wrong.ts'), TYPES_WRONG);
    writeFileSync(join(dir, 'tsconfig.ok.json'), JSON.stringify({ ...base, files: ['ok.ts'] }));
    writeFileSync(join(dir, 'tsconfig.wrong.json'), JSON.stringify({ ...base, files: ['wrong.ts'] }));
    const ok = sh(dir, `node "${TSC}" -p tsconfig.ok.json`);
    expect(ok.code, ok.out).toBe(0);
    const wrong = sh(dir, `node "${TSC}" -p tsconfig.wrong.json`);
    expect(wrong.code).not.toBe(0);
    // one error on each of the three wrong lines, none elsewhere
    const lines = [...wrong.stdout.matchAll(/^wrong\.ts\((\d+),\d+\): error/gm)].map((m) => Number(m[1]));
    expect([...new Set(lines)]).toEqual([2, 3, 4]);
  }, 60_000);

  it('every entry\'s published .d.ts type-checks with skipLibCheck off, without @types/node', () => {
    // a strict consumer checks the declarations it reaches; one node: import among them fails
    // a project that has no @types/node (a flow author's need not)
    const { exports } = JSON.parse(readFileSync(join(project, 'node_modules/callfire-dialplan/package.json'), 'utf8')) as { exports: Record<string, unknown> };
    const entries = Object.keys(exports).filter((k) => k !== './package.json' && !k.includes('*')).map((k) => (k === '.' ? 'callfire-dialplan' : `callfire-dialplan/${k.slice(2)}`));
    const dir = join(project, 'strict-types');
    mkdirSync(dir, { recursive: true });
    // one file per entry, one tsc run for all (its errors name the .d.ts they are in)
    const files = entries.map((entry, i) => {
      writeFileSync(join(dir, `e${i}.ts`), `import * as entry from '${entry}';\nexport const names = Object.keys(entry);\n`);
      return `e${i}.ts`;
    });
    const options = { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: false, exactOptionalPropertyTypes: true, types: [] };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files }));
    const checked = sh(dir, `node "${TSC}" -p tsconfig.json`);
    expect(checked.code, checked.out).toBe(0);
  }, 120_000);

  it("docs/dsl.md's example of what fails to compile holds against the published types, and runs", () => {
    const guide = readFileSync(join(project, 'node_modules/callfire-dialplan/docs/dsl.md'), 'utf8');
    const section = guide.slice(guide.indexOf('## What fails to compile, what throws'));
    const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(code).toContain('@ts-expect-error');
    const dir = join(project, 'docs-example');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'example.ts'), code!);
    // node:assert needs Node's types; the user's project would have @types/node for it
    const tsconfig = { compilerOptions: { strict: true, noEmit: true, module: 'nodenext', skipLibCheck: true, types: ['node'], typeRoots: [join(REPO, 'node_modules/@types')] }, files: ['example.ts'] };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    const checked = sh(dir, `node "${TSC}" -p tsconfig.json`);
    expect(checked.code, checked.out).toBe(0);
    const ran = sh(dir, 'npx --no-install tsx example.ts');
    expect(ran.code, ran.out).toBe(0);
  }, 60_000);

  it('every entry of the exports map loads through import and require, and the README\'s library calls run from them', () => {
    const { exports } = JSON.parse(readFileSync(join(project, 'node_modules/callfire-dialplan/package.json'), 'utf8')) as { exports: Record<string, unknown> };
    const entries = Object.keys(exports).filter((k) => k !== './package.json' && !k.includes('*')).map((k) => (k === '.' ? 'callfire-dialplan' : `callfire-dialplan/${k.slice(2)}`));
    expect(entries.length).toBeGreaterThan(10);
    // names per entry, through both conditions: the same, and none empty
    const names = `const entries = ${JSON.stringify(entries)};
const out = {};
for (const e of entries) out[e] = { esm: Object.keys(await import(e)).sort(), cjs: Object.keys(require(e)).sort() };
console.log(JSON.stringify(out));`;
    writeFileSync(join(project, 'entries.mjs'), `import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n${names}\n`);
    const listed = sh(project, 'node entries.mjs');
    expect(listed.code, listed.out).toBe(0);
    const byEntry = JSON.parse(listed.stdout) as Record<string, { esm: string[]; cjs: string[] }>;
    for (const e of entries) {
      expect(byEntry[e]!.esm.length, e).toBeGreaterThan(0);
      expect(byEntry[e]!.cjs, e).toEqual(byEntry[e]!.esm);
    }
    // The README's calls, each from the entry its Library API table names, on one plan in its three forms.
    writeFileSync(join(project, 'library.mjs'), LIBRARY);
    const ran = sh(project, 'node library.mjs');
    expect(ran.code, ran.out).toBe(0);
    expect(ran.stdout.trim().split('\n').at(-1)).toBe('all calls ran');
  }, 120_000);
});
