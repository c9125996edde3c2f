import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallFireClient } from '../../src/broadcast/client.js';
import { startSandbox, type Sandbox } from '../../src/broadcast/sandbox/server.js';
import { run } from '../cli/run.js';
import { fixture, scriptedServer, soap, xpathAll, xpathText } from './helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const PASSWORD = 'cli-secret-pass-4471';
const env = { CALLFIRE_USERNAME: 'cli-user', CALLFIRE_PASSWORD: PASSWORD };
let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, credentials: { username: env.CALLFIRE_USERNAME, password: PASSWORD }, callMs: 200 });
  dir = mkdtempSync(join(tmpdir(), 'send-cli-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('dialplan send --preview', () => {
  it('prints the exact HTTP request with Authorization redacted, and sends nothing', async () => {
    const { code, stdout, stderr } = await run(['send', 'examples/broadcast.json', '--preview'], root, env);
    expect(code).toBe(0);
    expect(stdout.startsWith('POST https://www.callfire.com/api/1.1/soap12/call\n')).toBe(true);
    expect(stdout).toContain('Authorization: Basic [redacted]\n');
    expect(stdout).toContain('Content-Type: application/soap+xml; charset=utf-8; action="http://api.callfire.com/service/wsdl/CallServicePortType/SendCall"');
    expect(stderr).toMatch(/Preview only, nothing was sent: 2 number\(s\), dialplan valid\./);
    expect(stdout + stderr).not.toContain(PASSWORD);
  });

  it('json: adds numbers from --to-file and a flow from --dialplan', async () => {
    const { code, stdout } = await run(
      ['send', 'examples/broadcast.json', '--to-file', 'examples/numbers.csv', '--dialplan', 'test/fixtures/broadcast/reminder-flow.ts', '--preview', '--format', 'json', '--endpoint', sandbox.url],
      root,
      env,
    );
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { ok: boolean; numbers: number; request: { url: string; body: string }; dialplan: { ok: boolean } };
    expect(out).toMatchObject({ ok: true, numbers: 10, dialplan: { ok: true } });
    expect(out.request.url).toBe(`${sandbox.url}/call`);
    expect(xpathAll(out.request.body, "//svc:ToNumber")).toHaveLength(10);
    expect(xpathText(out.request.body, '//svc:ToNumber[@ClientData="patient-2003"]')).toBe('13105550140');
    expect(xpathText(out.request.body, '//svc:ToNumber[@ClientData="patient-2003"]/@C')).toBe('Wednesday, March 5th');
    expect(xpathText(out.request.body, '//data:DialplanXml')).toContain('Press 1 to confirm your appointment.');
  });

  it('exits 1 with the findings when the dialplan has errors', async () => {
    const { code, stderr } = await run(['send', 'examples/broadcast.json', '--dialplan', 'test/fixtures/broadcast/bad-plan.xml', '--preview'], root, env);
    expect(code).toBe(1);
    expect(stderr).toMatch(/bad-plan\.xml:3:\d+/);
    expect(stderr).toMatch(/would be refused/);
  });
});

