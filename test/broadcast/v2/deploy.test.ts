/**
 * `dialplan deploy` against the sandbox's /v2 number lease configs over real HTTP: preview
 * sends nothing, the validation and lint gate, deploying XML and a DSL flow, and --show's
 * comparison as call flows (formatting and comments do not count).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/broadcast/sandbox/server.js';
import { CallFireV2Client } from '../../../src/broadcast/v2/client.js';
import { run } from '../../cli/run.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const env = { CALLFIRE_USERNAME: 'deploy-user', CALLFIRE_PASSWORD: 'deploy-secret-77' };
let sandbox: Sandbox;
let v2: string;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, credentials: { username: env.CALLFIRE_USERNAME, password: env.CALLFIRE_PASSWORD } });
  v2 = `${new URL(sandbox.url).origin}/v2`;
  dir = mkdtempSync(join(tmpdir(), 'deploy-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const PLAN = '<dialplan name="Inbound"><menu name="main" maxDigits="1" timeout="3000"><play type="tts">Press 1 for sales</play><keypress pressed="1"><transfer callerid="${call.callerid}">12135551100</transfer></keypress></menu></dialplan>';

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const deployed = async (number: string) => (await new CallFireV2Client({ endpoint: v2, username: env.CALLFIRE_USERNAME, password: env.CALLFIRE_PASSWORD, env: {} }).numberConfig(number)).ivrInboundConfig?.dialplanXml;

describe('dialplan deploy --api v2', () => {
  it('--preview prints the PUT with the plan, redacted, and sends nothing', async () => {
    const plan = file('preview.xml', PLAN);
    const { code, stdout, stderr } = await run(['deploy', '(213) 555-1200', plan, '--api', 'v2', '--preview', '--endpoint', v2], root, env);
    expect(code).toBe(0);
    expect(stdout.startsWith(`PUT ${v2}/numbers/leases/configs/2135551200\n`)).toBe(true);
    expect(stdout).toContain('Authorization: Basic [redacted]');
    expect(JSON.parse(stdout.slice(stdout.indexOf('\n\n') + 2))).toEqual({ configType: 'IVR', ivrInboundConfig: { dialplanXml: PLAN } });
    expect(stderr).toContain('Preview only (API 2.0), nothing was sent');
    expect(stdout + stderr).not.toContain(env.CALLFIRE_PASSWORD);
    await expect(deployed('2135551200')).rejects.toMatchObject({ status: 404 });
  });

  it('deploys, and --show says the same flow is the same however it is laid out', async () => {
    const plan = file('inbound.xml', PLAN);
    const done = await run(['deploy', '12135551201', plan, '--api', 'v2', '--endpoint', v2], root, env);
    expect(done.code).toBe(0);
    expect(done.stderr).toContain('Deployed');
    expect(await deployed('12135551201')).toBe(PLAN);
    const same = await run(['deploy', '12135551201', plan, '--api', 'v2', '--show', '--endpoint', v2], root, env);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('the same call flow');
    const relaidOut = file('relaid.xml', `<!-- the same plan, laid out -->\n${PLAN.replace(/></g, '>\n  <')}\n`);
    expect((await run(['deploy', '12135551201', relaidOut, '--api', 'v2', '--show', '--endpoint', v2], root, env)).code).toBe(0);
  });

  it('--show exits 1 and lists the changes when the deployed plan differs', async () => {
    const plan = file('changed.xml', PLAN.replace('Press 1 for sales', 'Press 1 for support'));
    const { code, stdout } = await run(['deploy', '12135551201', plan, '--api', 'v2', '--show', '--endpoint', v2], root, env);
    expect(code).toBe(1);
    expect(stdout).toMatch(/1 change\n.*Press 1 for sales.*Press 1 for support/s);
    const json = await run(['deploy', '12135551201', plan, '--api', 'v2', '--show', '--format', 'json', '--endpoint', v2], root, env);
    expect(JSON.parse(json.stdout)).toMatchObject({ same: false, changes: [{ kind: 'changed' }] });
  });

  it('--show on a number with nothing deployed exits 1', async () => {
    const { code, stderr } = await run(['deploy', '12135551299', file('none.xml', PLAN), '--api', 'v2', '--show', '--endpoint', v2], root, env);
    expect(code).toBe(1);
    expect(stderr).toContain('has no configuration');
  });

  it('deploys a flow written with the DSL, compiled', async () => {
    const { code } = await run(['deploy', '12135551202', 'examples/inbound-tree.ts', '--api', 'v2', '--endpoint', v2], root, env);
    expect(code).toBe(0);
    expect(await deployed('12135551202')).toBe(readFileSync(join(root, 'examples/inbound-tree.xml'), 'utf8'));
  });

  it('refuses a plan with errors before sending anything (exit 1)', async () => {
    const bad = file('bad.xml', '<dialplan name="Root"><goto>nowhere</goto></dialplan>');
    const { code, stderr } = await run(['deploy', '12135551203', bad, '--api', 'v2', '--endpoint', v2], root, env);
    expect(code).toBe(1);
    expect(stderr).toContain('nowhere');
    expect(stderr).toContain('Nothing was sent.');
    await expect(deployed('12135551203')).rejects.toMatchObject({ status: 404 });
  });

  it('usage errors: a bad number, --preview with --show (exit 2)', async () => {
    const plan = file('u.xml', PLAN);
    const bad = await run(['deploy', '12x', plan, '--api', 'v2'], root, env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"12x" is not a phone number');
    expect((await run(['deploy', '12135551204', plan, '--api', 'v2', '--preview', '--show'], root, env)).code).toBe(2);
  });

  it('wrong credentials are a remote failure (exit 2)', async () => {
    const { code, stderr } = await run(['deploy', '12135551205', file('c.xml', PLAN), '--api', 'v2', '--endpoint', v2], root, { ...env, CALLFIRE_PASSWORD: 'nope' });
    expect(code).toBe(2);
    expect(stderr).toContain('HTTP 401');
  });
});
