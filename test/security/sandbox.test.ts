/**
 * The sandbox as an attacker (or a careless client) meets it: entity bombs, hostile
 * RequestIds, failed saves, unauthenticated and slow bodies, other charsets, encodings and
 * SOAP versions, and unusable --data files. Every server here is a real one on 127.0.0.1.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { CallFireClient } from '../../src/broadcast/client.js';
import { SoapFaultError } from '../../src/broadcast/errors.js';
import { outcome } from '../../src/broadcast/sandbox/outcomes.js';
import { startSandbox, type Sandbox } from '../../src/broadcast/sandbox/server.js';
import { ivrRequest, xpathText } from '../broadcast/helpers.js';
import { run } from '../cli/run.js';

const credentials = { username: 'sec-user', password: 'sec-pass-81c' };
const AUTH = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
const SOAP12 = 'application/soap+xml; charset=utf-8';
const running: Sandbox[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sandbox-sec-'));
  dirs.push(d);
  return d;
}

async function sandbox(options: { dataFile?: string; bodyTimeoutMs?: number } = {}) {
  const s = await startSandbox({ port: 0, credentials, callMs: 100, ...options });
  running.push(s);
  return { s, client: new CallFireClient({ endpoint: s.url, ...credentials, maxAttempts: 1 }) };
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

function post(url: string, body: string | Buffer, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Settles with `what` happened, or 'nothing' once `ms` have passed: these tests must end. */
function within<T>(ms: number, p: Promise<T>): Promise<T | 'nothing'> {
  return Promise.race([p, new Promise<'nothing'>((r) => setTimeout(() => r('nothing'), ms).unref())]);
}

/** Opens a raw connection, sends `head` and `body` but never finishes; resolves what the server said and whether it hung up. */
function unfinished(port: number, head: string, body: Buffer | string, waitMs: number): Promise<{ reply: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    let closed = false;
    socket.on('data', (c: Buffer) => (reply += c.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => {
      closed = true;
      resolve({ reply, closed });
    });
    socket.write(head);
    socket.write(body);
    setTimeout(() => {
      resolve({ reply, closed });
      socket.destroy();
    }, waitMs).unref();
  });
}

const envelope = (body: string, ns = 'http://www.w3.org/2003/05/soap-envelope') =>
  `<env:Envelope xmlns:env="${ns}" xmlns:svc="http://api.callfire.com/service/xsd" xmlns:data="http://api.callfire.com/data"><env:Body>${body}</env:Body></env:Envelope>`;
const getBroadcast = (id: number) => envelope(`<svc:GetBroadcast><svc:Id>${id}</svc:Id></svc:GetBroadcast>`);

describe('sandbox: entities (issue 15, item 5)', () => {
  it('refuses a DOCTYPE before libxml2 reads the request, however small the bomb', async () => {
    const { s } = await sandbox();
    const entities = ['<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'];
    for (let i = 1; i < 12; i++) entities.push(`<!ENTITY ${String.fromCharCode(97 + i)} "${`&${String.fromCharCode(96 + i)};`.repeat(10)}">`);
    const bomb = `<?xml version="1.0"?><!DOCTYPE env:Envelope [${entities.join('')}]>${envelope('<svc:GetCall><svc:Id>1</svc:Id></svc:GetCall>').replace('<svc:Id>1', '<svc:Id>&l;1')}`;
    const res = await post(`${s.url}/call`, bomb, { Authorization: AUTH, 'Content-Type': SOAP12 });
    expect(res.status).toBe(400);
    expect(xpathText(res.body, '//svc:FaultCode')).toBe('BAD_REQUEST');
    expect(xpathText(res.body, '//svc:Detail')).toMatch(/DOCTYPE/);
    // Nothing was expanded into the answer.
    expect(res.body.length).toBeLessThan(2000);
  });
});

