import { afterEach, describe, expect, it } from 'vitest';
import { CallFireClient, type ProgressEvent } from '../../src/broadcast/client.js';
import { CredentialsError, SoapFaultError, TransportError } from '../../src/broadcast/errors.js';
import { drop, fixture, ivrRequest, plain, scriptedServer, slow, soap, xpathText, type Step } from './helpers.js';

const PASSWORD = 'pw-Zq81!unique-secret';
const USERNAME = 'api-user-77';

let server: Awaited<ReturnType<typeof scriptedServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(steps: readonly Step[], options: { maxAttempts?: number; timeoutMs?: number; events?: ProgressEvent[] } = {}) {
  server = await scriptedServer(steps);
  const events = options.events;
  return new CallFireClient({
    endpoint: server.endpoint,
    env: { CALLFIRE_USERNAME: USERNAME, CALLFIRE_PASSWORD: PASSWORD },
    retryDelayMs: 5,
    maxAttempts: options.maxAttempts ?? 3,
    timeoutMs: options.timeoutMs ?? 2000,
    ...(events ? { onProgress: (e: ProgressEvent) => void events.push(e) } : {}),
  });
}

describe('SendCall over HTTP against recorded responses', () => {
  it('posts a SOAP 1.2 envelope with Basic auth to /call and returns CreatedId as the broadcast id', async () => {
    const client = await clientFor([soap(fixture('created-id.xml'))]);
    const result = await client.sendCall(ivrRequest());
    expect(result.broadcastId).toBe(8735021);
    expect(result.requestId).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    const [req] = server!.received;
    expect(req!.method).toBe('POST');
    expect(req!.url).toBe('/api/1.1/soap12/call');
    expect(req!.headers['content-type']).toBe('application/soap+xml; charset=utf-8; action="http://api.callfire.com/service/wsdl/CallServicePortType/SendCall"');
    expect(req!.headers.authorization).toBe(`Basic ${Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64')}`);
    expect(xpathText(req!.body, '/env:Envelope/env:Body/svc:SendCall/svc:RequestId')).toBe(result.requestId);
    expect(xpathText(req!.body, '//svc:SendCall/svc:Type')).toBe('IVR');
  });

  it('keeps a RequestId given in the request', async () => {
    const client = await clientFor([soap(fixture('created-id.xml'))]);
    const result = await client.sendCall({ ...ivrRequest(), RequestId: 'urn:uuid:00000000-0000-4000-8000-000000000001' });
    expect(result.requestId).toBe('urn:uuid:00000000-0000-4000-8000-000000000001');
    expect(xpathText(server!.received[0]!.body, '//svc:RequestId')).toBe(result.requestId);
  });

  it('reads GetBroadcast, with the dialplan unescaped once', async () => {
    const client = await clientFor([soap(fixture('broadcast.xml'))]);
    const b = await client.getBroadcast(8735021);
    expect(server!.received[0]!.url).toBe('/api/1.1/soap12/broadcast');
    expect(xpathText(server!.received[0]!.body, '//svc:GetBroadcast/svc:Id')).toBe('8735021');
    expect(b).toMatchObject({ id: 8735021, Name: 'Appointment reminders', Status: 'RUNNING', Type: 'IVR' });
    expect(b.IvrBroadcastConfig?.RetryConfig).toEqual({ MaxAttempts: 2, MinutesBetweenAttempts: 30, RetryResults: ['BUSY', 'NO_ANS'] });
    expect(b.IvrBroadcastConfig?.LocalTimeZoneRestriction).toEqual({ BeginTime: '09:00:00', EndTime: '19:00:00' });
    expect(b.IvrBroadcastConfig?.DialplanXml).toBe('<dialplan name="Root"><play type="tts">Hello &amp; welcome</play></dialplan>');
  });

  it('reads GetBroadcastStats with numbers as numbers and repeated ResultStat as a list', async () => {
    const client = await clientFor([soap(fixture('stats.xml'))]);
    const s = await client.getBroadcastStats(8735021);
    expect(s.UsageStats).toEqual({ Duration: 412, BilledDuration: 540, BilledAmount: 0.27, Attempts: 4, Actions: 3 });
    expect(s.ResultStat).toEqual([
      { Result: 'LA', Attempts: 2, Actions: 2 },
      { Result: 'BUSY', Attempts: 2, Actions: 1 },
    ]);
    expect(s.ActionStatistics).toEqual({ Unattempted: 0, RetryWait: 0, Finished: 3 });
  });

  it('pages through QueryCalls until TotalResults', async () => {
    const client = await clientFor([soap(fixture('calls-page1.xml')), soap(fixture('calls-page2.xml'))]);
    const pages = [];
    for await (const page of client.queryAllCalls({ BroadcastId: 8735021, State: ['FINISHED'] }, 2)) pages.push(page);
    expect(pages.map((p) => p.Call.map((c) => c.id))).toEqual([[990001, 990002], [990003]]);
    expect(server!.received).toHaveLength(2);
    const [first, second] = server!.received;
    expect(xpathText(first!.body, '//svc:QueryCalls/svc:MaxResults')).toBe('2');
    expect(xpathText(first!.body, '//svc:QueryCalls/svc:FirstResult')).toBe('0');
    expect(xpathText(first!.body, '//svc:QueryCalls/svc:State')).toBe('FINISHED');
    expect(xpathText(second!.body, '//svc:QueryCalls/svc:FirstResult')).toBe('2');
    const [ann, busy] = pages[0]!.Call;
    expect(ann).toMatchObject({ ToNumber: '13105551213', ClientData: 'patient-1042', State: 'FINISHED', FinalResult: 'LA', Inbound: false });
    expect(ann!.CallRecord[0]!.QuestionResponse).toEqual([{ Question: 'appointment', Response: 'confirmed' }]);
    expect(busy!.CallRecord.map((r) => r.Result)).toEqual(['BUSY', 'BUSY']);
    expect(pages[1]!.Call[0]!.CallRecord[0]!.RecordingMeta[0]).toMatchObject({ id: 330001, Name: 'message', LengthInSeconds: 12 });
  });

  it('reads GetCall (default namespace, times kept as written, repeated QuestionResponse)', async () => {
    const client = await clientFor([soap(fixture('call.xml'))]);
    const call = await client.getCall(990001);
    expect(xpathText(server!.received[0]!.body, '//svc:GetCall/svc:Id')).toBe('990001');
    expect(call).toEqual({
      id: 990001,
      FromNumber: '12135551189',
      ToNumber: '13105551213',
      ClientData: 'patient-1042',
      State: 'FINISHED',
      BroadcastId: 8735021,
      ContactId: 55001,
      Inbound: false,
      Created: '2024-03-05T16:02:11Z',
      Modified: '2024-03-05T16:03:40-08:00',
      FinalResult: 'LA',
      Label: ['reminders'],
      CallRecord: [
        {
          id: 770001,
          Result: 'LA',
          FinishTime: '2024-03-05T16:03:40Z',
          BilledAmount: 0.06,
          QuestionResponse: [
            { Question: 'appointment', Response: 'confirmed' },
            { Question: 'callback', Response: 'no' },
          ],
          OriginateTime: '2024-03-05T16:02:12Z',
          AnswerTime: '2024-03-05T16:02:20Z',
          Duration: 80,
          RecordingMeta: [],
        },
      ],
    });
  });

  it('sends ControlBroadcast (empty response) with a command, MaxActive and a RequestId', async () => {
    const client = await clientFor([soap(fixture('empty.xml'))]);
    await client.controlBroadcast({ Id: 8735021, Command: 'STOP', MaxActive: 5 });
    const body = server!.received[0]!.body;
    expect(server!.received[0]!.headers['content-type']).toContain('BroadcastServicePortType/ControlBroadcast');
    expect(xpathText(body, '//svc:ControlBroadcast/svc:Command')).toBe('STOP');
    expect(xpathText(body, '//svc:ControlBroadcast/svc:MaxActive')).toBe('5');
    expect(xpathText(body, '//svc:ControlBroadcast/svc:RequestId')).toMatch(/^urn:uuid:/);
  });
});

