/**
 * Independent SOAP stacks against ours, with CallFire's official WSDL
 * (../shared/reference/callfire-soap-1.1, third-party material, read in place): PHP's
 * SoapClient and Python's zeep call every operation the sandbox implements, and a PHP
 * SoapServer built from the WSDL answers our client. Skipped (reported as such) when the
 * WSDL or a peer is absent; CI installs both (.ci/run).
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallFireClient } from '../../src/broadcast/client.js';
import { startSandbox, type Sandbox } from '../../src/broadcast/sandbox/server.js';

const WSDL = fileURLToPath(new URL('../../../shared/reference/callfire-soap-1.1/callfire-service-http-soap12.wsdl', import.meta.url));
const here = (file: string) => fileURLToPath(new URL(`./interop/${file}`, import.meta.url));
const PYTHON = '/usr/bin/python3';
const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { timeout: 20_000 }).status === 0;
const wsdl = existsSync(WSDL);
const php = wsdl && has('php', ['-r', 'exit(class_exists("SoapClient") && class_exists("SoapServer") ? 0 : 1);']);
const zeep = wsdl && existsSync(PYTHON) && has(PYTHON, ['-c', 'import zeep, lxml, requests']);

/** Runs a peer's script; resolves its JSON output. Bounded: a hung peer fails the test. */
function runPeer(cmd: string, args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 60_000, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} failed: ${err.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as Record<string, unknown>);
    });
  });
}

let sandbox: Sandbox;
let client: CallFireClient;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, callMs: 50 });
  client = new CallFireClient({ endpoint: sandbox.url, ...sandbox.credentials, maxAttempts: 1 });
});
afterAll(() => sandbox.close());

const args = () => [WSDL, sandbox.url, sandbox.credentials.username, sandbox.credentials.password];

describe.skipIf(!php)("PHP's SoapClient against the sandbox", () => {
  it('calls every implemented operation, with a gzip request, and reads its faults', async () => {
    const out = await runPeer('php', [here('php-client.php'), ...args()]);
    const id = out['sendCall'] as number;
    const ours = await client.getBroadcast(id);
    expect(out['getBroadcast']).toEqual({ id, Name: 'From PHP', Type: 'IVR', DialplanXml: ours.IvrBroadcastConfig?.DialplanXml });
    // Calls are still under way: any count up to the two sent, read as numbers.
    expect(out['stats']).toEqual({ Actions: expect.any(Number), Duration: expect.any(Number) });
    expect((out['stats'] as { Actions: number }).Actions).toBeLessThanOrEqual(2);
    // It queried after its first broadcast; its gzip one came later.
    expect(out['queryBroadcasts']).toBe((await client.queryBroadcasts()).TotalResults - 1);
    expect(out['queryCalls']).toEqual({ total: 2, to: ['13105551212', '13105551213'] });
    expect(out['getCall']).toMatchObject({ ClientData: 'php-1' });
    expect(out['afterControl']).toBe('ARCHIVED');
    expect(typeof out['createSound']).toBe('number');
    expect(out['notImplemented']).toMatchObject({ faultCode: 'NOT_IMPLEMENTED', message: expect.stringMatching(/^GetSoundMeta /) });
    expect(out['badRequest']).toMatchObject({ faultCode: 'BAD_REQUEST' });
    expect(await client.getBroadcast(out['gzip'] as number)).toMatchObject({ Type: 'VOICE', Name: 'Café crème' });
  });
});

describe.skipIf(!zeep)("Python's zeep against the sandbox", () => {
  it('calls every implemented operation and reads its faults', async () => {
    const out = await runPeer(PYTHON, [here('zeep-client.py'), ...args()]);
    const id = out['sendCall'] as number;
    const ours = await client.getBroadcast(id);
    expect(out['getBroadcast']).toEqual({ id, Name: 'From zeep', Type: 'IVR', DialplanXml: ours.IvrBroadcastConfig?.DialplanXml });
    // Calls are still under way: any count up to the two sent, read as numbers.
    expect(out['stats']).toEqual({ Actions: expect.any(Number), Duration: expect.any(Number) });
    expect((out['stats'] as { Actions: number }).Actions).toBeLessThanOrEqual(2);
    expect(out['queryCalls']).toEqual({ total: 2, to: ['13105551212', '13105551213'] });
    expect(out['getCall']).toEqual({ id: (await client.queryCalls({ BroadcastId: id })).Call[0]!.id });
    expect(out['afterControl']).toBe('ARCHIVED');
    expect(typeof out['createSound']).toBe('number');
    expect(out['notImplemented']).toMatchObject({ faultCode: 'NOT_IMPLEMENTED', message: expect.stringMatching(/^GetSoundMeta /) });
  });
});

/** A free port on 127.0.0.1 (php -S cannot pick one itself). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** `php -S` serving the SoapServer; resolves once it answers. */
async function phpServer(): Promise<{ endpoint: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn('php', ['-S', `127.0.0.1:${port}`, here('php-server.php')], { env: { ...process.env, WSDL }, stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const c = connect(port, '127.0.0.1', () => {
        c.destroy();
        resolve(true);
      });
      c.on('error', () => resolve(false));
    });
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { endpoint: `http://127.0.0.1:${port}/api/1.1/soap12`, child };
}

describe.skipIf(!php)('a PHP SoapServer built from the WSDL, answering our client', () => {
  it('reads its answers, multi-references included', async () => {
    const { endpoint, child } = await phpServer();
    try {
      const ours = new CallFireClient({ endpoint, username: 'u', password: 'p', maxAttempts: 1, timeoutMs: 10_000 });
      expect((await ours.sendCall({ ToNumber: ['13105551212'], IvrBroadcastConfig: { DialplanXml: '<dialplan name="Root"><hangup/></dialplan>' } })).broadcastId).toBe(4242);
      expect(await ours.getBroadcast(9)).toMatchObject({ id: 9, Name: 'Café crème', Status: 'RUNNING', Type: 'IVR' });
      const calls = await ours.queryCalls({ BroadcastId: 9 });
      expect(calls.TotalResults).toBe(2);
      // PHP wrote the second call's CallRecord as enc:ref to the first's.
      for (const c of calls.Call) expect(c.CallRecord).toEqual([expect.objectContaining({ id: 7, Result: 'LA', Duration: 30, BilledAmount: 0.5 })]);
    } finally {
      child.kill();
    }
  });
});
