/**
 * A flow that imports only the DSL type-checks with `skipLibCheck: false` and no ambient types:
 * the published main entry's declarations need neither soap's, sax's nor Node's (Buffer,
 * node:http). Built against dist/*.d.ts through a symlinked node_modules/callfire-dialplan, as
 * an installed package resolves, without packing (test/consumer/tarball.test.ts packs, but
 * checks with skipLibCheck on). dist/ must be current: `npm run build` first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TSC = join(REPO, 'node_modules/typescript/bin/tsc');

// No @types at all (types: []) and no DOM: only what the package's own declarations bring.
const STRICT = { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: false, types: [], lib: ['es2022'] };

const FLOW = `import { dialplan, call, contact, ref, type BlockBuilder } from 'callfire-dialplan';

const goodbye = (b: BlockBuilder) => b.play(\`Goodbye \${contact.firstName}.\`).hangup();
const plan = dialplan({ name: 'Root' })
  .menu({ name: 'main', maxDigits: 1, timeout: 5000 }, (m) =>
    m.play(\`You called from \${call.callerid}.\`).keypress('1', (k) => k.stash('choice', ref('x')).pipe(goodbye)),
  );
export const xml: string = plan.toXml();
`;

// amd's branches through the published declarations: a user's fragment typed `AmdBuilder` gets
// blocks in live/machine, and the two flags survive in the .d.ts (a second live, or an amd
// without machine, must still be an error there; each @ts-expect-error that compiled would be
// reported as unused).
const AMD_FLOW = `import { dialplan, type AmdBuilder, type BlockBuilder } from 'callfire-dialplan';

type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export const branchIsBlock: Same<Parameters<Parameters<AmdBuilder['live']>[0]>[0], BlockBuilder> = true;

const both = (a: AmdBuilder) => a.live((l) => l.play('Hello.')).machine((m) => m.play('Call us back.').hangup());
export const done: (a: AmdBuilder) => AmdBuilder<true, true> = both;
const liveOnly = (a: AmdBuilder): AmdBuilder<true, false> => a.live((l) => l.hangup());
export const xml: string = dialplan().amd(both).toXml();
// @ts-expect-error an amd without machine
dialplan().amd(liveOnly);
// @ts-expect-error a second live
export const twice = (a: AmdBuilder<true, false>) => a.live((l) => l);
`;

describe('a consumer of the DSL alone', () => {
  let dir: string;
  const tsc = (files: Record<string, string>, entry: string, options: Record<string, unknown> = {}) => {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...STRICT, ...options }, files: [entry] }));
    const r = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.json', '--listFiles'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, out: `${r.stdout}${r.stderr}`, files: r.stdout.split('\n').filter((l) => l.endsWith('.d.ts')) };
  };

  beforeAll(() => {
    if (!existsSync(join(REPO, 'dist/index.d.ts'))) throw new Error('dist/ is not built: run "npm run build" first');
    dir = mkdtempSync(join(tmpdir(), 'dsl-types-'));
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(REPO, join(dir, 'node_modules/callfire-dialplan'), 'dir');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('type-checks with skipLibCheck false and loads no declarations of soap, sax or Node', () => {
    const r = tsc({ 'flow.ts': FLOW }, 'flow.ts');
    expect(r.out.split('\n').filter((l) => l.includes('error TS'))).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.files.some((f) => f.endsWith('/dist/index.d.ts'))).toBe(true); // the list is real
    expect(r.files.filter((f) => /node_modules\/(soap|sax|saxes|@types\/node|axios|libxmljs2)\//.test(f))).toEqual([]);
  }, 120_000);

  it("amd's builder keeps its branch type and both flags in the declarations", () => {
    const r = tsc({ 'amd-flow.ts': AMD_FLOW }, 'amd-flow.ts');
    expect(r.out.split('\n').filter((l) => l.includes('error TS'))).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.files.some((f) => f.endsWith('/dist/index.d.ts'))).toBe(true);
  }, 120_000);

  // broadcast and sandbox speak HTTP and need Node's types (node:http, URL); the rest do not
  it.each(['lint', 'simulate', 'testing', 'graph', 'diff', 'codegen', 'catalog', 'lsp'])('callfire-dialplan/%s type-checks the same way', (entry) => {
    const r = tsc({ [`${entry}.ts`]: `import * as m from 'callfire-dialplan/${entry}';\nexport const names: string[] = Object.keys(m);\n` }, `${entry}.ts`);
    expect(r.out.split('\n').filter((l) => l.includes('error TS'))).toEqual([]);
    expect(r.files.some((f) => f.endsWith(`/dist/entries/${entry}.d.ts`))).toBe(true);
  }, 120_000);

  // With Node's types, as a project using them has: soap's declarations must still stay out,
  // since they import sax, whose types (@types/sax) a consumer would have to install.
  it.each(['broadcast', 'sandbox'])('callfire-dialplan/%s type-checks with Node types and loads no declarations of soap or sax', (entry) => {
    const r = tsc({ [`${entry}.ts`]: `import * as m from 'callfire-dialplan/${entry}';\nexport const names: string[] = Object.keys(m);\n` }, `${entry}.ts`, {
      types: ['node'],
      typeRoots: [join(REPO, 'node_modules/@types')],
    });
    expect(r.out.split('\n').filter((l) => l.includes('error TS'))).toEqual([]);
    expect(r.files.some((f) => f.endsWith(`/dist/entries/${entry}.d.ts`))).toBe(true);
    expect(r.files.some((f) => f.includes('/@types/node/'))).toBe(true); // Node's types were there
    expect(r.files.filter((f) => /node_modules\/(soap|sax|saxes|axios|libxmljs2)\//.test(f))).toEqual([]);
  }, 120_000);

  it('the same setup has no Node types, so a declaration that needed them would fail', () => {
    const r = tsc({ 'needs-node.ts': `export const b: Buffer | undefined = undefined;\n` }, 'needs-node.ts');
    expect(r.code).not.toBe(0);
    expect(r.out).toContain("Cannot find name 'Buffer'");
  }, 120_000);
});