describe('faults, credentials and retries', () => {
  it('turns a BAD_REQUEST fault into a SoapFaultError and does not retry it', async () => {
    const client = await clientFor([soap(fixture('fault-bad-request.xml'), 400), soap(fixture('created-id.xml'))]);
    const err = await client.sendCall(ivrRequest()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SoapFaultError);
    expect(err).toMatchObject({ faultCode: 'BAD_REQUEST', detail: 'line 3: unknown tag <bogus>', soapCode: 'env:Sender' });
    expect((err as Error).message).toContain('Invalid DialplanXml');
    expect(server!.received).toHaveLength(1);
  });

  it('does not retry FORBIDDEN', async () => {
    const client = await clientFor([soap(fixture('fault-forbidden.xml'), 500), soap(fixture('created-id.xml'))]);
    await expect(client.sendCall(ivrRequest())).rejects.toMatchObject({ name: 'SoapFaultError', faultCode: 'FORBIDDEN' });
    expect(server!.received).toHaveLength(1);
  });

  it('retries an UNAVAILABLE fault with the same envelope, naming the fault code once', async () => {
    const events: ProgressEvent[] = [];
    const client = await clientFor([soap(fixture('fault-unavailable.xml'), 500), soap(fixture('created-id.xml'))], { events });
    expect((await client.sendCall(ivrRequest())).broadcastId).toBe(8735021);
    expect(server!.received).toHaveLength(2);
    expect(server!.received[1]!.body).toBe(server!.received[0]!.body);
    expect(events.filter((e) => e.kind === 'retry').map((e) => (e as { reason: string }).reason)).toEqual([
      'SendCall failed: UNAVAILABLE: Service temporarily unavailable (try again later)',
    ]);
  });

  it('turns HTTP 401 into a CredentialsError without retrying', async () => {
    const client = await clientFor([plain(401, 'Unauthorized', { 'WWW-Authenticate': 'Basic realm="api"' })]);
    const err = await client.getBroadcast(1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect((err as Error).message).toMatch(/HTTP 401.*CALLFIRE_USERNAME/);
    expect(server!.received).toHaveLength(1);
  });

  it('retries HTTP 503 and sends the same RequestId again', async () => {
    const events: ProgressEvent[] = [];
    const client = await clientFor([plain(503, 'busy'), soap(fixture('created-id.xml'))], { events });
    const result = await client.sendCall(ivrRequest());
    expect(server!.received).toHaveLength(2);
    const ids = server!.received.map((r) => xpathText(r.body, '//svc:SendCall/svc:RequestId'));
    expect(ids).toEqual([result.requestId, result.requestId]);
    expect(events.filter((e) => e.kind === 'retry')).toEqual([expect.objectContaining({ operation: 'SendCall', attempt: 1, reason: 'HTTP 503' })]);
  });

  it('gives up after maxAttempts of HTTP 5xx', async () => {
    const client = await clientFor([plain(502, 'bad gateway')], { maxAttempts: 3 });
    const err = await client.sendCall(ivrRequest()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ status: 502, attempts: 3 });
    expect(server!.received).toHaveLength(3);
  });

  it('retries a dropped connection, then succeeds with the same RequestId', async () => {
    const client = await clientFor([drop, soap(fixture('created-id.xml'))]);
    const result = await client.sendCall(ivrRequest());
    expect(result.broadcastId).toBe(8735021);
    expect(server!.received.map((r) => xpathText(r.body, '//svc:RequestId'))).toEqual([result.requestId, result.requestId]);
  });

  it('reports a connection dropped on every attempt as a TransportError', async () => {
    const client = await clientFor([drop], { maxAttempts: 2 });
    const err = await client.getBroadcast(5).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ attempts: 2 });
    expect((err as Error).message).toMatch(/connection dropped|dropped/);
  });

  it('times out a reply slower than timeoutMs, and retries within bounds', async () => {
    const client = await clientFor([slow(1500, soap(fixture('created-id.xml')))], { timeoutMs: 150, maxAttempts: 2 });
    const err = await client.sendCall(ivrRequest()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ code: 'ETIMEDOUT', attempts: 2 });
    expect((err as Error).message).toMatch(/within 150 ms/);
    expect(server!.received).toHaveLength(2);
  });

  it('a slow reply followed by a fast one succeeds', async () => {
    const client = await clientFor([slow(1000, soap(fixture('created-id.xml'))), soap(fixture('created-id.xml'))], { timeoutMs: 150 });
    expect((await client.sendCall(ivrRequest())).broadcastId).toBe(8735021);
  });

  it('reports a truncated 200 response as a TransportError saying the XML is not well-formed', async () => {
    const truncated = fixture('created-id.xml').slice(0, 120);
    const client = await clientFor([soap(truncated)]);
    const err = await client.sendCall(ivrRequest()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ status: 200 });
    expect((err as Error).message).toMatch(/SendCall: the response is not a SOAP envelope \(not well-formed XML: .+ at line \d+, column \d+\)/);
  });

  it('retries an HTML 502 page from a proxy like any other 5xx', async () => {
    const nginx = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
    const page: Step = (res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end(nginx);
    };
    const client = await clientFor([page, soap(fixture('created-id.xml'))]);
    expect((await client.sendCall(ivrRequest())).broadcastId).toBe(8735021);
    expect(server!.received).toHaveLength(2);
  });

  it('refuses a 200 answer whose Body lacks the element the operation returns', async () => {
    const client = await clientFor([soap(fixture('empty.xml'))]);
    await expect(client.getBroadcast(5)).rejects.toMatchObject({ name: 'TransportError', status: 200, message: 'GetBroadcast answered without Broadcast' });
    await expect(client.getBroadcastStats(5)).rejects.toMatchObject({ name: 'TransportError', status: 200, message: 'GetBroadcastStats answered without BroadcastStats' });
    await expect(client.getCall(5)).rejects.toMatchObject({ name: 'TransportError', status: 200, message: 'GetCall answered without Call' });
    await expect(client.queryCalls({ BroadcastId: 5 })).rejects.toMatchObject({ name: 'TransportError', status: 200, message: 'QueryCalls answered without CallQueryResult' });
    await expect(client.queryBroadcasts()).rejects.toMatchObject({ name: 'TransportError', status: 200, message: 'QueryBroadcasts answered without BroadcastQueryResult' });
    await expect(client.sendCall(ivrRequest())).rejects.toMatchObject({ name: 'TransportError', status: 200, message: 'SendCall answered without CreatedId' });
    await expect(client.createSound({ Name: 'x', SoundText: 'Hi' })).rejects.toMatchObject({ name: 'TransportError', status: 200, message: 'CreateSound answered without CreatedId' });
    // Not retried: the service did answer.
    expect(server!.received).toHaveLength(7);
  });

  it('refuses numeric options that would make the retry loop run forever or never', () => {
    const make = (o: { maxAttempts?: number; timeoutMs?: number; retryDelayMs?: number }) => () => new CallFireClient({ endpoint: 'http://127.0.0.1:9/api', env: {}, ...o });
    expect(make({ maxAttempts: NaN })).toThrow(new TypeError('maxAttempts must be a whole number of at least 1; got NaN'));
    expect(make({ maxAttempts: 0 })).toThrow(TypeError);
    expect(make({ maxAttempts: 2.5 })).toThrow(TypeError);
    expect(make({ maxAttempts: Infinity })).toThrow(TypeError);
    expect(make({ timeoutMs: NaN })).toThrow(/timeoutMs must be/);
    expect(make({ timeoutMs: 0 })).toThrow(/timeoutMs must be/);
    expect(make({ retryDelayMs: -1 })).toThrow(/retryDelayMs must be/);
    expect(make({ maxAttempts: 1, timeoutMs: 1, retryDelayMs: 0 })).not.toThrow();
  });

  it('takes its endpoint from CALLFIRE_ENDPOINT in env when none is given', async () => {
    server = await scriptedServer([soap(fixture('broadcast.xml'))]);
    const client = new CallFireClient({ env: { CALLFIRE_USERNAME: USERNAME, CALLFIRE_PASSWORD: PASSWORD, CALLFIRE_ENDPOINT: server.endpoint } });
    expect(client.endpoint).toBe(server.endpoint);
    expect((await client.getBroadcast(8735021)).id).toBe(8735021);
    expect(server.received).toHaveLength(1);
    expect(new CallFireClient({ env: { CALLFIRE_ENDPOINT: '' } }).endpoint).toBe('https://www.callfire.com/api/1.1/soap12');
  });

  it('refuses to send without credentials, before connecting', async () => {
    server = await scriptedServer([soap(fixture('created-id.xml'))]);
    const client = new CallFireClient({ endpoint: server.endpoint, env: {} });
    await expect(client.sendCall(ivrRequest())).rejects.toBeInstanceOf(CredentialsError);
    expect(server.connections).toBe(0);
  });
});