describe('sandbox: stored ids (issue 15, item 8)', () => {
  it('keeps RequestIds named like Object members apart from the prototype', async () => {
    // Raw requests: our own client only sends urn:uuid RequestIds, the schema (xs:anyURI) takes these.
    const { s, client } = await sandbox();
    const send = async (requestId: string) => {
      const xml = envelope(`<svc:SendCall><svc:RequestId>${requestId}</svc:RequestId><svc:ToNumber>13105551212</svc:ToNumber><data:VoiceBroadcastConfig><data:LiveSoundText>Hi</data:LiveSoundText></data:VoiceBroadcastConfig></svc:SendCall>`);
      const res = await post(`${s.url}/call`, xml, { Authorization: AUTH, 'Content-Type': SOAP12 });
      expect(res.status).toBe(200);
      return xpathText(res.body, '//svc:CreatedId');
    };
    const ids = new Map<string, string | undefined>();
    for (const requestId of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const id = await send(requestId);
      expect(id).toMatch(/^\d+$/);
      ids.set(requestId, id);
      // Sent again: the same broadcast, nothing new.
      expect(await send(requestId)).toBe(id);
    }
    expect(new Set(ids.values()).size).toBe(5);
    expect((await client.queryBroadcasts()).TotalResults).toBe(5);
    // A ControlBroadcast whose RequestId is "constructor" is applied, not taken for a repeat.
    const target = ids.get('toString')!;
    const stop = envelope(`<svc:ControlBroadcast><svc:Id>${target}</svc:Id><svc:RequestId>constructor</svc:RequestId><svc:Command>STOP</svc:Command></svc:ControlBroadcast>`);
    expect((await post(`${s.url}/broadcast`, stop, { Authorization: AUTH, 'Content-Type': SOAP12 })).status).toBe(200);
    expect((await client.getBroadcast(Number(target))).Status).toBe('STOPPED');
  });

  it('acknowledges nothing it could not store: a failed save is not answered from memory on the retry', async () => {
    const dir = tempDir();
    const folder = join(dir, 'state');
    mkdirSync(folder);
    const dataFile = join(folder, 'sandbox.json');
    const { client } = await sandbox({ dataFile });
    const kept = await client.sendCall({ ...ivrRequest(), RequestId: 'urn:uuid:00000000-0000-4000-8000-00000000000a' });
    rmSync(folder, { recursive: true });
    const request = { ...ivrRequest(), RequestId: 'urn:uuid:00000000-0000-4000-8000-00000000000b' };
    for (let attempt = 0; attempt < 2; attempt++) {
      const err = await client.sendCall(request).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SoapFaultError);
      expect(err).toMatchObject({ faultCode: 'UNAVAILABLE' });
      expect((err as SoapFaultError).message).toMatch(/could not store/);
    }
    // What was stored before is still there; the lost broadcast is not.
    expect((await client.queryBroadcasts()).Broadcast.map((b) => b.id)).toEqual([kept.broadcastId]);
    mkdirSync(folder);
    const stored = await client.sendCall(request);
    expect(stored.broadcastId).not.toBe(kept.broadcastId);
    await running.pop()!.close();
    const restarted = await sandbox({ dataFile });
    expect((await restarted.client.queryBroadcasts()).Broadcast.map((b) => b.id).sort()).toEqual([kept.broadcastId, stored.broadcastId].sort());
  });
  it('reads a data file saved with a byte-order mark', async () => {
    const dataFile = join(tempDir(), 'sandbox.json');
    const empty = { version: 1, nextId: 1000001, broadcasts: {}, calls: {}, requestIds: {}, sounds: {} };
    writeFileSync(dataFile, `\ufeff${JSON.stringify(empty)}`);
    const { client } = await sandbox({ dataFile });
    expect((await client.queryBroadcasts()).TotalResults).toBe(0);
    await client.sendCall(ivrRequest());
    expect((await client.queryBroadcasts()).TotalResults).toBe(1);
  });
});

