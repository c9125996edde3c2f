import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialplan } from '../../src/builder/index.js';
import { CallFireClient, DEFAULT_ENDPOINT } from '../../src/broadcast/client.js';
import { InvalidRequestError } from '../../src/broadcast/errors.js';
import { envelopeValidator } from '../../src/broadcast/sandbox/envelope-schema.js';
import { schemaPath } from '../../src/broadcast/paths.js';
import { ivrRequest, PLAN, xpathAll, xpathText } from './helpers.js';

// A TCP listener that only counts connections: whatever connects to it is network access.
let connections = 0;
let port = 0;
const listener = createServer((s) => {
  connections++;
  s.destroy();
});
beforeAll(async () => {
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  port = (listener.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => listener.close(() => r())));

const creds = { CALLFIRE_USERNAME: 'someone', CALLFIRE_PASSWORD: 'preview-secret-991' };

describe('previewSendCall', () => {
  it('shows the exact request, Authorization redacted, without any network access', async () => {
    const client = new CallFireClient({ endpoint: `http://127.0.0.1:${port}/api/1.1/soap12`, env: creds });
    const preview = await client.previewSendCall(ivrRequest());
    expect(connections).toBe(0);
    expect(preview.ok).toBe(true);
    expect(preview.numbers).toBe(2);
    expect(preview.http).toMatchObject({ method: 'POST', url: `http://127.0.0.1:${port}/api/1.1/soap12/call` });
    expect(preview.http!.headers).toMatchObject({
      'Content-Type': 'application/soap+xml; charset=utf-8; action="http://api.callfire.com/service/wsdl/CallServicePortType/SendCall"',
      Authorization: 'Basic [redacted]',
    });
    expect(JSON.stringify(preview)).not.toContain('preview-secret-991');
    expect(preview.requestId).toMatch(/^urn:uuid:/);
  });

  it('works against a closed port and the default endpoint alike: nothing is contacted', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    for (const endpoint of [`http://127.0.0.1:${closedPort}/x`, DEFAULT_ENDPOINT]) {
      const preview = await new CallFireClient({ endpoint, env: {} }).previewSendCall(ivrRequest());
      expect(preview.ok).toBe(true);
      expect(preview.credentials).toBe(false);
      expect(preview.http!.headers['Authorization']).toMatch(/not set/);
    }
    expect(new CallFireClient({ endpoint: DEFAULT_ENDPOINT }).serviceUrl('call')).toBe('https://www.callfire.com/api/1.1/soap12/call');
  });

  it('takes a base address with or without a service suffix, and refuses odd ones', () => {
    expect(new CallFireClient({ endpoint: 'http://127.0.0.1:9/api/1.1/soap12/call/' }).serviceUrl('broadcast')).toBe('http://127.0.0.1:9/api/1.1/soap12/broadcast');
    expect(() => new CallFireClient({ endpoint: 'ftp://example.invalid/' })).toThrow(/http or https/);
    expect(() => new CallFireClient({ endpoint: 'not a url' })).toThrow(/not a URL/);
    expect(() => new CallFireClient({ endpoint: 'https://u:secret-in-url@example.invalid/' })).toThrow(/must not contain credentials/);
  });

  it('writes a SOAP 1.2 document/literal envelope in CallFire\'s namespaces and schema order', async () => {
    const { http } = await new CallFireClient({ env: creds }).previewSendCall({
      RequestId: 'urn:uuid:11111111-2222-4333-8444-555555555555',
      BroadcastName: 'Order <check> & "quotes"',
      ToNumber: ['13105551212', { Value: '13105551213', ClientData: 'c-42', Attributes: { firstName: 'Ann' } }],
      ScrubBroadcastDuplicates: true,
      Label: ['a', 'b'],
      MaxActive: 7,
      IvrBroadcastConfig: {
        FromNumber: '12135551189',
        LocalTimeZoneRestriction: { BeginTime: '09:00:00', EndTime: '17:00:00' },
        RetryConfig: { MaxAttempts: 2, MinutesBetweenAttempts: 5, RetryResults: ['BUSY', 'NO_ANS'], RetryPhoneTypes: ['FIRST_NUMBER'] },
        DialplanXml: PLAN,
      },
    });
    const body = http!.body;
    expect(body.startsWith('<?xml')).toBe(true);
    expect(body).toContain('xmlns:env="http://www.w3.org/2003/05/soap-envelope"');
    // RequestId, Type, BroadcastName, 2 x ToNumber, ScrubBroadcastDuplicates, 2 x Label, MaxActive, config
    expect(body.match(/<(svc|data):[A-Za-z]+/g)!.slice(1, 11).map((t) => t.slice(1))).toEqual([
      'svc:RequestId', 'svc:Type', 'svc:BroadcastName', 'svc:ToNumber', 'svc:ToNumber', 'svc:ScrubBroadcastDuplicates', 'svc:Label', 'svc:Label', 'svc:MaxActive', 'data:IvrBroadcastConfig',
    ]);
    expect(xpathText(body, '//svc:SendCall/svc:BroadcastName')).toBe('Order <check> & "quotes"');
    expect(xpathAll(body, '//svc:SendCall/svc:ToNumber')).toEqual(['13105551212', '13105551213']);
    expect(xpathText(body, '//svc:ToNumber[@ClientData="c-42"]/@firstName')).toBe('Ann');
    expect(xpathText(body, '//svc:SendCall/svc:Type')).toBe('IVR');
    expect(xpathAll(body, '//svc:SendCall/svc:Label')).toEqual(['a', 'b']);
    expect(xpathText(body, '//data:IvrBroadcastConfig/data:RetryConfig/data:RetryResults')).toBe('BUSY NO_ANS');
    // DialplanXml is string content: escaped once, read back exactly.
    expect(xpathText(body, '/env:Envelope/env:Body/svc:SendCall/data:IvrBroadcastConfig/data:DialplanXml')).toBe(PLAN);
    // And the whole envelope is valid against the project's own WSDL schema.
    expect(envelopeValidator(schemaPath('callfire-soap.xsd'))(body).errors).toEqual([]);
  });

  it('compiles a plan built with the DSL and reports lint findings about that XML', async () => {
    const plan = dialplan({ name: 'Root' }).play('Hello from the builder').hangup();
    const preview = await new CallFireClient({ env: creds }).previewSendCall({ ToNumber: ['13105551212'], IvrBroadcastConfig: { DialplanXml: plan } });
    expect(preview.ok).toBe(true);
    expect(xpathText(preview.http!.body, '//data:DialplanXml')).toContain('Hello from the builder');
  });

  it('reports dialplan errors with their position and marks the request as refused', async () => {
    const preview = await new CallFireClient({ env: creds }).previewSendCall({
      ToNumber: ['13105551212'],
      IvrBroadcastConfig: { DialplanXml: '<dialplan name="Root">\n  <menu><bogus/></menu>\n</dialplan>' },
    });
    expect(preview.ok).toBe(false);
    expect(preview.dialplan?.ok).toBe(false);
    expect(preview.dialplan?.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', line: 2, path: expect.stringContaining('/dialplan/menu[1]') }));
    expect(connections).toBe(0);
  });

  it('reports request problems with their JSON path and builds no envelope', async () => {
    const preview = await new CallFireClient({ env: creds }).previewSendCall({ ToNumber: ['12ab'], IvrBroadcastConfig: { DialplanXml: PLAN, FromNumber: 'x-1' } });
    expect(preview.ok).toBe(false);
    expect(preview.http).toBeUndefined();
    expect(preview.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['/ToNumber/0', '/IvrBroadcastConfig/FromNumber']));
  });
});

