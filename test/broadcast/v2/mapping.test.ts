/**
 * The API 2.0 mapping of the 1.1 broadcast file: every field against hand-written golden
 * bodies, the refusals, ScrubBroadcastDuplicates, files in API 2.0's own shape, and the
 * project's own schema held against CallFire's published definitions (where they are here).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareV2, isCallBroadcastShape, normalRequestId } from '../../../src/broadcast/v2/prepare.js';
import { fromCallBroadcastBody, requestIdOfLabel, requestLabel, toV1Broadcast } from '../../../src/broadcast/v2/mapping.js';
import { schemaPath } from '../../../src/broadcast/paths.js';
import { HAVE_SWAGGER, reference, swaggerDefinitions, swaggerErrors, undeclared } from './swagger.js';

const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`../../fixtures/broadcast/v2/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

describe('1.1 broadcast file → CallBroadcast', () => {
  it.each(['ivr-every-field', 'voice-every-field'])('%s maps every field to the golden body', (name) => {
    const prepared = prepareV2(fixture(`${name}.request.json`) as never);
    expect(prepared.problems).toEqual([]);
    expect(prepared.ok).toBe(true);
    expect(prepared.body).toEqual(fixture(`${name}.body.json`));
  });

  it('keeps the RequestId as the request label, and a retry id given as uuid, urn or label', () => {
    const prepared = prepareV2(fixture('ivr-every-field.request.json') as never);
    expect(prepared.requestId).toBe('urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(prepared.label).toBe('request:0f8fad5b-d9cb-469f-a165-70867728950e');
    for (const given of ['5b1f0c1e-0000-4000-8000-000000000001', 'urn:uuid:5b1f0c1e-0000-4000-8000-000000000001', 'request:5b1f0c1e-0000-4000-8000-000000000001']) {
      expect(normalRequestId(given)).toBe('urn:uuid:5b1f0c1e-0000-4000-8000-000000000001');
    }
    const retried = prepareV2(fixture('ivr-every-field.request.json') as never, { requestId: '5b1f0c1e-0000-4000-8000-000000000001' });
    expect(retried.body?.labels).toEqual(['reminders', 'spring', 'request:5b1f0c1e-0000-4000-8000-000000000001']);
    expect(requestIdOfLabel(requestLabel('urn:uuid:abc'))).toBe('urn:uuid:abc');
    expect(requestIdOfLabel('reminders')).toBeUndefined();
  });

  it('generates a request id when the file has none', () => {
    const { RequestId: _r, ...request } = fixture('ivr-every-field.request.json');
    const a = prepareV2(request as never);
    const b = prepareV2(request as never);
    expect(a.requestId).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(a.requestId).not.toBe(b.requestId);
    expect(a.body?.labels).toContain(a.label);
  });

  it('scrubs duplicates on the client, counting them (numbers compared without +)', () => {
    const prepared = prepareV2(fixture('voice-every-field.request.json') as never);
    expect(prepared.scrubbed).toBe(2);
    expect(prepared.numbers).toBe(2);
    const kept = prepareV2({ ...fixture('voice-every-field.request.json'), ScrubBroadcastDuplicates: false } as never);
    expect(kept.scrubbed).toBe(0);
    expect(kept.body?.recipients).toHaveLength(4);
  });

  it('refuses what API 2.0 cannot carry, naming each field, and sends nothing', () => {
    const request = fixture('ivr-every-field.request.json') as { IvrBroadcastConfig: Record<string, unknown>; ToNumber: unknown[] };
    const bad = {
      ...request,
      ToNumber: [{ Value: '13105551213', ClientData: 'c-1', Attributes: { ClientData: 'other' } }],
      IvrBroadcastConfig: { ...request.IvrBroadcastConfig, id: 12, Created: '2015-01-01T00:00:00Z', LocalTimeZoneRestriction: { BeginTime: '09:00:30' } },
    };
    const prepared = prepareV2(bad as never);
    expect(prepared.ok).toBe(false);
    expect(prepared.body).toBeUndefined();
    const paths = prepared.problems.map((p) => p.path).sort();
    expect(paths).toEqual(['/IvrBroadcastConfig/Created', '/IvrBroadcastConfig/LocalTimeZoneRestriction/BeginTime', '/IvrBroadcastConfig/id', '/ToNumber/0/Attributes/ClientData']);
    expect(prepared.problems.find((p) => p.path.endsWith('BeginTime'))?.message).toMatch(/whole minutes.*09:00:00/);
  });

  it('still applies the 1.1 checks and the dialplan gate', () => {
    const request = fixture('ivr-every-field.request.json') as { IvrBroadcastConfig: Record<string, unknown> };
    const prepared = prepareV2({ ...request, IvrBroadcastConfig: { ...request.IvrBroadcastConfig, DialplanXml: '<dialplan name="Root"><goto>nowhere</goto></dialplan>' } } as never);
    expect(prepared.ok).toBe(false);
    expect(prepared.dialplan?.ok).toBe(false);
    const typo = prepareV2({ ...request, Lable: ['x'] } as never);
    expect(typo.problems.map((p) => p.path)).toContain('/Lable');
  });
});

describe("files in API 2.0's own CallBroadcast shape", () => {
  it('are told apart from 1.1 files', () => {
    expect(isCallBroadcastShape(fixture('own-shape.json'))).toBe(true);
    expect(isCallBroadcastShape(fixture('ivr-every-field.request.json'))).toBe(false);
  });

  it('are accepted, checked, and given the request label', () => {
    const prepared = prepareV2(fixture('own-shape.json') as never, { requestId: 'urn:uuid:11111111-2222-4333-8444-555555555555' });
    expect(prepared.problems).toEqual([]);
    expect(prepared.body?.labels).toEqual(['own-shape', 'request:11111111-2222-4333-8444-555555555555']);
    expect(prepared.body?.schedules).toEqual(fixture('own-shape.json')['schedules']);
  });

  it('are refused with the field named when they do not match CallBroadcast', () => {
    const prepared = prepareV2({ ...fixture('own-shape.json'), recipients: [{ phoneNumber: '12x' }], maxActive: 0, colour: 'red' } as never);
    expect(prepared.ok).toBe(false);
    expect(prepared.problems.map((p) => p.path).sort()).toEqual(['/colour', '/maxActive', '/recipients/0/phoneNumber']);
  });

  it('need exactly one of dialplanXml and sounds', () => {
    const { dialplanXml: _d, ...noPlan } = fixture('own-shape.json');
    expect(prepareV2(noPlan as never).problems.map((p) => p.message).join()).toMatch(/exactly one of dialplanXml/);
  });
});

describe('reading CallBroadcast back in 1.1 names', () => {
  it('turns a mapped body back into the request it came from', () => {
    const request = fixture('ivr-every-field.request.json');
    const back = fromCallBroadcastBody(fixture('ivr-every-field.body.json') as never).request;
    expect(back.RequestId).toBe(request['RequestId']);
    expect(back.ToNumber).toEqual(request['ToNumber']);
    expect(back.IvrBroadcastConfig).toEqual(request['IvrBroadcastConfig']);
    const shown = toV1Broadcast({ id: 7, status: 'RUNNING', ...(fixture('voice-every-field.body.json') as object) } as never);
    expect(shown.Type).toBe('VOICE');
    expect(shown.VoiceBroadcastConfig?.LocalTimeZoneRestriction).toEqual({ BeginTime: '08:00:00' });
    expect(shown.VoiceBroadcastConfig?.MaxActiveTransfers).toBe(2);
  });
});

describe.skipIf(!HAVE_SWAGGER)('against CallFire published swagger.yaml', () => {
  const own = JSON.parse(readFileSync(schemaPath('call-broadcast.schema.json'), 'utf8')) as { properties: Record<string, Record<string, unknown>>; definitions: Record<string, { properties?: Record<string, Record<string, unknown>> }> };
  const pairs: [string, Record<string, Record<string, unknown>>][] = [
    ['CallBroadcast', own.properties],
    ['Recipient', own.definitions['Recipient']!.properties!],
    ['CallBroadcastSounds', own.definitions['CallBroadcastSounds']!.properties!],
    ['RetryConfig', own.definitions['RetryConfig']!.properties!],
    ['LocalTimeRestriction', own.definitions['LocalTimeRestriction']!.properties!],
    ['Schedule', own.definitions['Schedule']!.properties!],
    ['LocalDate', own.definitions['LocalDate']!.properties!],
    ['LocalTime', own.definitions['LocalTime']!.properties!],
    ['NumberConfig', own.definitions['NumberConfig']!.properties!],
    ['IvrInboundConfig', own.definitions['IvrInboundConfig']!.properties!],
  ];

  it.each(pairs)('every field of our %s is one the swagger declares, of the same type', (name, props) => {
    const theirs = (swaggerDefinitions()[name]!['properties'] ?? {}) as Record<string, Record<string, unknown>>;
    for (const [field, mine] of Object.entries(props)) {
      if (field === '$schema') continue;
      expect(theirs[field], `${name}.${field}`).toBeDefined();
      const type = theirs[field]!['type'];
      if (type !== undefined && mine['type'] !== undefined) expect(mine['type'], `${name}.${field}`).toBe(type);
      const theirEnum = theirs[field]!['enum'] as string[] | undefined;
      const myEnum = (mine['enum'] as string[] | undefined) ?? (mine['const'] === undefined ? undefined : [mine['const'] as string]);
      if (theirEnum && myEnum) for (const v of myEnum) expect(theirEnum, `${name}.${field}`).toContain(v);
    }
  });

  it.each(['ivr-every-field', 'voice-every-field'])('the %s body is a valid CallBroadcast carrying only declared fields', (name) => {
    const body = prepareV2(fixture(`${name}.request.json`) as never).body;
    expect(swaggerErrors('CallBroadcast', body)).toEqual([]);
    expect(undeclared('CallBroadcast', body)).toEqual([]);
  });

  it("accepts the Java client's createCallBroadcast request as a file in API 2.0's shape", () => {
    const body = JSON.parse(reference('examples/campaigns/callBroadcastsApi/request/createCallBroadcast.json')) as object;
    const prepared = prepareV2(body as never);
    expect(prepared.problems).toEqual([]);
    expect(prepared.ok).toBe(true);
  });
});
