import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const INDEX = fileURLToPath(new URL('../../src/index.js', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const FILES = ['flows/delivery.ts', 'flows/delivery.scenarios.yaml', '.dialplanrc.json', 'broadcast.json', '.github/workflows/dialplans.yml'];

describe('dialplan init', () => {
  const parent = mkdtempSync(join(tmpdir(), 'init-'));
  const dir = join(parent, 'ivr');

  it('writes a starter project and says what to run next', async () => {
    const r = await run(['init', 'ivr', '--import-from', INDEX], parent);
    expect(r.code).toBe(0);
    for (const f of FILES) expect(existsSync(join(dir, f))).toBe(true);
    expect(r.stdout).toMatch(/^Starter project in ivr:\n {2}flows\/delivery\.ts\n/);
    expect(r.stdout).toContain('cd ivr');
    expect(readFileSync(join(dir, 'flows/delivery.ts'), 'utf8')).toContain(`from '${INDEX}'`);
  });

  it('writes examples/delivery.ts and its scenarios, changing only where they import the DSL and find the plan', () => {
    const example = readFileSync(join(REPO, 'examples/delivery.ts'), 'utf8');
    const flow = readFileSync(join(dir, 'flows/delivery.ts'), 'utf8');
    expect(flow).toBe(example.replace("from '../src/index.js';", `from '${INDEX}';`));
    expect(flow).not.toBe(example);
    const scenarios = readFileSync(join(REPO, 'examples/scenarios/delivery.scenarios.yaml'), 'utf8');
    expect(readFileSync(join(dir, 'flows/delivery.scenarios.yaml'), 'utf8')).toBe(scenarios.replace('plan: ../delivery.ts', 'plan: ./delivery.ts'));
  });

  it('gives a flow that lints clean, passes its scenarios with full branch coverage and previews as a broadcast', async () => {
    expect(await run(['lint', 'flows/delivery.ts', '--max-warnings', '0'], dir)).toMatchObject({ code: 0 });
    const tested = await run(['test', 'flows/delivery.scenarios.yaml', '--coverage', '--min-coverage', '100'], dir);
    expect(tested.stderr).toBe('');
    expect(tested.code).toBe(0);
    const preview = await run(['send', 'broadcast.json', '--dialplan', 'flows/delivery.ts', '--preview'], dir, {});
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('POST https://www.callfire.com/api/1.1/soap12/call');
  }, 60_000);

  it('writes package.json (ES module, the scripts the workflow names) and tsconfig.json; Next installs what is missing', async () => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { type: string; scripts: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.type).toBe('module');
    expect(Object.keys(pkg.scripts)).toEqual(['lint', 'test', 'build']);
    expect(Object.keys(pkg.devDependencies)).toEqual(['callfire-dialplan']);
    expect(JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8'))).toMatchObject({ compilerOptions: { strict: true, noEmit: true }, include: ['flows'] });
    // no lockfile in a new project: the workflow must not insist on npm ci
    expect(readFileSync(join(dir, '.github/workflows/dialplans.yml'), 'utf8')).toContain('if [ -f package-lock.json ]; then npm ci; else npm install; fi');
  });

  it('adds its scripts to a package.json saved with a byte-order mark', async () => {
    const project = mkdtempSync(join(tmpdir(), 'init-bom-'));
    writeFileSync(join(project, 'package.json'), `\ufeff${JSON.stringify({ name: 'x', version: '1.0.0' }, null, 2)}`);
    const r = await run(['init', '--import-from', INDEX], project);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('package.json (scripts added: lint, test, build)');
    const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { name: string; scripts: Record<string, string> };
    expect(pkg.name).toBe('x');
    expect(Object.keys(pkg.scripts)).toEqual(expect.arrayContaining(['lint', 'test', 'build']));
  });

  it('in a project made by npm init -y, with the package installed: scripts added, $schema paths that resolve, no install step', async () => {
    const project = mkdtempSync(join(tmpdir(), 'init-npm-'));
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(REPO, join(project, 'node_modules', 'callfire-dialplan'), 'dir');
    const npmInit = { name: 'x', version: '1.0.0', main: 'index.js', scripts: { test: 'echo "Error: no test specified" && exit 1' }, type: 'commonjs' };
    writeFileSync(join(project, 'package.json'), JSON.stringify(npmInit, null, 2));
    mkdirSync(join(project, 'ivr'));
    const r = await run(['init', 'ivr', '--import-from', INDEX], project);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('npm install');
    expect(r.stdout).toContain('package.json (new)');
    // the folder's own package.json is new; the outer one is left alone
    expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'))).toEqual(npmInit);
    for (const file of ['.dialplanrc.json', 'broadcast.json']) {
      const { $schema } = JSON.parse(readFileSync(join(project, 'ivr', file), 'utf8')) as { $schema: string };
      expect($schema.startsWith('../node_modules/callfire-dialplan/schemas/')).toBe(true);
      expect(existsSync(resolve(project, 'ivr', $schema))).toBe(true);
    }
    const here = await run(['init', '--import-from', INDEX], project);
    expect(here.code).toBe(0);
    expect(here.stdout).toContain('package.json (scripts added: lint, test, build)');
    const updated = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as typeof npmInit;
    expect(updated.type).toBe('commonjs');
    expect(updated.scripts.test).toBe('dialplan test flows/*.scenarios.yaml --coverage --min-coverage 100');
    expect(here.stdout).toContain('npm test');
  });

  it('refuses to overwrite files unless --force', async () => {
    const again = await run(['init', 'ivr'], parent);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('these files exist already, and --force would overwrite them: flows/delivery.ts, flows/delivery.scenarios.yaml');
    expect((await run(['init', 'ivr', '--force', '--import-from', INDEX], parent)).code).toBe(0);
  });
});
