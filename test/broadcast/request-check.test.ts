import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSendCall } from '../../src/broadcast/request-check.js';
import libxml from 'libxmljs2';
import { schemaPath } from '../../src/broadcast/paths.js';
import { prepareSendCall } from '../../src/broadcast/prepare.js';
import type { BroadcastConfigBase, IvrBroadcastConfig, RetryConfig, SendCallRequest, VoiceBroadcastConfig } from '../../src/broadcast/types.js';
import { PLAN } from './helpers.js';

/** A finding of the request's JSON Schema check, as checkSendCall returns it. */
const problem = (path: string, message: unknown, keyword: string) =>
  expect.objectContaining({ rule: 'json-schema', severity: 'error', path, message, data: expect.objectContaining({ keyword }) });

const valid = { ToNumber: ['13105551212'], IvrBroadcastConfig: { FromNumber: '12135551189', DialplanXml: PLAN } };

describe('checkSendCall (schemas/send-call.schema.json)', () => {
  it('accepts the example broadcast file and a minimal request', () => {
    const example = JSON.parse(readFileSync(new URL('../../examples/broadcast.json', import.meta.url), 'utf8')) as unknown;
    expect(checkSendCall(example)).toEqual([]);
    expect(checkSendCall(valid)).toEqual([]);
    expect(checkSendCall({ ToNumber: ['13105551212'], VoiceBroadcastConfig: { LiveSoundText: 'Hi' } })).toEqual([]);
  });

  it('points at bad values by JSON path', () => {
    const problems = checkSendCall({
      ToNumber: ['13105551212', '555-CALL', { Value: '13105551213', ClientData: 7 }],
      IvrBroadcastConfig: {
        DialplanXml: PLAN,
        LocalTimeZoneRestriction: { BeginTime: '9am' },
        RetryConfig: { MaxAttempts: 0, RetryResults: ['BUSY', 'SOMETIMES'] },
      },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        problem('/ToNumber/1', expect.stringMatching(/E\.164/), 'pattern'),
        problem('/ToNumber/2/ClientData', '/ToNumber/2/ClientData must be string', 'type'),
        problem('/IvrBroadcastConfig/LocalTimeZoneRestriction/BeginTime', expect.stringMatching(/HH:mm:ss/), 'pattern'),
        problem('/IvrBroadcastConfig/RetryConfig/MaxAttempts', expect.stringMatching(/>= 1/), 'minimum'),
        problem('/IvrBroadcastConfig/RetryConfig/RetryResults/1', expect.stringMatching(/must be one of "LA", "AM", "BUSY"/), 'enum'),
      ]),
    );
    // every problem is a diagnostic of the schema check, its facts in data
    for (const p of problems) expect(p).toMatchObject({ rule: 'json-schema', severity: 'error', data: { schema: 'send-call.schema.json' } });
    expect(problems.find((p) => p.path.endsWith('RetryResults/1'))!.data).toMatchObject({ keyword: 'enum', allowedValues: expect.arrayContaining(['BUSY', 'LA']) });
    // a number of neither form says both forms once, not "must be string" and "must be object"
    expect(checkSendCall({ ...valid, ToNumber: [42] })).toEqual([problem('/ToNumber/0', '/ToNumber/0 must be string or object', 'type')]);
  });

  it('names unknown fields (CallFire names are case-sensitive) and missing ones', () => {
    expect(checkSendCall({ ...valid, broadcastName: 'x' })).toEqual([problem('/broadcastName', expect.stringMatching(/unknown key "broadcastName" at the request \(field names are CallFire's, case-sensitive\)/), 'additionalProperties')]);
    expect(checkSendCall({ IvrBroadcastConfig: { DialplanXml: PLAN } })).toEqual([problem('', 'the request is missing "ToNumber"', 'required')]);
    expect(checkSendCall({ IvrBroadcastConfig: { DialplanXml: PLAN } })[0]!.data).toMatchObject({ missingProperty: 'ToNumber' });
    expect(checkSendCall({ ...valid, ToNumber: [] })).toEqual([problem('/ToNumber', expect.stringMatching(/at least 1/), 'minItems')]);
  });

  it('wants exactly one broadcast config, matching Type', () => {
    // one problem, not also "needs IvrBroadcastConfig" and "needs VoiceBroadcastConfig" from the two branches
    expect(checkSendCall({ ToNumber: ['13105551212'] })).toEqual([problem('', 'the request needs exactly one of IvrBroadcastConfig or VoiceBroadcastConfig', 'oneOf')]);
    expect(checkSendCall({ ...valid, VoiceBroadcastConfig: { LiveSoundId: 1 } })).toContainEqual(problem('', expect.stringMatching(/exactly one/), 'oneOf'));
    expect(checkSendCall({ ...valid, Type: 'VOICE' })).toEqual([problem('/Type', expect.stringMatching(/must be "IVR"/), 'const')]);
    expect(checkSendCall({ ToNumber: ['1'], VoiceBroadcastConfig: { LiveSoundText: 'a', LiveSoundId: 2 } })).toContainEqual(problem('/VoiceBroadcastConfig', expect.stringMatching(/not both/), 'not'));
  });

  it('caps the number of problems', () => {
    const numbers = Array.from({ length: 500 }, () => 'x-1');
    expect(checkSendCall({ ...valid, ToNumber: numbers })).toHaveLength(20);
    expect(checkSendCall({ ...valid, ToNumber: numbers }, 5)).toHaveLength(5);
  });
});

describe('prepareSendCall', () => {
  it('fills in Type from the config and a urn:uuid RequestId, keeping a given one', () => {
    const a = prepareSendCall(valid);
    expect(a.ok).toBe(true);
    expect(a.request).toMatchObject({ Type: 'IVR', RequestId: expect.stringMatching(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4/) });
    expect(prepareSendCall({ ...valid, RequestId: 'urn:uuid:x' }).request!.RequestId).toBe('urn:uuid:x');
    expect(prepareSendCall({ ToNumber: ['1'], VoiceBroadcastConfig: { LiveSoundId: 3 } }).request!.Type).toBe('VOICE');
    expect(a.dialplan).toEqual({ ok: true, diagnostics: [] });
  });

  const withPlan = (plan: string) => prepareSendCall({ ToNumber: ['13105551212'], IvrBroadcastConfig: { DialplanXml: plan } });

  it('keeps warnings from lint but only errors stop the send', () => {
    // A menu without any keypress is legal XML but a lint warning.
    const warned = withPlan('<dialplan name="Root"><menu name="m" maxDigits="1" timeout="3000"><play type="tts">Hi</play></menu></dialplan>');
    expect(warned.dialplan!.diagnostics.map((d) => [d.rule, d.severity])).toEqual([['menu-without-keypress', 'warning']]);
    expect(warned.ok).toBe(true);
    expect(warned.request).toBeDefined();
    // A goto to a tag that does not exist is valid against the XSD but a lint error.
    const wrong = withPlan('<dialplan name="Root"><goto>mian</goto><play name="main" type="tts">Hi</play></dialplan>');
    expect(wrong.dialplan!.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule)).toEqual(['unknown-goto-target']);
    expect(wrong.ok).toBe(false);
  });

  it('lets comments turn off lint rules, never schema errors (CallFire would refuse the plan)', () => {
    const schema = withPlan('<dialplan name="Root">\n<!-- dialplan-disable-next-line schema -->\n<bogus/>\n</dialplan>');
    expect(schema.dialplan!.diagnostics).toEqual([expect.objectContaining({ rule: 'schema', severity: 'error', line: 3 })]);
    expect(schema.ok).toBe(false);
    const quieted = withPlan('<dialplan name="Root">\n<!-- dialplan-disable-next-line menu-without-keypress -->\n<menu name="m" maxDigits="1" timeout="3000"><play type="tts">Hi</play></menu></dialplan>');
    expect(quieted.dialplan).toEqual({ ok: true, diagnostics: [] });
  });
});

describe('the types, the JSON Schema and the XSD name the same fields', () => {
  // `satisfies Record<keyof T, true>` fails to compile when a field is added to or removed from a type.
  const request = { RequestId: true, Type: true, BroadcastName: true, ToNumber: true, ScrubBroadcastDuplicates: true, Label: true, MaxActive: true, IvrBroadcastConfig: true, VoiceBroadcastConfig: true } satisfies Record<keyof SendCallRequest, true>;
  const base = { id: true, Created: true, FromNumber: true, LocalTimeZoneRestriction: true, RetryConfig: true } satisfies Record<keyof BroadcastConfigBase, true>;
  const ivr = { ...base, DialplanXml: true } satisfies Record<keyof IvrBroadcastConfig, true>;
  const voice = {
    ...base, AnsweringMachineConfig: true, LiveSoundText: true, LiveSoundId: true, LiveSoundTextVoice: true, MachineSoundText: true, MachineSoundId: true, MachineSoundTextVoice: true,
    TransferSoundText: true, TransferSoundId: true, TransferSoundTextVoice: true, TransferDigit: true, TransferNumber: true, DncSoundText: true, DncSoundId: true, DncSoundTextVoice: true, DncDigit: true, MaxActiveTransfers: true,
  } satisfies Record<keyof VoiceBroadcastConfig, true>;
  const retry = { MaxAttempts: true, MinutesBetweenAttempts: true, RetryResults: true, RetryPhoneTypes: true } satisfies Record<keyof RetryConfig, true>;

  const schema = JSON.parse(readFileSync(schemaPath('send-call.schema.json'), 'utf8')) as {
    properties: Record<string, unknown>;
    definitions: Record<string, { properties: Record<string, { properties?: Record<string, unknown> }> }>;
  };
  const keys = (o: object) => Object.keys(o).sort();

  it('in the JSON Schema', () => {
    expect(keys(schema.properties).filter((k) => k !== '$schema')).toEqual(keys(request));
    expect(keys(schema.definitions['IvrBroadcastConfig']!.properties)).toEqual(keys(ivr));
    expect(keys(schema.definitions['VoiceBroadcastConfig']!.properties)).toEqual(keys(voice));
    expect(keys(schema.definitions['IvrBroadcastConfig']!.properties['RetryConfig']!.properties!)).toEqual(keys(retry));
  });

  it('in the project XSD', () => {
    const xsd = (file: string) => libxml.parseXml(readFileSync(schemaPath(file), 'utf8'));
    const XS = { xs: 'http://www.w3.org/2001/XMLSchema' };
    const names = (doc: libxml.Document, xpath: string) => doc.find<libxml.Element>(xpath, XS).map((e) => e.attr('name')?.value() ?? e.attr('ref')!.value().replace(/^\w+:/, '')).sort();
    const svc = xsd('callfire-soap.xsd');
    const data = xsd('callfire-soap-data.xsd');
    const sendCall = [...names(svc, "//xs:complexType[@name='SendRequest']//xs:element"), ...names(svc, "//xs:complexType[@name='SendCall']//xs:element")].sort();
    expect(sendCall).toEqual(keys(request));
    const baseFields = [...names(data, "//xs:complexType[@name='BroadcastConfig']//xs:element"), ...names(data, "//xs:complexType[@name='BroadcastConfig']/xs:attribute")];
    expect([...baseFields, ...names(data, "//xs:complexType[@name='IvrBroadcastConfig']//xs:element")].sort()).toEqual(keys(ivr));
    expect([...baseFields, ...names(data, "//xs:complexType[@name='VoiceBroadcastConfig']//xs:element")].sort()).toEqual(keys(voice));
    expect(names(data, "//xs:complexType[@name='RetryConfig']//xs:element")).toEqual(keys(retry));
  });
});