describe('sandbox: bodies (issue 15, item 9)', () => {
  it('answers 401 from the headers alone, without waiting for the body', async () => {
    const { s } = await sandbox();
    const head = `POST /api/1.1/soap12/call HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${SOAP12}\r\nContent-Length: 60000000\r\n\r\n`;
    const { reply } = await unfinished(s.port, head, '<env:Envelope', 3000);
    expect(reply).toMatch(/^HTTP\/1\.1 401/);
  });

  it('reads little of an unauthenticated body before hanging up', async () => {
    const { s } = await sandbox();
    const head = `POST /api/1.1/soap12/call HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic d3Jvbmc6d3Jvbmc=\r\nContent-Length: 60000000\r\n\r\n`;
    const { reply, closed } = await unfinished(s.port, head, Buffer.alloc(1024 * 1024, 0x41), 3000);
    expect(reply).toMatch(/^HTTP\/1\.1 401/);
    expect(closed).toBe(true);
  });

  it('times out a body that arrives too slowly', async () => {
    const { s } = await sandbox({ bodyTimeoutMs: 300 });
    const head = `POST /api/1.1/soap12/call HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${AUTH}\r\nContent-Type: ${SOAP12}\r\nContent-Length: 5000\r\n\r\n`;
    const { reply, closed } = await unfinished(s.port, head, '<env:Envelope', 4000);
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(reply).toMatch(/did not arrive within 300 ms/);
    expect(closed).toBe(true);
  });

  it('refuses a body whose declared length is over the limit before reading it', async () => {
    const { s } = await sandbox();
    const head = `POST /api/1.1/soap12/call HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${AUTH}\r\nContent-Type: ${SOAP12}\r\nContent-Length: ${200 * 1024 * 1024}\r\n\r\n`;
    const { reply } = await unfinished(s.port, head, 'x', 3000);
    expect(reply).toMatch(/^HTTP\/1\.1 413/);
  });
});

describe('sandbox: what independent clients send (issue 9, items 11 and 12)', () => {
  it('decodes the declared charset and never stores a replacement character', async () => {
    const { s, client } = await sandbox();
    const xml = `<?xml version="1.0" encoding="ISO-8859-1"?>${envelope(`<svc:SendCall><svc:BroadcastName>Café crème</svc:BroadcastName><svc:ToNumber>13105551212</svc:ToNumber><data:VoiceBroadcastConfig><data:LiveSoundText>Hello</data:LiveSoundText></data:VoiceBroadcastConfig></svc:SendCall>`)}`;
    for (const contentType of ['application/soap+xml; charset=ISO-8859-1', 'application/soap+xml']) {
      const res = await post(`${s.url}/call`, Buffer.from(xml, 'latin1'), { Authorization: AUTH, 'Content-Type': contentType });
      expect(res.status).toBe(200);
      const b = await client.getBroadcast(Number(xpathText(res.body, '//svc:CreatedId')));
      expect(b.Name).toBe('Café crème');
    }
    const bad = await post(`${s.url}/call`, Buffer.from(xml.replace('ISO-8859-1', 'UTF-8'), 'latin1'), { Authorization: AUTH, 'Content-Type': SOAP12 });
    expect(bad.status).toBe(400);
    expect(xpathText(bad.body, '//svc:Message')).toMatch(/not valid utf-8/);
    const unknown = await post(`${s.url}/call`, xml, { Authorization: AUTH, 'Content-Type': 'application/soap+xml; charset=x-klingon' });
    expect(unknown.status).toBe(400);
    expect(xpathText(unknown.body, '//svc:Message')).toMatch(/charset "x-klingon" is not supported/);
  });

  it('decodes a gzip body and refuses one that is not gzip with a clear fault', async () => {
    const { s, client } = await sandbox();
    const { broadcastId } = await client.sendCall(ivrRequest());
    const ok = await post(`${s.url}/broadcast`, gzipSync(getBroadcast(broadcastId)), { Authorization: AUTH, 'Content-Type': SOAP12, 'Content-Encoding': 'gzip' });
    expect(ok.status).toBe(200);
    expect(xpathText(ok.body, '//data:Broadcast/@id')).toBe(String(broadcastId));
    const broken = await post(`${s.url}/broadcast`, getBroadcast(broadcastId), { Authorization: AUTH, 'Content-Type': SOAP12, 'Content-Encoding': 'gzip' });
    expect(broken.status).toBe(400);
    expect(xpathText(broken.body, '//svc:Message')).toMatch(/not valid gzip/);
    const other = await post(`${s.url}/broadcast`, getBroadcast(broadcastId), { Authorization: AUTH, 'Content-Type': SOAP12, 'Content-Encoding': 'br' });
    expect(other.status).toBe(415);
    expect(xpathText(other.body, '//svc:Message')).toMatch(/Content-Encoding br is not supported/);
  });

  it('names an official operation it does not implement with NOT_IMPLEMENTED', async () => {
    const { s } = await sandbox();
    const res = await post(`${s.url}/call`, envelope('<svc:GetSoundMeta><svc:Id>5</svc:Id></svc:GetSoundMeta>'), { Authorization: AUTH, 'Content-Type': SOAP12 });
    expect(xpathText(res.body, '//svc:FaultCode')).toBe('NOT_IMPLEMENTED');
    expect(xpathText(res.body, '//svc:Message')).toMatch(/^GetSoundMeta /);
    const unknown = await post(`${s.url}/call`, envelope('<svc:MakeCoffee/>'), { Authorization: AUTH, 'Content-Type': SOAP12 });
    expect(xpathText(unknown.body, '//svc:FaultCode')).toBe('BAD_REQUEST');
  });

  it('answers a SOAP 1.1 envelope with a VersionMismatch fault its client can read', async () => {
    const { s } = await sandbox();
    const res = await post(`${s.url}/broadcast`, envelope('<svc:GetBroadcast><svc:Id>1</svc:Id></svc:GetBroadcast>', 'http://schemas.xmlsoap.org/soap/envelope/'), {
      Authorization: AUTH,
      'Content-Type': 'text/xml; charset=utf-8',
      SOAPAction: '"http://api.callfire.com/service/wsdl/BroadcastServicePortType/GetBroadcast"',
    });
    expect(res.status).toBe(500);
    expect(xpathText(res.body, '//*[local-name()="faultcode"]')).toBe('s11:VersionMismatch');
    expect(res.body).toContain('SupportedEnvelope');
  });

  it('answers a header block it must understand, and does not, with a MustUnderstand fault', async () => {
    const { s } = await sandbox();
    const xml = getBroadcast(1).replace('<env:Body>', '<env:Header><x:Billing xmlns:x="urn:example:billing" env:mustUnderstand="true">42</x:Billing><x:Trace xmlns:x="urn:example:trace">1</x:Trace></env:Header><env:Body>');
    const res = await post(`${s.url}/broadcast`, xml, { Authorization: AUTH, 'Content-Type': SOAP12 });
    expect(res.status).toBe(500);
    expect(xpathText(res.body, '//env:Code/env:Value')).toBe('env:MustUnderstand');
    expect(res.body).toMatch(/NotUnderstood[^>]*qname="nu0:Billing"/);
    expect(res.body).not.toContain('Trace');
    // Addressed to another role: not ours to understand.
    const elsewhere = xml.replace('env:mustUnderstand="true"', 'env:mustUnderstand="true" env:role="urn:example:someone-else"');
    expect((await post(`${s.url}/broadcast`, elsewhere, { Authorization: AUTH, 'Content-Type': SOAP12 })).status).toBe(400);
  });
});

