/**
 * Test helpers for the SendCall client: a raw node:http server on 127.0.0.1 that answers
 * from a script and records every request, and the recorded SOAP responses.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import libxml from 'libxmljs2';

/** A request the scripted server received. */
export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** How the server answers one request. */
export type Step = (res: ServerResponse, req: Received, socket: Socket) => void;

/** A recorded response from test/fixtures/broadcast. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/broadcast/${name}`, import.meta.url), 'utf8');
}

/** Answers with a SOAP envelope. */
export function soap(body: string, status = 200): Step {
  return (res) => {
    res.writeHead(status, { 'Content-Type': 'application/soap+xml; charset=utf-8' });
    res.end(body);
  };
}

/** Answers with a status and a plain text body. */
export function plain(status: number, text = '', headers: Record<string, string> = {}): Step {
  return (res) => {
    res.writeHead(status, { 'Content-Type': 'text/plain', ...headers });
    res.end(text);
  };
}

/** Drops the connection without answering. */
export const drop: Step = (_res, _req, socket) => socket.destroy();

/** Answers after `ms`, later than a short client timeout. */
export function slow(ms: number, then: Step): Step {
  return (res, req, socket) => {
    const t = setTimeout(() => {
      if (!socket.destroyed) then(res, req, socket);
    }, ms);
    socket.once('close', () => clearTimeout(t));
  };
}

/** A server answering request n with steps[n] (the last step repeats). */
export async function scriptedServer(steps: readonly Step[]) {
  const received: Received[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      const step = steps[Math.min(received.length, steps.length - 1)]!;
      received.push(r);
      step(res, r, req.socket);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/api/1.1/soap12`,
    received,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const NS = { env: 'http://www.w3.org/2003/05/soap-envelope', svc: 'http://api.callfire.com/service/xsd', data: 'http://api.callfire.com/data' };

/** Text of the first element matching an XPath (prefixes env, svc, data) in an envelope. */
export function xpathText(xml: string, xpath: string): string | undefined {
  const found = libxml.parseXml(xml).get(xpath, NS);
  if (!found) return undefined;
  // Attributes have value(), elements text().
  return found.type() === 'attribute' ? (found as unknown as libxml.Attribute).value() : (found as libxml.Element).text();
}

/** Texts of every element matching an XPath. */
export function xpathAll(xml: string, xpath: string): string[] {
  return libxml.parseXml(xml).find<libxml.Element>(xpath, NS).map((e) => e.text());
}

/** A small valid dialplan. */
export const PLAN = '<dialplan name="Root"><play type="tts" voice="female1">Hello &amp; welcome</play><hangup/></dialplan>';

/** A SendCall request with a valid IVR config. */
export function ivrRequest(numbers: readonly string[] = ['13105551212', '13105551213']) {
  return {
    BroadcastName: 'Test broadcast',
    ToNumber: [...numbers],
    IvrBroadcastConfig: { FromNumber: '12135551189', DialplanXml: PLAN },
  };
}