describe('credentials never leak', () => {
  it('keeps the password out of every error, stack, preview and progress event', async () => {
    const seen: string[] = [];
    const events: ProgressEvent[] = [];
    const collect = (e: unknown) => {
      const err = e as Error;
      seen.push(String(err), err.message, err.stack ?? '', JSON.stringify(err), JSON.stringify({ ...err }));
    };
    const b64 = Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64');
    for (const steps of [[plain(401)], [soap(fixture('fault-bad-request.xml'), 400)], [drop], [plain(503)], [slow(500, plain(200))]] as Step[][]) {
      const client = await clientFor(steps, { maxAttempts: 2, timeoutMs: 100, events });
      await client.sendCall(ivrRequest()).catch(collect);
      seen.push(JSON.stringify(await client.previewSendCall(ivrRequest())));
      seen.push(JSON.stringify(client), String(client));
      await server!.close();
      server = undefined;
    }
    // Credentials in the endpoint URL are refused without echoing them.
    try {
      new CallFireClient({ endpoint: `https://${USERNAME}:${PASSWORD}@example.invalid/api` });
    } catch (e) {
      collect(e);
    }
    seen.push(JSON.stringify(events));
    const all = seen.join('\n');
    expect(all.length).toBeGreaterThan(1000);
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(b64);
    expect(all).toContain('Basic [redacted]');
  });
});
