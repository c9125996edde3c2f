/**
 * `dialplan send --api v2` and `dialplan status --api v2` against the sandbox's /v2 over real
 * HTTP: preview, submit, the same status report as API 1.1 for the same broadcast file, the
 * retry by --request-id, and the usage errors.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/broadcast/sandbox/server.js';
import { run } from '../../cli/run.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const PASSWORD = 'v2-cli-secret-9931';
const env = { CALLFIRE_USERNAME: 'v2-user', CALLFIRE_PASSWORD: PASSWORD };
let sandbox: Sandbox;
let v2: string;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, credentials: { username: env.CALLFIRE_USERNAME, password: PASSWORD }, callMs: 30 });
  v2 = sandbox.v2Url;
  dir = mkdtempSync(join(tmpdir(), 'send-v2-cli-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** The report without what differs between two broadcasts of the same file: ids, times, labels. */
function comparable(report: string): string {
  return report.replace(/\b\d{7}\b/g, '#').replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, 'T');
}

describe('dialplan send --api v2', () => {
  it('--preview prints the exact HTTP request, redacted, and sends nothing', async () => {
    const { code, stdout, stderr } = await run(['send', 'examples/broadcast.json', '--api', 'v2', '--preview', '--endpoint', v2], root, env);
    expect(code).toBe(0);
    expect(stdout.startsWith(`POST ${v2}/calls/broadcasts?start=true&strictValidation=true\n`)).toBe(true);
    expect(stdout).toContain('Authorization: Basic [redacted]\n');
    expect(stdout).toContain('Content-Type: application/json; charset=utf-8\n');
    const body = JSON.parse(stdout.slice(stdout.indexOf('\n\n') + 2)) as { recipients: unknown[]; localTimeRestriction: unknown };
    expect(body.recipients).toHaveLength(2);
    expect(body.localTimeRestriction).toEqual({ enabled: true, beginHour: 9, beginMinute: 0, endHour: 19, endMinute: 0 });
    expect(stderr).toMatch(/Preview only \(API 2\.0\), nothing was sent: 2 number\(s\), dialplan valid, label request:[0-9a-f-]{36}\./);
    expect(stdout + stderr).not.toContain(PASSWORD);
    const list = await run(['status', '1', '--api', 'v2', '--endpoint', v2], root, env);
    expect(list.code).toBe(2); // nothing was created
  });

  it('CALLFIRE_API=v2 chooses API 2.0 too; a bad value is a usage error', async () => {
    const chosen = await run(['send', 'examples/broadcast.json', '--preview'], root, { ...env, CALLFIRE_API: 'v2' });
    expect(chosen.stdout.startsWith('POST https://api.callfire.com/v2/calls/broadcasts?')).toBe(true);
    const bad = await run(['send', 'examples/broadcast.json', '--preview', '--api', '3'], root, env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--api must be 1.1 or v2; got "3"');
  });

  it('says how many duplicates ScrubBroadcastDuplicates leaves out', async () => {
    const request = JSON.parse(readFileSync(join(root, 'examples/broadcast.json'), 'utf8')) as { ToNumber: unknown[] };
    const path = file('dups.json', { ...request, ToNumber: [...request.ToNumber, '13105551212', '+13105551212'] });
    const { code, stderr } = await run(['send', path, '--api', 'v2', '--preview'], root, env);
    expect(code).toBe(0);
    expect(stderr).toContain('2 number(s), 2 duplicate(s) left out (ScrubBroadcastDuplicates)');
  });

  it('refuses a field with no API 2.0 counterpart before sending anything', async () => {
    const request = JSON.parse(readFileSync(join(root, 'examples/broadcast.json'), 'utf8')) as { IvrBroadcastConfig: object };
    const path = file('seconds.json', { ...request, IvrBroadcastConfig: { ...request.IvrBroadcastConfig, LocalTimeZoneRestriction: { BeginTime: '09:00:15' } } });
    const { code, stderr } = await run(['send', path, '--api', 'v2', '--endpoint', v2], root, env);
    expect(code).toBe(1);
    expect(stderr).toMatch(/seconds\.json \/IvrBroadcastConfig\/LocalTimeZoneRestriction\/BeginTime +error +.*whole minutes.* request\n/);
    expect(stderr).toContain('Nothing was sent.');
  });

  it("a file in API 2.0's shape needs --api v2", async () => {
    const path = file('own.json', { name: 'Own', fromNumber: '12135551189', recipients: [{ phoneNumber: '13105551212' }], dialplanXml: '<dialplan name="Root"><hangup/></dialplan>' });
    const v1 = await run(['send', path, '--preview'], root, env);
    expect(v1.code).toBe(1);
    expect(v1.stderr).toContain("written in API 2.0's CallBroadcast shape");
    const ok = await run(['send', path, '--preview', '--api', 'v2', '--format', 'json'], root, env);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, api: 'v2', numbers: 1 });
  });

  it('submits to the sandbox, and status --api v2 prints the same report as 1.1 does for the same file', async () => {
    const sent2 = await run(['send', 'examples/broadcast.json', '--api', 'v2', '--endpoint', v2], root, env);
    expect(sent2.code).toBe(0);
    const id2 = sent2.stdout.trim();
    expect(sent2.stderr).toContain(`Follow it: dialplan status ${id2} --api v2 --endpoint ${v2}`);
    const sent1 = await run(['send', 'examples/broadcast.json', '--endpoint', sandbox.url], root, env);
    expect(sent1.code).toBe(0);
    const id1 = sent1.stdout.trim();
    const status2 = await run(['status', id2, '--api', 'v2', '--endpoint', v2, '--wait', '30'], root, env);
    const status1 = await run(['status', id1, '--endpoint', sandbox.url, '--wait', '30'], root, env);
    expect(status2.code).toBe(0);
    expect(status1.code).toBe(0);
    expect(status2.stdout).toMatch(/^Broadcast \d+ "Appointment reminders" \(IVR\): FINISHED\n/);
    expect(comparable(status2.stdout)).toBe(comparable(status1.stdout));
    // The calls' stashed answers come through questionResponses.
    const json2 = JSON.parse((await run(['status', id2, '--api', 'v2', '--endpoint', v2, '--format', 'json'], root, env)).stdout) as { calls: { Responses: object; ClientData?: string }[] };
    const json1 = JSON.parse((await run(['status', id1, '--endpoint', sandbox.url, '--format', 'json'], root, env)).stdout) as { calls: { Responses: object }[] };
    expect(json2.calls.map((c) => c.Responses)).toEqual(json1.calls.map((c) => c.Responses));
    expect(json2.calls.map((c) => c.ClientData)).toEqual([undefined, 'patient-1042']);
  });

  it('a retry with --request-id finds the first broadcast and creates no second', async () => {
    const first = await run(['send', 'examples/broadcast.json', '--api', 'v2', '--endpoint', v2, '--format', 'json'], root, env);
    const { broadcastId, requestId } = JSON.parse(first.stdout) as { broadcastId: number; requestId: string };
    const again = await run(['send', 'examples/broadcast.json', '--api', 'v2', '--endpoint', v2, '--request-id', requestId.replace('urn:uuid:', '')], root, env);
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe(String(broadcastId));
    expect(again.stderr).toContain('already exists (found by its label; not created again)');
  });

  it('a wrong password is a credentials error (exit 2), unknown ids are 404s', async () => {
    const denied = await run(['status', '1', '--api', 'v2', '--endpoint', v2], root, { ...env, CALLFIRE_PASSWORD: 'wrong' });
    expect(denied.code).toBe(2);
    expect(denied.stderr).toContain('HTTP 401');
    const missing = await run(['status', '424242', '--api', 'v2', '--endpoint', v2], root, env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/HTTP 404.*no call broadcast with id 424242/);
  });
});
