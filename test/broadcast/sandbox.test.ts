import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CallFireClient } from '../../src/broadcast/client.js';
import { CredentialsError, SoapFaultError } from '../../src/broadcast/errors.js';
import { startSandbox, type Sandbox } from '../../src/broadcast/sandbox/server.js';
import { keysFor } from '../../src/broadcast/sandbox/ivr-calls.js';
import { outcome } from '../../src/broadcast/sandbox/outcomes.js';
import type { Call } from '../../src/broadcast/types.js';
import { ivrRequest, xpathText } from './helpers.js';

const credentials = { username: 'sandbox-user', password: 'sandbox-pass-3f9' };
const running: Sandbox[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function sandbox(options: { dataFile?: string; callMs?: number; now?: () => number } = {}) {
  const s = await startSandbox({
    port: 0,
    credentials,
    callMs: options.callMs ?? 200,
    ...(options.dataFile ? { dataFile: options.dataFile } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  running.push(s);
  const client = new CallFireClient({ endpoint: s.url, username: credentials.username, password: credentials.password, maxAttempts: 1 });
  return { s, client };
}

async function allCalls(client: CallFireClient, id: number): Promise<Call[]> {
  const calls: Call[] = [];
  for await (const page of client.queryAllCalls({ BroadcastId: id })) calls.push(...page.Call);
  return calls;
}

/** A clock the test moves by hand, so call states do not depend on how fast the test runs. */
function handClock() {
  let t = Date.UTC(2024, 0, 1);
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

/** Polls until every call is done, at most `ms` (dialplans run in a worker thread that may start slowly on a busy machine). */
async function finished(client: CallFireClient, id: number, ms = 15_000): Promise<Call[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const calls = await allCalls(client, id);
    if (calls.every((c) => c.State !== 'READY' && c.State !== 'SELECTED') || Date.now() > deadline) return calls;
    await new Promise((r) => setTimeout(r, 50));
  }
}

function rawPost(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      let data = '';
      res.on('data', (c: Buffer) => (data += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('sandbox', () => {
  it('listens on 127.0.0.1 at the CallFire paths', async () => {
    const { s } = await sandbox();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/1\.1\/soap12$/);
    await expect(startSandbox({ port: 0, host: '0.0.0.0' as '127.0.0.1', credentials })).rejects.toThrow(/loopback/);
  });

  it('creates one call per number; each advances to a final result that depends only on the number', async () => {
    const clock = handClock();
    const { client } = await sandbox({ now: clock.now });
    const numbers = Array.from({ length: 12 }, (_, i) => `1310555${String(1000 + i)}`);
    const { broadcastId } = await client.sendCall(ivrRequest(numbers));
    const early = await allCalls(client, broadcastId);
    expect(early).toHaveLength(12);
    // No time has passed on the sandbox's clock: no call can have finished.
    for (const c of early) expect(['READY', 'SELECTED']).toContain(c.State);
    expect((await client.getBroadcast(broadcastId)).Status).toBe('RUNNING');
    clock.advance(10 * 200);
    const calls = await finished(client, broadcastId);
    expect(calls.every((c) => c.State === 'FINISHED')).toBe(true);
    for (const c of calls) expect(c.FinalResult).toBe(outcome(c.ToNumber));
    expect(new Set(calls.map((c) => c.FinalResult)).size).toBeGreaterThan(1);
    const b = await client.getBroadcast(broadcastId);
    expect(b).toMatchObject({ id: broadcastId, Name: 'Test broadcast', Type: 'IVR', Status: 'FINISHED' });
    expect(b.IvrBroadcastConfig?.DialplanXml).toBe(ivrRequest().IvrBroadcastConfig.DialplanXml);
    const stats = await client.getBroadcastStats(broadcastId);
    expect(stats.ActionStatistics).toEqual({ Unattempted: 0, RetryWait: 0, Finished: 12 });
    expect(stats.ResultStat.reduce((n, r) => n + r.Actions, 0)).toBe(12);
    // GetCall returns the same call QueryCalls listed.
    expect(await client.getCall(calls[5]!.id)).toEqual(calls[5]);
    // The same number in another broadcast gets the same result.
    const second = await client.sendCall(ivrRequest([numbers[3]!]));
    clock.advance(10 * 200);
    expect((await finished(client, second.broadcastId))[0]!.FinalResult).toBe(calls[3]!.FinalResult);
  });

  it('plays answered IVR calls through the dialplan and reports their <stash> values as QuestionResponse', async () => {
    const { client } = await sandbox();
    const plan = `<dialplan name="Root"><amd><live><menu name="m" maxDigits="1" timeout="3000">
      <play type="tts">Press 1 for yes, 2 for no.</play>
      <keypress pressed="1"><stash varname="answer">yes</stash><hangup/></keypress>
      <keypress pressed="2"><stash varname="answer">no</stash><hangup/></keypress>
      <keypress pressed="timeout"><stash varname="answer">none</stash><hangup/></keypress>
      <keypress pressed="default"><stash varname="answer">other</stash><hangup/></keypress>
    </menu></live><machine><stash varname="answer">machine</stash><hangup/></machine></amd></dialplan>`;
    const numbers = Array.from({ length: 40 }, (_, i) => `1646555${String(4000 + i)}`);
    const { broadcastId } = await client.sendCall({ ToNumber: numbers, IvrBroadcastConfig: { DialplanXml: plan } });
    const calls = await finished(client, broadcastId);
    const expected = (c: Call) => {
      if (c.FinalResult === 'AM') return 'machine';
      const key = keysFor(c.ToNumber)[0];
      return key === '1' ? 'yes' : key === '2' ? 'no' : key === 'timeout' ? 'none' : 'other';
    };
    const answered = calls.filter((c) => c.FinalResult === 'LA' || c.FinalResult === 'AM');
    expect(answered.length).toBeGreaterThan(10);
    for (const c of answered) expect(c.CallRecord.at(-1)!.QuestionResponse).toEqual([{ Question: 'answer', Response: expected(c) }]);
    for (const c of calls.filter((x) => x.FinalResult !== 'LA' && x.FinalResult !== 'AM')) expect(c.CallRecord.at(-1)!.QuestionResponse).toEqual([]);
    expect(new Set(answered.map((c) => c.CallRecord.at(-1)!.QuestionResponse[0]!.Response)).size).toBeGreaterThan(2);
  });

  it('de-duplicates by RequestId: the same id comes back and nothing new is created', async () => {
    const { client } = await sandbox();
    const first = await client.sendCall({ ...ivrRequest(), RequestId: 'urn:uuid:aaaaaaaa-0000-4000-8000-000000000001' });
    const again = await client.sendCall({ ...ivrRequest(['13105559999']), RequestId: 'urn:uuid:aaaaaaaa-0000-4000-8000-000000000001' });
    expect(again.broadcastId).toBe(first.broadcastId);
    expect((await client.queryBroadcasts()).TotalResults).toBe(1);
    expect((await client.queryCalls({})).TotalResults).toBe(2);
  });

  it('retries the numbers whose result is in RetryResults, and scrubs duplicates when asked', async () => {
    const { client } = await sandbox();
    // Find numbers whose first attempt is BUSY / LA under the sandbox's fixed outcomes.
    const pool = Array.from({ length: 200 }, (_, i) => `1213555${String(2000 + i)}`);
    const busy = pool.find((n) => outcome(n, 1) === 'BUSY')!;
    const live = pool.find((n) => outcome(n, 1) === 'LA')!;
    const { broadcastId } = await client.sendCall({
      // the same number again, and once more with the optional + (one E.164 number, as the 2.0 mapping scrubs it)
      ToNumber: [busy, live, live, `+${live}`, '12'],
      ScrubBroadcastDuplicates: true,
      IvrBroadcastConfig: { DialplanXml: ivrRequest().IvrBroadcastConfig.DialplanXml, RetryConfig: { MaxAttempts: 3, RetryResults: ['BUSY'] } },
    });
    const calls = await finished(client, broadcastId);
    expect(calls.map((c) => c.State)).toEqual(['FINISHED', 'FINISHED', 'DUP', 'DUP', 'INVALID']);
    expect(calls[0]!.CallRecord.length).toBeGreaterThan(1);
    expect(calls[0]!.CallRecord[0]!.Result).toBe('BUSY');
    expect(calls[1]!.CallRecord).toHaveLength(1);
    // Retrying on every result is bounded: ten attempts at most.
    const all = await client.sendCall({ ToNumber: [live], IvrBroadcastConfig: { DialplanXml: ivrRequest().IvrBroadcastConfig.DialplanXml, RetryConfig: { MaxAttempts: 1_000_000, RetryResults: ['LA', 'AM', 'BUSY', 'NO_ANS', 'CARRIER_TEMP_ERROR'] } } });
    expect((await finished(client, all.broadcastId))[0]!.CallRecord).toHaveLength(10);
  });

  it('refuses a dialplan with errors with a BAD_REQUEST fault listing the findings', async () => {
    const { s, client } = await sandbox();
    // sendPrepared skips the client-side checks, so the sandbox sees the bad plan.
    const err = await client
      .sendPrepared({ RequestId: 'urn:uuid:bbbbbbbb-0000-4000-8000-000000000002', Type: 'IVR', ToNumber: ['13105551212'], IvrBroadcastConfig: { DialplanXml: '<dialplan>\n<menu><bogus/></menu></dialplan>' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SoapFaultError);
    expect(err).toMatchObject({ faultCode: 'BAD_REQUEST', status: 400 });
    expect((err as SoapFaultError).detail).toMatch(/^2:\d+ \/dialplan\/menu\[1\]\/bogus\[1\]: .* \(schema\)$/m);
    // the same gate as dialplan send and the API 2.0 side: a lint error refuses the plan too
    const lintError = await client
      .sendPrepared({ RequestId: 'urn:uuid:bbbbbbbb-0000-4000-8000-000000000003', Type: 'IVR', ToNumber: ['13105551212'], IvrBroadcastConfig: { DialplanXml: '<dialplan name="Root">\n<goto>nowhere</goto>\n</dialplan>' } })
      .catch((e: unknown) => e);
    expect(lintError).toMatchObject({ faultCode: 'BAD_REQUEST', detail: expect.stringMatching(/^2:1 \/dialplan\/goto\[1\]: .*nowhere.* \(unknown-goto-target\)$/) });
    expect((await client.queryBroadcasts()).TotalResults).toBe(0);
    void s;
  });

  it('checks every request against the WSDL schema', async () => {
    const { s } = await sandbox();
    const auth = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    const bad = `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:svc="http://api.callfire.com/service/xsd"><env:Body><svc:SendCall><svc:Type>IVR</svc:Type><svc:ToNumber>13105551212</svc:ToNumber><svc:Nonsense/></svc:SendCall></env:Body></env:Envelope>`;
    const res = await rawPost(`${s.url}/call`, bad, { Authorization: auth, 'Content-Type': 'application/soap+xml; charset=utf-8' });
    expect(res.status).toBe(400);
    expect(xpathText(res.body, '//svc:ServiceFaultInfo/svc:FaultCode')).toBe('BAD_REQUEST');
    expect(xpathText(res.body, '//svc:ServiceFaultInfo/svc:Detail')).toMatch(/Nonsense/);
    const soap11 = await rawPost(`${s.url}/call`, bad, { Authorization: auth, 'Content-Type': 'text/xml' });
    expect(soap11.status).toBe(415);
    const wrongService = await rawPost(`${s.url}/broadcast`, bad.replace('<svc:Nonsense/>', '<data:IvrBroadcastConfig xmlns:data="http://api.callfire.com/data"><data:DialplanXml>&lt;dialplan/&gt;</data:DialplanXml></data:IvrBroadcastConfig>'), { Authorization: auth, 'Content-Type': 'application/soap+xml' });
    expect(wrongService.status).toBe(400);
    expect(xpathText(wrongService.body, '//svc:Message')).toMatch(/not an operation of/);
  });

  it('stores DialplanXml as sent, white space around a CDATA section included', async () => {
    const { s } = await sandbox();
    const auth = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    const plan = '<dialplan name="Root"><hangup/></dialplan>';
    const body = `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:svc="http://api.callfire.com/service/xsd" xmlns:data="http://api.callfire.com/data"><env:Body><svc:SendCall><svc:Type>IVR</svc:Type><svc:ToNumber>13105551212</svc:ToNumber><data:IvrBroadcastConfig><data:DialplanXml>\n  <![CDATA[${plan}]]>\n</data:DialplanXml></data:IvrBroadcastConfig></svc:SendCall></env:Body></env:Envelope>`;
    const res = await rawPost(`${s.url}/call`, body, { Authorization: auth, 'Content-Type': 'application/soap+xml; charset=utf-8' });
    expect(res.status).toBe(200);
    const id = Number(xpathText(res.body, '//svc:CreatedId'));
    // Read the answer raw: soap's parser trims text.
    const got = await rawPost(`${s.url}/broadcast`, `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:svc="http://api.callfire.com/service/xsd"><env:Body><svc:GetBroadcast><svc:Id>${id}</svc:Id></svc:GetBroadcast></env:Body></env:Envelope>`, { Authorization: auth, 'Content-Type': 'application/soap+xml; charset=utf-8' });
    expect(xpathText(got.body, '//data:DialplanXml')).toBe(`\n  ${plan}\n`);
  });

  it('accepts only the credentials it was started with', async () => {
    const { s } = await sandbox();
    const wrong = new CallFireClient({ endpoint: s.url, username: credentials.username, password: 'nope', maxAttempts: 1 });
    await expect(wrong.sendCall(ivrRequest())).rejects.toBeInstanceOf(CredentialsError);
    const none = await rawPost(`${s.url}/call`, '<x/>', { 'Content-Type': 'application/soap+xml' });
    expect(none.status).toBe(401);
  });

  it('answers NOT_FOUND for unknown ids and BAD_REQUEST for pages over 1000', async () => {
    const { client } = await sandbox();
    await expect(client.getBroadcast(42)).rejects.toMatchObject({ faultCode: 'NOT_FOUND' });
    await expect(client.getCall(42)).rejects.toMatchObject({ faultCode: 'NOT_FOUND' });
    await expect(client.queryCalls({ MaxResults: 1001 })).rejects.toMatchObject({ faultCode: 'BAD_REQUEST' });
  });

  it('runs ControlBroadcast: STOP holds waiting calls, START resumes, ARCHIVE archives, MaxActive paces', async () => {
    const clock = handClock();
    const { client } = await sandbox({ callMs: 300, now: clock.now });
    const numbers = Array.from({ length: 6 }, (_, i) => `1415555${String(3000 + i)}`);
    const { broadcastId } = await client.sendCall({ ...ivrRequest(numbers), MaxActive: 1 });
    // Half a wave in: the first call has started (within 30% of a wave), the other five wait.
    clock.advance(150);
    await client.controlBroadcast({ Id: broadcastId, Command: 'STOP' });
    expect((await client.getBroadcast(broadcastId)).Status).toBe('STOPPED');
    clock.advance(100 * 300);
    const held = await allCalls(client, broadcastId);
    expect(held.slice(1).map((c) => c.State)).toEqual(['READY', 'READY', 'READY', 'READY', 'READY']);
    expect(held[0]!.State).not.toBe('READY');
    expect((await client.queryBroadcasts({ Running: true })).TotalResults).toBe(0);
    expect((await client.queryBroadcasts({ Running: false })).Broadcast.map((b) => [b.id, b.Status])).toEqual([[broadcastId, 'STOPPED']]);
    await client.controlBroadcast({ Id: broadcastId, Command: 'START', MaxActive: 6 });
    expect((await client.queryBroadcasts({ Running: true })).Broadcast.map((b) => [b.id, b.Status])).toEqual([[broadcastId, 'RUNNING']]);
    clock.advance(10 * 300);
    const calls = await finished(client, broadcastId, 5000);
    expect(calls.every((c) => c.State === 'FINISHED')).toBe(true);
    expect((await client.getBroadcast(broadcastId)).Status).toBe('FINISHED');
    // A ControlBroadcast resent with the same RequestId is applied once.
    await client.controlBroadcast({ Id: broadcastId, Command: 'STOP', RequestId: 'urn:uuid:dddddddd-0000-4000-8000-000000000004' });
    await client.controlBroadcast({ Id: broadcastId, Command: 'START' });
    await client.controlBroadcast({ Id: broadcastId, Command: 'STOP', RequestId: 'urn:uuid:dddddddd-0000-4000-8000-000000000004' });
    expect((await client.getBroadcast(broadcastId)).Status).toBe('FINISHED');
    await client.controlBroadcast({ Id: broadcastId, Command: 'ARCHIVE' });
    expect((await client.getBroadcast(broadcastId)).Status).toBe('ARCHIVED');
    await expect(client.controlBroadcast({ Id: broadcastId, Command: 'START' })).rejects.toMatchObject({ faultCode: 'BAD_REQUEST' });
  });

  it('takes VOICE broadcasts and CreateSound (the same sound twice gives the same id)', async () => {
    const { client } = await sandbox();
    const sound = await client.createSound({ Name: 'greeting', SoundText: 'Hello there', SoundTextVoice: 'FEMALE2' });
    expect(await client.createSound({ Name: 'again', SoundText: 'Hello there' })).toBe(sound);
    expect(await client.createSound({ Name: 'bytes', Data: new Uint8Array([73, 68, 51, 4]) })).not.toBe(sound);
    const { broadcastId } = await client.sendCall({ ToNumber: ['13105551212'], VoiceBroadcastConfig: { LiveSoundId: sound, MachineSoundText: 'Call us back' } });
    const b = await client.getBroadcast(broadcastId);
    expect(b.Type).toBe('VOICE');
    expect(b.VoiceBroadcastConfig).toMatchObject({ LiveSoundId: sound, MachineSoundText: 'Call us back' });
  });

  it('keeps its state in the data file across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-'));
    dirs.push(dir);
    const dataFile = join(dir, 'state.json');
    const first = await sandbox({ dataFile });
    const sent = await first.client.sendCall({ ...ivrRequest(['13105550001', '13105550002', '13105550003']), RequestId: 'urn:uuid:cccccccc-0000-4000-8000-000000000003' });
    const before = await finished(first.client, sent.broadcastId);
    await first.s.close();
    running.splice(running.indexOf(first.s), 1);

    const second = await sandbox({ dataFile });
    expect(second.s.port).not.toBe(0);
    const after = await allCalls(second.client, sent.broadcastId);
    expect(after.map((c) => [c.id, c.State, c.FinalResult])).toEqual(before.map((c) => [c.id, c.State, c.FinalResult]));
    const again = await second.client.sendCall({ ...ivrRequest(), RequestId: 'urn:uuid:cccccccc-0000-4000-8000-000000000003' });
    expect(again.broadcastId).toBe(sent.broadcastId);
    const next = await second.client.sendCall(ivrRequest());
    expect(next.broadcastId).toBeGreaterThan(Math.max(...after.map((c) => c.id)));
  });
});

describe('startSandbox() options', () => {
  it.each([['8080x', '"8080x"'], [-1, '-1'], [70000, '70000'], [1.5, '1.5']])('refuses port %o before listening (node took "8080x" as a socket name)', async (port, shown) => {
    await expect(startSandbox({ port: port as number })).rejects.toThrow(new TypeError(`startSandbox(): port must be a whole number from 0 to 65535; got ${shown}`));
  });
});