describe('dialplan send', () => {
  it('submits to the sandbox and prints { broadcastId, requestId }', async () => {
    const { code, stdout } = await run(['send', 'examples/broadcast.json', '--endpoint', sandbox.url, '--format', 'json'], root, env);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { broadcastId: number; requestId: string };
    expect(out.requestId).toMatch(/^urn:uuid:/);
    const client = new CallFireClient({ endpoint: sandbox.url, env });
    expect((await client.getBroadcast(out.broadcastId)).Name).toBe('Appointment reminders');
  });

  it('text: prints the id alone on stdout; CALLFIRE_ENDPOINT works too', async () => {
    const { code, stdout, stderr } = await run(['send', 'examples/broadcast.json'], root, { ...env, CALLFIRE_ENDPOINT: sandbox.url });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\n$/);
    expect(stderr).toMatch(/Follow it: dialplan status \d+/);
  });

  it('sends VOICE broadcasts too, and reports progress for big lists', async () => {
    const voice = file('voice.json', JSON.stringify({ BroadcastName: 'Voice', ToNumber: ['13105551212'], VoiceBroadcastConfig: { LiveSoundText: 'Hello', MachineSoundText: 'Call us back' } }));
    const many = file('many.txt', Array.from({ length: 1500 }, (_, i) => String(12125550000 + i)).join('\n'));
    const { code, stdout, stderr } = await run(['send', voice, '--to-file', many, '--endpoint', sandbox.url, '--format', 'json'], root, env);
    expect(code).toBe(0);
    expect(stderr).toMatch(/Sending SendCall with 1501 numbers to http:\/\/127\.0\.0\.1:\d+\/api\/1\.1\/soap12\/call/);
    const { broadcastId } = JSON.parse(stdout) as { broadcastId: number };
    expect((await new CallFireClient({ endpoint: sandbox.url, env }).getBroadcast(broadcastId)).Type).toBe('VOICE');
    expect((await run(['send', voice, '--dialplan', 'test/fixtures/broadcast/bad-plan.xml'], root, env)).code).toBe(2);
  });

  it('exits 1 and sends nothing for an invalid dialplan, a bad request or bad numbers', async () => {
    const client = new CallFireClient({ endpoint: sandbox.url, env });
    const before = (await client.queryBroadcasts()).TotalResults;
    const bad = await run(['send', 'examples/broadcast.json', '--dialplan', 'test/fixtures/broadcast/bad-plan.xml', '--endpoint', sandbox.url], root, env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Nothing was sent/);
    const wrongField = file('wrong.json', JSON.stringify({ ToNumber: ['13105551212'], IvrBroadcastConfig: { DialplanXml: '<dialplan><hangup/></dialplan>', fromNumber: '1' } }));
    const r2 = await run(['send', wrongField, '--endpoint', sandbox.url], root, env);
    expect(r2.code).toBe(1);
    // the request's problems are reported like lint findings: the broadcast file, the JSON path, the rule
    expect(r2.stderr).toMatch(/wrong\.json \/IvrBroadcastConfig\/fromNumber +error +unknown key "fromNumber" at \/IvrBroadcastConfig .*json-schema\n/);
    expect(r2.stderr).toMatch(/1 problem \(1 error, 0 warnings\) in 1 file\n/);
    const numbers = file('numbers.txt', '13105551212\nnot a number\n');
    const r3 = await run(['send', 'examples/broadcast.json', '--to-file', numbers, '--endpoint', sandbox.url], root, env);
    expect(r3.code).toBe(1);
    expect(r3.stderr).toMatch(/numbers\.txt:2:1 +error +"not a number" is not a phone number .* numbers-file\n/);
    const json = await run(['send', 'examples/broadcast.json', '--to-file', numbers, '--preview', '--format', 'json'], root, env);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { numberProblems: unknown[] }).numberProblems).toEqual([
      { rule: 'numbers-file', severity: 'error', message: expect.stringContaining('"not a number"'), line: 2, column: 1, path: '', data: { value: 'not a number' } },
    ]);
    const notJson = file('broken.json', '{ "ToNumber": [');
    expect((await run(['send', notJson], root, env)).code).toBe(1);
    expect((await client.queryBroadcasts()).TotalResults).toBe(before);
  });

  it('exits 2 on a remote failure, without printing the credentials', async () => {
    const wrong = { CALLFIRE_USERNAME: 'cli-user', CALLFIRE_PASSWORD: 'wrong-password-8812' };
    const { code, stdout, stderr } = await run(['send', 'examples/broadcast.json', '--endpoint', sandbox.url], root, wrong);
    expect(code).toBe(2);
    expect(stderr).toMatch(/HTTP 401/);
    expect(stdout + stderr).not.toContain('wrong-password-8812');
    const none = await run(['send', 'examples/broadcast.json', '--endpoint', sandbox.url], root, {});
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/CALLFIRE_USERNAME/);
  });

  it('exits 2 with the RequestId hint when the answer is not well-formed XML', async () => {
    const server = await scriptedServer([soap(fixture('created-id.xml').slice(0, 120))]);
    try {
      const { code, stderr } = await run(['send', 'examples/broadcast.json', '--endpoint', server.endpoint], root, env);
      expect(code).toBe(2);
      expect(stderr).toMatch(/dialplan send: SendCall: the response is not a SOAP envelope \(not well-formed XML/);
      expect(stderr).toMatch(/The request can be repeated safely: it carries RequestId urn:uuid:/);
    } finally {
      await server.close();
    }
  });

  it('exits 2 on usage errors', async () => {
    expect((await run(['send'], root, env)).code).toBe(2);
    expect((await run(['send', 'examples/broadcast.json', '--nope'], root, env)).code).toBe(2);
    expect((await run(['send', 'examples/broadcast.json', '--format', 'xml'], root, env)).code).toBe(2);
    expect((await run(['send', 'missing.json'], root, env)).code).toBe(2);
  });
});

