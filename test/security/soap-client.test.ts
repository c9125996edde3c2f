/**
 * The SOAP client against answers it must not believe or must not chase: wrong namespaces
 * and versions, malformed numbers, endless paging, huge faults and responses, DOCTYPEs,
 * other charsets, SOAP-encoded multi-references, and a Receiver fault over HTTP 500. Every
 * answer comes from a real server on 127.0.0.1 (test/broadcast/helpers.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CallFireClient } from '../../src/broadcast/client.js';
import { SoapFaultError, TransportError } from '../../src/broadcast/errors.js';
import { fixture, ivrRequest, scriptedServer, soap, type Step } from '../broadcast/helpers.js';

let server: Awaited<ReturnType<typeof scriptedServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(steps: readonly Step[], options: { maxAttempts?: number; maxResponseBytes?: number; maxPages?: number } = {}) {
  server = await scriptedServer(steps);
  return new CallFireClient({ endpoint: server.endpoint, username: 'u', password: 'p', retryDelayMs: 5, maxAttempts: options.maxAttempts ?? 3, timeoutMs: 5000, ...options });
}

const ENV12 = 'http://www.w3.org/2003/05/soap-envelope';
const body = (inner: string, ns = ENV12) => `<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="${ns}" xmlns:svc="http://api.callfire.com/service/xsd" xmlns:d="http://api.callfire.com/data"><env:Body>${inner}</env:Body></env:Envelope>`;
const page = (total: string, calls: string) => body(`<svc:CallQueryResult><svc:TotalResults>${total}</svc:TotalResults>${calls}</svc:CallQueryResult>`);
const call = (id: number, from = '<d:FromNumber>12135551189</d:FromNumber>') =>
  `<d:Call id="${id}">${from}<d:ToNumber>13105551212</d:ToNumber><d:State>FINISHED</d:State><d:ContactId>1</d:ContactId><d:Inbound>false</d:Inbound><d:Created>2024-01-01T00:00:00Z</d:Created><d:Modified>2024-01-01T00:00:00Z</d:Modified></d:Call>`;

describe('client: what the answer is (issue 15, item 10)', () => {
  it('does not take a CreatedId in another namespace for a broadcast id', async () => {
    const client = await clientFor([soap(body('<x:CreatedId xmlns:x="urn:evil">666</x:CreatedId>'))]);
    const err = await client.sendCall(ivrRequest()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toMatch(/SendCall answered with \{urn:evil\}CreatedId, not CreatedId in http:\/\/api\.callfire\.com\/service\/xsd/);
  });

  it('refuses a SOAP 1.1 envelope', async () => {
    const client = await clientFor([soap(body('<svc:CreatedId>8735021</svc:CreatedId>', 'http://schemas.xmlsoap.org/soap/envelope/'))]);
    await expect(client.sendCall(ivrRequest())).rejects.toThrow(/SOAP 1\.1 envelope/);
  });

  it('reads no number out of "12abc"', async () => {
    const client = await clientFor([soap(body('<svc:CreatedId>12abc</svc:CreatedId>')), soap(page('12abc', call(1)))], { maxAttempts: 1 });
    await expect(client.sendCall(ivrRequest())).rejects.toThrow(/CreatedId that is not a number/);
    await expect(client.queryCalls({ BroadcastId: 1 })).rejects.toThrow(/"12abc" where a number belongs/);
  });

  it('refuses a DOCTYPE in a response before parsing it', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${body('<svc:CreatedId>1&b;</svc:CreatedId>').replace(/^<\?xml[^>]*>/, '')}`;
    const client = await clientFor([soap(bomb)], { maxAttempts: 1 });
    await expect(client.sendCall(ivrRequest())).rejects.toThrow(/DOCTYPE/);
  });

  it('stops paging a server that claims a billion calls, at the first page', async () => {
    const client = await clientFor([soap(page('1000000000', call(1)))], { maxPages: 50 });
    const pages: number[] = [];
    const err = await (async () => {
      for await (const p of client.queryAllCalls({ BroadcastId: 1 })) pages.push(p.Call.length);
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toMatch(/reports 1000000000 calls, more than the 50 pages/);
    expect(server!.received).toHaveLength(1);
  });

  it('stops paging after maxPages when every page says there is more', async () => {
    // TotalResults stays just out of reach: a page of one call at a time.
    const client = await clientFor([soap(page('40', call(1)))], { maxPages: 5 });
    const err = await (async () => {
      for await (const p of client.queryAllCalls({ BroadcastId: 1 }, 10)) void p;
    })().catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/stopped after 5 pages \(5 calls\), the paging limit/);
    expect(server!.received).toHaveLength(5);
  });

  it('cuts a fault message of 5 MB, and refuses a text past the 10 MB guard of libxml2', async () => {
    const tooBig = fixture('fault-bad-request.xml').replace(/<svc:Message>[^<]*<\/svc:Message>/, `<svc:Message>${'A'.repeat(11 * 1024 * 1024)}</svc:Message>`);
    const refused = await clientFor([soap(tooBig)]);
    await expect(refused.getBroadcast(1)).rejects.toThrow(/not a SOAP envelope \(not well-formed XML: a text in it is larger than the 10 MB libxml2 reads/);
    await server!.close();
    const huge = 'A'.repeat(5 * 1024 * 1024);
    const fault = fixture('fault-bad-request.xml').replace(/<svc:Message>[^<]*<\/svc:Message>/, `<svc:Message>${huge}</svc:Message>`);
    expect(fault).toContain(huge);
    const client = await clientFor([soap(fault, 400)]);
    const err = await client.getBroadcast(1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SoapFaultError);
    expect((err as Error).message.length).toBeLessThan(5000);
    expect((err as Error).message).toMatch(/… \(\d+ more characters\)/);
  });

  it('does not download a response refused for its size again', async () => {
    const client = await clientFor([soap(body(`<svc:CreatedId>1</svc:CreatedId><!--${'x'.repeat(20_000)}-->`))], { maxResponseBytes: 4096, maxAttempts: 4 });
    const err = await client.sendCall(ivrRequest()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ code: 'ETOOBIG' });
    expect(server!.received).toHaveLength(1);
  });
});

describe('client: what independent servers send (issue 9, items 11, 13 and 14)', () => {
  it('decodes a response in its declared charset', async () => {
    const latin1: Step = (res) => {
      res.writeHead(200, { 'Content-Type': 'application/soap+xml; charset=ISO-8859-1' });
      res.end(Buffer.from(body('<d:Broadcast id="7"><d:Name>Café crème</d:Name><d:Status>RUNNING</d:Status><d:Type>IVR</d:Type></d:Broadcast>').replace('UTF-8', 'ISO-8859-1'), 'latin1'));
    };
    const client = await clientFor([latin1]);
    expect((await client.getBroadcast(7)).Name).toBe('Café crème');
  });

  it('retries an HTTP 500 env:Receiver fault without ServiceFaultInfo, as the docs say of 5xx', async () => {
    const receiver = body('<env:Fault><env:Code><env:Value>env:Receiver</env:Value></env:Code><env:Reason><env:Text xml:lang="en">Internal Error</env:Text></env:Reason></env:Fault>');
    const client = await clientFor([soap(receiver, 500), soap(fixture('created-id.xml'))]);
    expect((await client.sendCall(ivrRequest())).broadcastId).toBe(8735021);
    expect(server!.received).toHaveLength(2);
    // A Sender fault is the client's mistake: not retried.
    const sender = receiver.replace('env:Receiver', 'env:Sender');
    const again = await clientFor([soap(sender, 500), soap(fixture('created-id.xml'))]);
    await expect(again.sendCall(ivrRequest())).rejects.toBeInstanceOf(SoapFaultError);
    expect(server!.received).toHaveLength(1);
  });

  it('resolves SOAP-encoded multi-references, as PHP SoapServer writes a repeated value', async () => {
    const enc = 'xmlns:enc="http://www.w3.org/2003/05/soap-encoding"';
    const shared = page('2', call(1, `<d:FromNumber enc:id="ref1" ${enc}>12135551189</d:FromNumber>`) + call(2, `<d:FromNumber enc:ref="#ref1" ${enc}/>`));
    const client = await clientFor([soap(shared)]);
    const result = await client.queryCalls({ BroadcastId: 1 });
    expect(result.Call.map((c) => c.FromNumber)).toEqual(['12135551189', '12135551189']);
  });

  it('says a response with a dangling or endless multi-reference cannot be read', async () => {
    const enc = 'xmlns:enc="http://www.w3.org/2003/05/soap-encoding"';
    const dangling = page('1', call(1, `<d:FromNumber enc:ref="#nowhere" ${enc}/>`));
    const client = await clientFor([soap(dangling)], { maxAttempts: 1 });
    await expect(client.queryCalls({ BroadcastId: 1 })).rejects.toThrow(/cannot be read: it refers to "nowhere"/);
    // An element that refers to what contains it: a cycle.
    const cycle = page('1', `<d:Call id="1" enc:id="a" ${enc}><d:Label><d:Name enc:ref="#a"/></d:Label></d:Call>`);
    const looping = await clientFor([soap(cycle)], { maxAttempts: 1 });
    await expect(looping.queryCalls({ BroadcastId: 1 })).rejects.toThrow(/cannot be read: "a" refers to an element that contains the reference/);
    // Each level refers ten times to the one before: a few hundred bytes that would expand to 10^8 copies.
    const levels = [`<d:Name enc:id="l0" ${enc}>ha</d:Name>`];
    for (let i = 1; i <= 8; i++) levels.push(`<d:Label enc:id="l${i}" ${enc}>${`<d:Name enc:ref="#l${i - 1}"/>`.repeat(10)}</d:Label>`);
    const laughs = page('1', `<d:Call id="1">${levels.join('')}</d:Call>`);
    const bomb = await clientFor([soap(laughs)], { maxAttempts: 1 });
    await expect(bomb.queryCalls({ BroadcastId: 1 })).rejects.toThrow(/cannot be read: its multi-references expand to more than \d+ nodes/);
  });
});