describe('sendCall refuses invalid input before any connection', () => {
  it('throws InvalidRequestError carrying the dialplan findings', async () => {
    const client = new CallFireClient({ endpoint: `http://127.0.0.1:${port}/api`, env: creds });
    const err = await client.sendCall({ ToNumber: ['13105551212'], IvrBroadcastConfig: { DialplanXml: '<dialplan><menu><bogus/></menu></dialplan>' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect((err as InvalidRequestError).dialplan.some((d) => d.severity === 'error')).toBe(true);
    expect((err as Error).message).toMatch(/nothing was sent/);
    const missing = await client.sendCall({ ToNumber: ['13105551212'], IvrBroadcastConfig: { FromNumber: '12135551189' } }).catch((e: unknown) => e);
    expect((missing as InvalidRequestError).problems).toEqual([expect.objectContaining({ path: '/IvrBroadcastConfig', message: expect.stringContaining('DialplanXml') })]);
    expect(connections).toBe(0);
  });
});

// CallFire's own 2014 schema as an oracle: a body using only the fields it knows must pass.
const official = fileURLToPath(new URL('../../../shared/reference/callfire-soap-1.1/callfire-service.xsd', import.meta.url));
describe.skipIf(!existsSync(official))('against CallFire\'s official callfire-service.xsd', () => {
  const check = existsSync(official) ? envelopeValidator(official) : undefined;

  it('accepts the IVR SendCall body the client writes', async () => {
    const { http } = await new CallFireClient({ env: creds }).previewSendCall({
      BroadcastName: 'Oracle & check',
      ToNumber: ['13105551212', { Value: '+13105551213', ClientData: 'x', Attributes: { firstName: 'Ann' } }],
      ScrubBroadcastDuplicates: false,
      IvrBroadcastConfig: {
        FromNumber: '12135551189',
        LocalTimeZoneRestriction: { BeginTime: '09:00:00', EndTime: '17:00:00' },
        RetryConfig: { MaxAttempts: 3, MinutesBetweenAttempts: 10, RetryResults: ['BUSY', 'NO_ANS'], RetryPhoneTypes: ['FIRST_NUMBER', 'MOBILE_PHONE'] },
        DialplanXml: PLAN,
      },
    });
    expect(check!(http!.body).errors).toEqual([]);
  });

  it('accepts a VOICE SendCall body', async () => {
    const { http, ok } = await new CallFireClient({ env: creds }).previewSendCall({
      ToNumber: ['13105551212'],
      VoiceBroadcastConfig: { FromNumber: '12135551189', AnsweringMachineConfig: 'AM_AND_LIVE', LiveSoundText: 'Hello', LiveSoundTextVoice: 'FEMALE1', MachineSoundId: 12, TransferDigit: '1', TransferNumber: '12135550000', MaxActiveTransfers: 1 },
    });
    expect(ok).toBe(true);
    expect(xpathText(http!.body, '//svc:Type')).toBe('VOICE');
    expect(check!(http!.body).errors).toEqual([]);
  });

  it('and, as expected, rejects Label and MaxActive, which it predates (our schema takes them)', async () => {
    const { http } = await new CallFireClient({ env: creds }).previewSendCall({ ...ivrRequest(), Label: ['x'], MaxActive: 5 });
    expect(check!(http!.body).errors.join('\n')).toMatch(/Label/);
    expect(envelopeValidator(schemaPath('callfire-soap.xsd'))(http!.body).errors).toEqual([]);
  });
});
