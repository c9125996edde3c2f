import { describe, expect, it } from 'vitest';
import libxml from 'libxmljs2';
import { CallFireClient } from '../../src/broadcast/client.js';
import { cdataSafe, cdataSafeDeep, sendCallEnvelope, toNumberElements } from '../../src/broadcast/send-envelope.js';
import { buildEnvelope, requestSequence } from '../../src/broadcast/soap-client.js';
import type { PreparedSendCall } from '../../src/broadcast/types.js';
import { sendCallArgs } from '../../src/broadcast/wire.js';
import { PLAN, xpathAll, xpathText } from './helpers.js';

const base: PreparedSendCall = {
  RequestId: 'urn:uuid:12345678-1234-4234-8234-123456789012',
  Type: 'IVR',
  BroadcastName: 'Same bytes',
  ToNumber: [
    '13105551212',
    { Value: '13105551213', ClientData: 'a "quoted" <value> & \'more\'\ttab\nline' },
    { Value: '+13105551214', ClientData: 'c', Attributes: { firstName: 'Zoë', C: 'Tuesday, March 4th' } },
    { Value: '13105551215', Attributes: { lastName: 'O\'Brien & Sons' } },
  ],
  ScrubBroadcastDuplicates: true,
  IvrBroadcastConfig: { FromNumber: '12135551189', DialplanXml: PLAN },
};

describe('sendCallEnvelope', () => {
  // soap writing the whole request, list included: the bytes ours must match.
  const soapAlone = (request: PreparedSendCall) => buildEnvelope('SendCall', cdataSafeDeep(sendCallArgs(request)) as Record<string, unknown>);

  it('writes exactly the bytes soap writes, only faster', async () => {
    const ours = await sendCallEnvelope(base);
    const soap = await soapAlone(base);
    expect(ours.body).toBe(soap.body);
    expect(ours.headers).toEqual(soap.headers);
  });

  it('puts the list where the schema has it, whichever fields are present', async () => {
    const { RequestId, Type, ToNumber } = base;
    const IvrBroadcastConfig = { FromNumber: '12135551189', DialplanXml: PLAN };
    const voice: PreparedSendCall = { RequestId, Type: 'VOICE', ToNumber, Label: ['a', 'b'], MaxActive: 3, VoiceBroadcastConfig: { FromNumber: '12135551189', LiveSoundText: '<![CDATA[</svc:SendCall>]]>' } };
    for (const request of [voice, { RequestId, Type, ToNumber, IvrBroadcastConfig }, { ...base, BroadcastName: '<![CDATA[<svc:SendCall>]]>' }]) {
      expect((await sendCallEnvelope(request)).body).toBe((await soapAlone(request)).body);
    }
    const { prefix, children } = await requestSequence('SendCall');
    expect(prefix).toBe('svc');
    expect(children.slice(0, 5)).toEqual(['RequestId', 'Type', 'BroadcastName', 'ToNumber', 'ScrubBroadcastDuplicates']);
  });

  it('keeps texts exact through a parser, attributes included', async () => {
    const { body } = await sendCallEnvelope(base);
    expect(xpathText(body, '//svc:ToNumber[2]/@ClientData')).toBe('a "quoted" <value> & \'more\'\ttab\nline');
    expect(xpathText(body, '//svc:ToNumber[3]/@firstName')).toBe('Zoë');
    expect(xpathText(body, '//svc:ToNumber[4]/@lastName')).toBe('O\'Brien & Sons');
  });

  it('cannot be broken into by a value that looks like CDATA', async () => {
    const evil = '<![CDATA[x]]></data:DialplanXml><svc:Evil/><data:DialplanXml><![CDATA[y]]>';
    const request: PreparedSendCall = { ...base, BroadcastName: evil, IvrBroadcastConfig: { DialplanXml: evil } };
    const { body } = await sendCallEnvelope(request);
    expect(() => libxml.parseXml(body)).not.toThrow();
    expect(xpathAll(body, '//svc:Evil')).toEqual([]);
    expect(xpathText(body, '//svc:BroadcastName')).toBe(evil);
    expect(xpathText(body, '//data:DialplanXml')).toBe(evil);
    // The same through the public client, for other operations' strings too.
    const preview = await new CallFireClient({ env: {} }).previewSendCall({ ToNumber: ['13105551212'], BroadcastName: evil, IvrBroadcastConfig: { DialplanXml: PLAN } });
    expect(xpathText(preview.http!.body, '//svc:BroadcastName')).toBe(evil);
    expect(cdataSafe('plain <text>')).toBe('plain <text>');
  });

  it('refuses contact fields that are not plain attribute names', () => {
    expect(() => toNumberElements([{ Value: '1', Attributes: { 'bad name': 'x' } }], 'svc:ToNumber')).toThrow(/"bad name" cannot be a contact field name/);
    expect(() => toNumberElements([{ Value: '1', Attributes: { xmlns: 'urn:x' } }], 'svc:ToNumber')).toThrow(TypeError);
    expect(() => toNumberElements([{ Value: '1', ClientData: 'a', Attributes: { ClientData: 'b' } }], 'svc:ToNumber')).toThrow(TypeError);
  });
});