describe('sandbox: credentials and data files (issue 9, items 4 and 8; issue 15, item 7)', () => {
  it('makes throwaway credentials for the run when given none, and returns them', async () => {
    const s = await startSandbox({ port: 0 });
    running.push(s);
    expect(s.credentials.username).not.toBe('');
    expect(s.credentials.password.length).toBeGreaterThanOrEqual(12);
    const client = new CallFireClient({ endpoint: s.url, ...s.credentials, maxAttempts: 1 });
    expect((await client.queryBroadcasts()).TotalResults).toBe(0);
    const other = await startSandbox({ port: 0 });
    running.push(other);
    expect(other.credentials.password).not.toBe(s.credentials.password);
    await expect(new CallFireClient({ endpoint: other.url, ...s.credentials, maxAttempts: 1 }).queryBroadcasts()).rejects.toThrow(/HTTP 401/);
  });

  const env = { CALLFIRE_USERNAME: 'u', CALLFIRE_PASSWORD: 'p' };
  // A data file of the given text in the test's folder.
  const fileIn = (name: string, text: string) => (d: string) => {
    writeFileSync(join(d, name), text);
    return join(d, name);
  };
  it.each([
    ['a directory', (d: string) => d, /cannot read .*: it is a directory/],
    ['a file of another version', fileIn('v9.json', '{"version":9}'), /not a sandbox data file of version 1 \(its version is 9\)/],
    ['valid JSON of the wrong shape', fileIn('shape.json', '{"version":1,"nextId":1,"broadcasts":[]}'), /"broadcasts" is missing or of the wrong type/],
    ['not JSON', fileIn('bad.json', '{nope'), /is not a sandbox data file: /],
    ['a folder that does not exist', () => '/nonexistent-dir/x.json', /cannot write \/nonexistent-dir\/x\.json: its folder does not exist/],
  ])('sandbox --data on %s: a clear message and exit 2, no stack', async (_what, path, message) => {
    const r = await within(10_000, run(['sandbox', '--port', '0', '--data', path(tempDir())], process.cwd(), env));
    expect(r).not.toBe('nothing');
    const { code, stderr } = r as Exclude<typeof r, 'nothing'>;
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('sandbox: simulations off the request thread (issue 15, item 4)', () => {
  // Every expression builds a 400 kB string: alone it is quick, in this loop it never ends.
  const SPIN = `<dialplan name="Root"><stash varname="started">yes</stash><play type="tts" name="spin">hi</play><if expr="'x'.repeat(400000).length &gt; 0"><goto>spin</goto></if></dialplan>`;

  it('ends a plan that never ends at the sandbox budget, answering other requests meanwhile', async () => {
    const s = await startSandbox({ port: 0, credentials, callMs: 50, simulationBudget: { timeLimitMs: 300 } });
    running.push(s);
    const client = new CallFireClient({ endpoint: s.url, ...credentials, maxAttempts: 1 });
    const numbers = Array.from({ length: 8 }, (_, i) => `1415555${String(2000 + i)}`);
    const { broadcastId } = await client.sendCall({ ToNumber: numbers, IvrBroadcastConfig: { DialplanXml: SPIN } });
    // Other clients are served while the plan spins.
    const other = await client.sendCall(ivrRequest(['13105550001']));
    expect((await client.getBroadcast(other.broadcastId)).id).toBe(other.broadcastId);
    let calls = (await client.queryCalls({ BroadcastId: broadcastId })).Call;
    for (let i = 0; i < 300 && calls.some((c) => c.State === 'SELECTED' || c.State === 'READY'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      calls = (await client.queryCalls({ BroadcastId: broadcastId })).Call;
    }
    expect(calls.every((c) => c.State === 'FINISHED')).toBe(true);
    // Out of budget: the answered calls report nothing rather than a half-run plan.
    for (const c of calls) expect(c.CallRecord.at(-1)?.QuestionResponse ?? []).toEqual([]);
  });

  it('answers other clients while a simulation is still running, not only once it is over', async () => {
    // One answered call, so one simulation that computes until its whole 4 s budget is spent:
    // on the request thread, nothing would be answered until it ended.
    const number = Array.from({ length: 50 }, (_, i) => `1415555${String(3000 + i)}`).find((n) => outcome(n) === 'LA')!;
    const s = await startSandbox({ port: 0, credentials, callMs: 1, simulationBudget: { timeLimitMs: 4000, maxSteps: 1_000_000_000 } });
    running.push(s);
    const client = new CallFireClient({ endpoint: s.url, ...credentials, maxAttempts: 1 });
    const other = await client.sendCall(ivrRequest(['13105550001']));
    const { broadcastId } = await client.sendCall({ ToNumber: [number], IvrBroadcastConfig: { DialplanXml: SPIN } });
    const stillRunning = async () => (await client.queryCalls({ BroadcastId: broadcastId })).Call.some((c) => c.State === 'SELECTED');
    let answered = 0;
    let answeredWhileRunning = 0;
    // bounded: the budget ends the simulation within seconds; 2,000 rounds is far more than it takes
    for (let i = 0; i < 2_000; i++) {
      expect((await client.getBroadcast(other.broadcastId)).id).toBe(other.broadcastId);
      answered++;
      // the call is reported once its dialplan has run: still SELECTED means still simulating
      if (!(await stillRunning())) break;
      answeredWhileRunning = answered;
    }
    expect(answeredWhileRunning).toBeGreaterThanOrEqual(5);
    expect(await stillRunning()).toBe(false);
    const [call] = (await client.queryCalls({ BroadcastId: broadcastId })).Call;
    expect(call?.State).toBe('FINISHED');
  }, 60_000);
});
