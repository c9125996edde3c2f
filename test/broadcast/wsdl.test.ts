import { describe, expect, it } from 'vitest';
import { schemaPath } from '../../src/broadcast/paths.js';
import { envelopeValidator } from '../../src/broadcast/sandbox/envelope-schema.js';
import { buildEnvelope, soapClient } from '../../src/broadcast/soap-client.js';
import { OPERATIONS, type Operation } from '../../src/broadcast/soap-operations.js';
import { configureNumberArgs, controlBroadcastArgs, createSoundArgs, queryBroadcastsArgs, queryCallsArgs } from '../../src/broadcast/wire.js';

// Minimal valid arguments for every operation but SendCall (covered in preview.test.ts).
const ARGS: Record<Exclude<Operation, 'SendCall'>, Record<string, unknown>> = {
  QueryCalls: queryCallsArgs({ BroadcastId: 5, State: ['READY', 'FINISHED'], Result: ['LA'], MaxResults: 10, FirstResult: 0, Inbound: false, LabelName: 'x' }),
  GetCall: { Id: 7 },
  CreateSound: createSoundArgs({ Name: 'hello', SoundText: 'Hello', SoundTextVoice: 'FEMALE1' }),
  GetBroadcast: { Id: 5 },
  GetBroadcastStats: { Id: 5, IntervalBegin: '2024-01-01T00:00:00Z' },
  QueryBroadcasts: queryBroadcastsArgs({ Type: ['IVR', 'VOICE'], Running: true, MaxResults: 50 }),
  ControlBroadcast: controlBroadcastArgs({ Id: 5, RequestId: 'urn:uuid:1', Command: 'ARCHIVE', MaxActive: 3 }),
  ConfigureNumber: configureNumberArgs('12135551100', '<dialplan name="Root"><hangup/></dialplan>'),
  GetNumber: { Number: '12135551100' },
};

describe('the project WSDL (schemas/callfire-soap12.wsdl)', () => {
  it('is loaded by soap once', async () => {
    expect(soapClient()).toBe(soapClient());
    expect(await soapClient()).toBe(await soapClient());
  });

  it('describes the ten operations on the CallFire ports', async () => {
    const services = (await soapClient()).describe() as Record<string, Record<string, Record<string, unknown>>>;
    const ports = services['CallFireApi']!;
    expect(Object.keys(ports['CallServicePort']!).sort()).toEqual(['CreateSound', 'GetCall', 'QueryCalls', 'SendCall']);
    expect(Object.keys(ports['BroadcastServicePort']!).sort()).toEqual(['ControlBroadcast', 'GetBroadcast', 'GetBroadcastStats', 'QueryBroadcasts']);
    expect(Object.keys(ports['NumberServicePort']!).sort()).toEqual(['ConfigureNumber', 'GetNumber']);
  });

  it.each(Object.entries(ARGS))('%s: SOAP 1.2 action and a body valid against the project XSD', async (operation, args) => {
    const envelope = await buildEnvelope(operation as Operation, args);
    const port = { call: 'CallServicePortType', broadcast: 'BroadcastServicePortType', number: 'NumberServicePortType' }[OPERATIONS[operation as Operation]];
    expect(envelope.headers['Content-Type']).toBe(`application/soap+xml; charset=utf-8; action="http://api.callfire.com/service/wsdl/${port}/${operation}"`);
    expect(envelope.body).toContain('<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"');
    expect(envelopeValidator(schemaPath('callfire-soap.xsd'))(envelope.body).errors).toEqual([]);
  });

  it('the schema catches what it should: a missing Id, a bad enum, elements out of order', async () => {
    const check = envelopeValidator(schemaPath('callfire-soap.xsd'));
    const wrap = (body: string) =>
      `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:svc="http://api.callfire.com/service/xsd"><env:Body>${body}</env:Body></env:Envelope>`;
    expect(check(wrap('<svc:GetBroadcast/>')).errors.join()).toMatch(/Missing child element/);
    expect(check(wrap('<svc:ControlBroadcast><svc:Id>1</svc:Id><svc:Command>PAUSE</svc:Command></svc:ControlBroadcast>')).errors.join()).toMatch(/PAUSE/);
    expect(check(wrap('<svc:QueryCalls><svc:BroadcastId>1</svc:BroadcastId><svc:MaxResults>5</svc:MaxResults></svc:QueryCalls>')).errors.join()).toMatch(/MaxResults/);
    expect(check('<not-xml').errors[0]).toMatch(/XML syntax/);
  });
});
