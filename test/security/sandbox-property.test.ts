/**
 * Issue 15, "Tests", the sandbox's part: random hostile plans (the shapes of hostile-shapes.ts
 * at random sizes, some over a limit, with markup-like text inside) sent as SendCall over real
 * HTTP to one sandbox on 127.0.0.1. Each answer is a CreatedId or a SOAP fault that says where
 * the plan is wrong or which limit it passed; none hangs (every request has a client timeout),
 * none is a bare 5xx, and the sandbox still takes a good plan afterwards.
 */
import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeXml } from '../../src/broadcast/send-envelope.js';
import { startSandbox, type Sandbox } from '../../src/entries/sandbox.js';
import { PLAN, xpathAll, xpathText } from '../broadcast/helpers.js';
import { SHAPES, type ShapeName } from './hostile-shapes.js';

const credentials = { username: 'prop-user', password: 'prop-pass-4d2' };
const AUTH = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
/** No answer within this long counts as a hang (a failed property, not a stuck suite). */
const CLIENT_TIMEOUT_MS = 20_000;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, credentials, callMs: 10 });
});
afterAll(async () => {
  await sandbox?.close();
});

/** A SendCall with `plan` as its IvrBroadcastConfig's DialplanXml, escaped as element text. */
function sendCall(plan: string): string {
  return `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:svc="http://api.callfire.com/service/xsd" xmlns:data="http://api.callfire.com/data"><env:Body><svc:SendCall><svc:BroadcastName>prop</svc:BroadcastName><svc:ToNumber>13105551212</svc:ToNumber><data:IvrBroadcastConfig><data:FromNumber>12135551189</data:FromNumber><data:DialplanXml>${escapeXml(plan)}</data:DialplanXml></data:IvrBroadcastConfig></svc:SendCall></env:Body></env:Envelope>`;
}

/** POSTs `body` to the call service; 'timeout' when no full answer came within the client timeout. */
function post(body: string): Promise<{ status: number; body: string } | 'timeout'> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${sandbox.url}/call`,
      { method: 'POST', timeout: CLIENT_TIMEOUT_MS, headers: { Authorization: AUTH, 'Content-Type': 'application/soap+xml; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('timeout', () => {
      req.destroy();
      resolve('timeout');
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Text that looks like markup, entities, references or line ends, placed in a prompt of the plan. */
const promptText = fc
  .array(fc.constantFrom('&amp;', '&#233;', '&lt;b&gt;', '${', '}', '${x${y}}', '\u2028', '\r\n', '\r', '\u0085', '<![CDATA[<b>]]>', 'x'), { maxLength: 20 })
  .map((parts) => parts.join(''));

const shapeNames = Object.keys(SHAPES) as ShapeName[];

/** A shape at a moderate size (sometimes past a limit) with hostile prompt text in front. */
const hostilePlan = fc
  .record({ shape: fc.constantFrom(...shapeNames), size: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 900, max: 1_500 })), text: promptText })
  .map(({ shape, size, text }) => SHAPES[shape](size).replace('<dialplan name="Root">', `<dialplan name="Root"><play type="tts">${text}</play>`));

/** Each Detail line of an invalid-plan fault: `line:column /path: message (rule)`, the position left out where there is none. */
const LOCATED = /^(\d+:\d+ )?\/\S*: .+ \([\w-]+\)$/;

describe('sandbox: hostile plans as SendCall', () => {
  it('answers each with a CreatedId or a fault that locates the problem, then still takes a good plan', async () => {
    await fc.assert(
      fc.asyncProperty(hostilePlan, async (plan) => {
        const res = await post(sendCall(plan));
        expect(res).not.toBe('timeout');
        if (res === 'timeout') return;
        const id = res.status === 200 ? xpathText(res.body, '//svc:CreatedId') : undefined;
        if (id !== undefined) {
          expect(Number(id)).toBeGreaterThan(0);
          return;
        }
        // not created: a 4xx/5xx whose body is a SOAP fault with a code and a message
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(xpathText(res.body, '//env:Fault/env:Code/env:Value')).toMatch(/^env:(Sender|Receiver)$/);
        const code = xpathText(res.body, '//svc:FaultCode');
        const message = xpathText(res.body, '//env:Reason/env:Text') ?? '';
        expect(code).toBe('BAD_REQUEST');
        if (/^Invalid DialplanXml: \d+ error\(s\)$/.test(message)) {
          const lines = (xpathText(res.body, '//svc:Detail') ?? '').split('\n');
          expect(lines.length).toBe(Number(/\d+/.exec(message)![0]));
          for (const line of lines) expect(line).toMatch(LOCATED);
          // at least one finding points at a real line (the rest may be summary findings)
          expect(lines.some((l) => /^\d+:\d+ /.test(l))).toBe(true);
        } else {
          // any other refusal names the limit it hit
          expect(message).toMatch(/limit|at most|too (large|deep|many|long)/i);
        }
        expect(res.body.length).toBeLessThan(200_000);
      }),
      { numRuns: 15 },
    );
    // and the sandbox is still well: a plain good plan is created
    const ok = await post(sendCall(PLAN));
    expect(ok).not.toBe('timeout');
    if (ok === 'timeout') return;
    expect(ok.status).toBe(200);
    expect(xpathAll(ok.body, '//svc:CreatedId')).toHaveLength(1);
  }, 300_000);
});