describe('dialplan status', () => {
  it('json: the broadcast, its stats and its calls once they finish (--wait)', async () => {
    const sent = await run(['send', 'examples/broadcast.json', '--to-file', 'examples/numbers.csv', '--endpoint', sandbox.url, '--format', 'json'], root, env);
    const { broadcastId } = JSON.parse(sent.stdout) as { broadcastId: number };
    const { code, stdout, stderr } = await run(['status', String(broadcastId), '--endpoint', sandbox.url, '--format', 'json', '--wait', '10'], root, env);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { broadcast: { id: number; Status: string }; stats: { ActionStatistics: { Finished: number } }; calls: { Id: number; ToNumber: string; State: string; FinalResult?: string }[] };
    expect(out.broadcast).toMatchObject({ id: broadcastId, Status: 'FINISHED' });
    expect(out.calls).toHaveLength(10);
    for (const c of out.calls) expect(c).toMatchObject({ Id: expect.any(Number), ToNumber: expect.stringMatching(/^\+?\d+$/), State: 'FINISHED', FinalResult: expect.any(String) });
    expect(out.stats.ActionStatistics.Finished).toBe(10);
    expect(stderr).not.toContain(PASSWORD);
  });

  it('text: a summary and a table', async () => {
    const sent = await run(['send', 'examples/broadcast.json', '--endpoint', sandbox.url, '--format', 'json'], root, env);
    const { broadcastId } = JSON.parse(sent.stdout) as { broadcastId: number };
    const { code, stdout } = await run(['status', String(broadcastId), '--endpoint', sandbox.url], root, env);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Broadcast ${broadcastId} "Appointment reminders" \\(IVR\\): (RUNNING|FINISHED)`));
    expect(stdout).toMatch(/Id\s+ToNumber\s+State\s+Result/);
    expect(stdout).toContain('13105551212');
  });

  it('exits 2 for an unknown broadcast or a bad id', async () => {
    const r = await run(['status', '999', '--endpoint', sandbox.url], root, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/NOT_FOUND/);
    expect((await run(['status', 'abc'], root, env)).code).toBe(2);
  });
});

/** `dialplan sandbox` as a real process with `env` (and nothing of this process's CALLFIRE_*), once it prints its address. */
async function sandboxProcess(args: readonly string[], childEnv: Record<string, string>) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CALLFIRE_')));
  // node --import tsx rather than the tsx binary: the binary relays signals through a parent
  // process that gives up (exit 143) when the child is busy for 30 ms on a loaded machine.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'sandbox', '--port', '0', ...args], { cwd: root, env: { ...inherited, ...childEnv } });
  const seen = { out: '', err: '' };
  child.stderr.on('data', (c: Buffer) => (seen.err += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no address printed: ${seen.out} ${seen.err}`));
    }, 15_000);
    child.stdout.on('data', (c: Buffer) => {
      seen.out += c.toString();
      // the address line, then the credentials and the Try lines in the same write or the next
      const m = /listening at (\S+)[\s\S]*\n {2}or [^\n]*\n/.exec(seen.out);
      if (m) {
        clearTimeout(timer);
        resolve(/listening at (\S+)/.exec(seen.out)![1]!);
      }
    });
  });
  const stop = async () => {
    child.kill('SIGTERM');
    return exit;
  };
  return { url, seen, stop };
}

describe('dialplan sandbox (a real process)', () => {
  it('serves until SIGTERM and keeps state in --data; accepts the environment\'s credentials without printing them', async () => {
    const data = join(dir, 'sandbox-state.json');
    const { url, seen, stop } = await sandboxProcess(['--data', data, '--call-ms', '100'], env);
    const client = new CallFireClient({ endpoint: url, env });
    const { broadcastId } = await client.sendCall({ ToNumber: ['13105551212'], IvrBroadcastConfig: { DialplanXml: '<dialplan name="Root"><hangup/></dialplan>' } });
    expect((await client.getBroadcast(broadcastId)).id).toBe(broadcastId);
    expect(await stop()).toBe(0);
    expect(seen.err).toMatch(/SendCall -> 200/);
    expect(seen.out).toContain('Credentials: those in CALLFIRE_USERNAME and CALLFIRE_PASSWORD');
    for (const text of [seen.out, seen.err]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(env.CALLFIRE_USERNAME);
    }
    const restarted = await startSandbox({ port: 0, credentials: { username: env.CALLFIRE_USERNAME, password: PASSWORD }, dataFile: data });
    try {
      expect((await new CallFireClient({ endpoint: restarted.url, env }).getBroadcast(broadcastId)).id).toBe(broadcastId);
    } finally {
      await restarted.close();
    }
  });

  it('without credentials in the environment, starts with its own and prints how to send with them', async () => {
    const { url, seen, stop } = await sandboxProcess([], {});
    try {
      expect(seen.out).toContain('username "sandbox", password "sandbox"');
      expect(seen.out).toContain(`Try: CALLFIRE_USERNAME=sandbox CALLFIRE_PASSWORD=sandbox dialplan send broadcast.json --endpoint ${url}`);
      const ours = new CallFireClient({ endpoint: url, env: { CALLFIRE_USERNAME: 'sandbox', CALLFIRE_PASSWORD: 'sandbox' } });
      const { broadcastId } = await ours.sendCall({ ToNumber: ['13105551212'], IvrBroadcastConfig: { DialplanXml: '<dialplan name="Root"><hangup/></dialplan>' } });
      expect((await ours.getBroadcast(broadcastId)).id).toBe(broadcastId);
      // only those: other credentials are still refused
      await expect(new CallFireClient({ endpoint: url, env }).getBroadcast(broadcastId)).rejects.toThrow(/HTTP 401/);
    } finally {
      expect(await stop()).toBe(0);
    }
  });

  it('refuses to start with only one of CALLFIRE_USERNAME and CALLFIRE_PASSWORD', async () => {
    const r = await run(['sandbox', '--port', '0'], root, { CALLFIRE_USERNAME: 'cli-user' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('CALLFIRE_USERNAME is set but not CALLFIRE_PASSWORD');
  });
});
