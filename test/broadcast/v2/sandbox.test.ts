/**
 * The sandbox's /v2 over real HTTP: each operation's answer against CallFire's published
 * definitions (ajv over swagger.yaml's `definitions`, and no field they do not declare), the
 * Java client's request bodies accepted and its response bodies matched in shape, the checks
 * (auth, body shape, dialplan) with an ErrorResponse naming each problem, and persistence.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../../../src/broadcast/http.js';
import { startSandbox, type Sandbox } from '../../../src/broadcast/sandbox/server.js';
import { CallFireV2Client } from '../../../src/broadcast/v2/client.js';
import { PLAN } from '../helpers.js';
import { HAVE_SWAGGER, reference, swaggerErrors, undeclared } from './swagger.js';

const credentials = { username: 'sandbox-v2', password: 'v2-sandbox-secret' };
const auth = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
let sandbox: Sandbox;
let base: string;
const dirs: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, credentials, callMs: 20 });
  base = sandbox.v2Url;
});
afterAll(async () => {
  await sandbox.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, headers: Record<string, string> = { Authorization: auth }, at = base) {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const res = await request(method, new URL(`${at}${path}`), text, { ...headers, ...(text === undefined ? {} : { 'Content-Type': 'application/json' }) }, 5000);
  return { status: res.status, headers: res.headers, json: res.body === '' ? undefined : (JSON.parse(res.body) as Record<string, unknown>) };
}

const ivr = (extra: Record<string, unknown> = {}) => ({
  name: 'Sandbox v2',
  fromNumber: '12135551189',
  recipients: [{ phoneNumber: '13105551212' }, { phoneNumber: '13105551213', attributes: { firstName: 'Ann', ClientData: 'c-2' } }],
  dialplanXml: '<dialplan name="Root"><menu name="m" maxDigits="1" timeout="2000"><play type="tts">Press 1</play><keypress pressed="1"><stash varname="choice">one</stash></keypress><keypress pressed="timeout"><stash varname="choice">none</stash></keypress></menu></dialplan>',
  labels: ['request:5a1e0000-0000-4000-8000-000000000001', 'sandbox'],
  retryConfig: { maxAttempts: 2, retryResults: ['BUSY'] },
  ...extra,
});

/** Waits (bounded: at most 30 s, the machine may be busy) until the broadcast has finished. */
async function finished(id: number): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const b = await call('GET', `/calls/broadcasts/${id}`);
    if (b.json?.['status'] === 'FINISHED') return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`broadcast ${id} did not finish`);
}

/** Holds an answer against its swagger definition, where swagger.yaml is here. */
function conforms(definition: string, json: unknown): void {
  if (!HAVE_SWAGGER) return;
  expect(swaggerErrors(definition, json), definition).toEqual([]);
  expect(undeclared(definition, json), definition).toEqual([]);
}

describe('operations, each answer valid against swagger.yaml', () => {
  let id: number;
  let callId: number;

  it('POST /calls/broadcasts → 201 ResourceId', async () => {
    const created = await call('POST', '/calls/broadcasts?start=true', ivr());
    expect(created.status).toBe(201);
    id = created.json!['id'] as number;
    expect(Number.isInteger(id)).toBe(true);
    conforms('ResourceId', created.json);
    await finished(id);
  });

  it('GET /calls/broadcasts/{id} → CallBroadcast with what was sent', async () => {
    const got = await call('GET', `/calls/broadcasts/${id}`);
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ id, name: 'Sandbox v2', fromNumber: '12135551189', status: 'FINISHED', dialplanXml: ivr().dialplanXml, retryConfig: { maxAttempts: 2, retryResults: ['BUSY'] } });
    conforms('CallBroadcast', got.json);
  });

  it('GET /calls/broadcasts?label= → CallBroadcastPage', async () => {
    const found = await call('GET', '/calls/broadcasts?label=request:5a1e0000-0000-4000-8000-000000000001');
    expect(found.json).toMatchObject({ totalCount: 1, offset: 0 });
    expect((found.json!['items'] as { id: number }[]).map((b) => b.id)).toEqual([id]);
    conforms('CallBroadcastPage', found.json);
    const none = await call('GET', '/calls/broadcasts?label=request:nothing');
    expect(none.json).toMatchObject({ totalCount: 0, items: [] });
  });

  it('GET /calls/broadcasts/{id}/stats → CallBroadcastStats', async () => {
    const stats = await call('GET', `/calls/broadcasts/${id}/stats`);
    expect(stats.json).toMatchObject({ totalOutboundCount: 2, callsRemaining: 0 });
    conforms('CallBroadcastStats', stats.json);
  });

  it('GET /calls/broadcasts/{id}/calls → CallPage whose records carry the questionResponses', async () => {
    const page = await call('GET', `/calls/broadcasts/${id}/calls?limit=1&offset=1`);
    expect(page.json).toMatchObject({ limit: 1, offset: 1, totalCount: 2 });
    const all = await call('GET', `/calls/broadcasts/${id}/calls`);
    const calls = all.json!['items'] as { id: number; toNumber: string; attributes?: object; records: { questionResponses: { question: string; response: string }[] }[] }[];
    expect(calls.map((c) => c.toNumber)).toEqual(['13105551212', '13105551213']);
    expect(calls[1]!.attributes).toEqual({ firstName: 'Ann', ClientData: 'c-2' });
    const answered = calls.flatMap((c) => c.records.flatMap((r) => r.questionResponses));
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.every((q) => q.question === 'choice' && ['one', 'none'].includes(q.response))).toBe(true);
    callId = calls[0]!.id;
    conforms('CallPage', all.json);
    conforms('CallPage', page.json);
  });

  it('GET /calls and GET /calls/{id} → CallPage and Call', async () => {
    const page = await call('GET', `/calls?campaignId=${id}`);
    expect(page.json).toMatchObject({ totalCount: 2 });
    conforms('CallPage', page.json);
    const one = await call('GET', `/calls/${callId}`);
    expect(one.json).toMatchObject({ id: callId, campaignId: id });
    conforms('Call', one.json);
  });

  it('POST /calls/broadcasts/{id}/stop|start|archive → 204, and the status follows', async () => {
    const waiting = await call('POST', '/calls/broadcasts?start=false', ivr({ labels: ['held'] }));
    const held = waiting.json!['id'] as number;
    expect((await call('GET', `/calls/broadcasts/${held}`)).json!['status']).toBe('STOPPED');
    expect((await call('POST', `/calls/broadcasts/${held}/start`)).status).toBe(204);
    // Started: the status follows the calls again (running, or already finished).
    expect((await call('GET', `/calls/broadcasts/${held}`)).json!['status']).not.toBe('STOPPED');
    expect((await call('POST', `/calls/broadcasts/${held}/stop`)).status).toBe(204);
    expect((await call('GET', `/calls/broadcasts/${held}`)).json!['status']).toBe('STOPPED');
    expect((await call('POST', `/calls/broadcasts/${held}/archive`)).status).toBe(204);
    expect((await call('GET', `/calls/broadcasts/${held}`)).json!['status']).toBe('ARCHIVED');
    const refused = await call('POST', `/calls/broadcasts/${held}/start`);
    expect(refused.status).toBe(400);
    conforms('ErrorResponse', refused.json);
  });

  it('POST /calls/broadcasts/{id}/recipients → CallList; the new numbers are dialled and played through', async () => {
    const created = await call('POST', '/calls/broadcasts?start=true', ivr({ labels: ['grows'] }));
    const grown = created.json!['id'] as number;
    const added = await call('POST', `/calls/broadcasts/${grown}/recipients`, [{ phoneNumber: '13105551299' }, { phoneNumber: '13105551298', attributes: { ClientData: 'late' } }]);
    expect(added.status).toBe(200);
    expect((added.json!['items'] as { toNumber: string }[]).map((c) => c.toNumber)).toEqual(['13105551299', '13105551298']);
    conforms('CallList', added.json);
    await finished(grown);
    const calls = (await call('GET', `/calls/broadcasts/${grown}/calls`)).json!['items'] as { toNumber: string; state: string }[];
    expect(calls.map((c) => c.toNumber)).toEqual(['13105551212', '13105551213', '13105551299', '13105551298']);
    expect(calls.every((c) => c.state === 'FINISHED')).toBe(true);
    const bad = await call('POST', `/calls/broadcasts/${grown}/recipients`, [{ phoneNumber: '12x' }, { colour: 'red' }]);
    expect(bad.status).toBe(400);
    expect(String(bad.json!['developerMessage'])).toMatch(/^\/0\/phoneNumber/m);
    expect(String(bad.json!['developerMessage'])).toMatch(/^\/1\/colour/m);
    conforms('ErrorResponse', bad.json);
    const client = new CallFireV2Client({ endpoint: base, ...credentials, env: {} });
    const more = await client.addRecipients(grown, [{ Value: '13105551297', ClientData: 'c-9' }]);
    expect(more.map((c) => [c.ToNumber, c.ClientData])).toEqual([['13105551297', 'c-9']]);
  });

  it('PUT and GET /numbers/leases/configs/{number} → 204, NumberConfig', async () => {
    const put = await call('PUT', '/numbers/leases/configs/12135551100', { configType: 'IVR', ivrInboundConfig: { dialplanXml: PLAN } });
    expect(put.status).toBe(204);
    const got = await call('GET', '/numbers/leases/configs/12135551100');
    expect(got.json).toEqual({ number: '12135551100', configType: 'IVR', ivrInboundConfig: { dialplanXml: PLAN } });
    conforms('NumberConfig', got.json);
    const missing = await call('GET', '/numbers/leases/configs/12135550000');
    expect(missing.status).toBe(404);
    conforms('ErrorResponse', missing.json);
  });
});

describe('checks', () => {
  it('refuses wrong or missing credentials with a 401 ErrorResponse', async () => {
    const none = await call('GET', '/calls/broadcasts', undefined, {});
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Basic/);
    expect(none.json).toMatchObject({ httpStatusCode: 401, internalCode: 'UNAUTHORIZED' });
    conforms('ErrorResponse', none.json);
    const wrong = await call('GET', '/calls/broadcasts', undefined, { Authorization: `Basic ${Buffer.from('sandbox-v2:nope').toString('base64')}` });
    expect(wrong.status).toBe(401);
  });

  it('answers 400 BAD_REQUEST naming each problem: body shape, unknown fields, the dialplan', async () => {
    const bad = await call('POST', '/calls/broadcasts', ivr({ recipients: [{ phoneNumber: '12x' }], colour: 'red', dialplanXml: '<dialplan name="Root"><goto>nowhere</goto></dialplan>' }));
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ httpStatusCode: 400, internalCode: 'BAD_REQUEST' });
    conforms('ErrorResponse', bad.json);
    const lines = String(bad.json!['developerMessage']).split('\n');
    expect(lines.some((l) => l.startsWith('/recipients/0/phoneNumber'))).toBe(true);
    expect(lines.some((l) => l.includes('"colour"'))).toBe(true);
    const plan = await call('POST', '/calls/broadcasts', ivr({ dialplanXml: '<dialplan name="Root"><goto>nowhere</goto></dialplan>' }));
    expect(plan.status).toBe(400);
    expect(String(plan.json!['developerMessage'])).toMatch(/^\/dialplanXml \d+:\d+ .*nowhere/m);
    const both = await call('POST', '/calls/broadcasts', ivr({ sounds: { liveSoundText: 'hi' } }));
    expect(String(both.json!['developerMessage'])).toContain('exactly one of dialplanXml (IVR) or sounds (voice)');
    const notJson = await call('POST', '/calls/broadcasts', '{"name":');
    expect(notJson.status).toBe(400);
    expect(String(notJson.json!['message'])).toContain('not JSON');
    // recipients added later: each problem at its place in the posted list, the entry named as a recipient
    const created = await call('POST', '/calls/broadcasts', ivr());
    const added = await call('POST', `/calls/broadcasts/${created.json!['id'] as number}/recipients`, [{ phoneNumber: '13105551214' }, {}, { phoneNumber: '12x' }]);
    expect(added.status).toBe(400);
    expect(String(added.json!['developerMessage']).split('\n')).toEqual(['/1: the recipient is missing "phoneNumber"', expect.stringMatching(/^\/2\/phoneNumber: \/phoneNumber has an invalid value/)]);
  });

  it('answers 404 and 405 with ErrorResponses', async () => {
    const unknown = await call('GET', '/calls/broadcasts/999999');
    expect(unknown.status).toBe(404);
    expect(unknown.json!['message']).toBe('no call broadcast with id 999999');
    const nothing = await call('GET', '/texts');
    expect(nothing.status).toBe(404);
    const method = await call('PUT', '/calls/broadcasts', {});
    expect(method.status).toBe(405);
    for (const r of [unknown, nothing, method]) conforms('ErrorResponse', r.json);
  });
});

describe.skipIf(!HAVE_SWAGGER)("the official Java client's samples", () => {
  const sample = (path: string) => JSON.parse(reference(`examples/${path}`)) as Record<string, unknown>;

  it('its createCallBroadcast request is accepted, and its voice broadcast reads back', async () => {
    const created = await call('POST', '/calls/broadcasts', sample('campaigns/callBroadcastsApi/request/createCallBroadcast.json'));
    expect(created.status).toBe(201);
    const got = await call('GET', `/calls/broadcasts/${created.json!['id'] as number}`);
    expect(got.json).toMatchObject({ name: 'Example API VB', answeringMachineConfig: 'AM_AND_LIVE', sounds: { liveSoundText: 'Hello! This is a live answer text to speech recording' } });
  });

  it('its addRecipients request is accepted', async () => {
    const created = await call('POST', '/calls/broadcasts', ivr({ labels: ['java-recipients'] }));
    const added = await call('POST', `/calls/broadcasts/${created.json!['id'] as number}/recipients`, JSON.parse(reference('examples/campaigns/callBroadcastsApi/request/addRecipients.json')));
    expect(added.status).toBe(200);
    expect((added.json!['items'] as unknown[]).length).toBe(2);
  });

  it('its updateNumberLeaseConfig request (call tracking) is accepted', async () => {
    const body = sample('numbers/numberLeasesApi/request/updateNumberLeaseConfig.json');
    const put = await call('PUT', `/numbers/leases/configs/${String(body['number'])}`, body);
    expect(put.status).toBe(204);
    const got = await call('GET', `/numbers/leases/configs/${String(body['number'])}`);
    expect(got.json).toMatchObject({ configType: 'TRACKING', callTrackingConfig: body['callTrackingConfig'] as object });
  });

  /** The type of each field the two bodies share, recursively, must agree. */
  function sameShape(ours: unknown, theirs: unknown, path = ''): string[] {
    const kind = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
    if (kind(ours) !== kind(theirs)) return [`${path}: ${kind(ours)} here, ${kind(theirs)} in the sample`];
    if (Array.isArray(ours) && Array.isArray(theirs)) return ours.length > 0 && theirs.length > 0 ? sameShape(ours[0], theirs[0], `${path}/0`) : [];
    if (typeof ours !== 'object' || ours === null) return [];
    const t = theirs as Record<string, unknown>;
    return Object.entries(ours).flatMap(([k, v]) => (k in t ? sameShape(v, t[k], `${path}/${k}`) : []));
  }

  let shaped: { id: number; created: Awaited<ReturnType<typeof call>> } | undefined;
  async function shapedBroadcast() {
    if (shaped === undefined) {
      const created = await call('POST', '/calls/broadcasts?start=true', ivr({ labels: ['shape'] }));
      shaped = { id: created.json!['id'] as number, created };
      await finished(shaped.id);
    }
    return shaped;
  }

  it.each([
    ['createCallBroadcast', 'POST', '/calls/broadcasts'],
    ['getCallBroadcast', 'GET', '/calls/broadcasts/{id}'],
    ['findCallBroadcasts', 'GET', '/calls/broadcasts'],
    ['getStats', 'GET', '/calls/broadcasts/{id}/stats'],
    ['getCalls', 'GET', '/calls/broadcasts/{id}/calls'],
  ] as const)('our answer to %s has the shape of its sample', { timeout: 40_000 }, async (name, method, path) => {
    const { id, created } = await shapedBroadcast();
    const ours = method === 'POST' ? created : await call(method, path.replace('{id}', String(id)));
    const theirs = sample(`campaigns/callBroadcastsApi/response/${name}.json`);
    expect(sameShape(ours.json, theirs)).toEqual([]);
    const shared = Object.keys(ours.json!).filter((k) => k in theirs);
    expect(shared.length).toBeGreaterThan(0);
  });

  it("its ErrorResponse sample differs from ours only where swagger.yaml says internalCode is a string", async () => {
    const theirs = sample('common/sampleErrorMessage.json');
    const ours = (await call('GET', '/calls/broadcasts/999999')).json!;
    expect(Object.keys(ours).every((k) => k in theirs)).toBe(true);
    expect(typeof theirs['internalCode']).toBe('number');
    expect(typeof ours['internalCode']).toBe('string');
    expect(swaggerErrors('ErrorResponse', theirs).join()).toMatch(/internalCode/);
  });
});

describe('persistence', () => {
  it('keeps v2 broadcasts and number configs across a restart with a data file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-v2-data-'));
    dirs.push(dir);
    const dataFile = join(dir, 'state.json');
    const first = await startSandbox({ port: 0, credentials, dataFile, callMs: 20 });
    const at = first.v2Url;
    const created = await call('POST', '/calls/broadcasts?start=true', ivr({ labels: ['kept'] }), undefined, at);
    await call('PUT', '/numbers/leases/configs/12135551101', { configType: 'IVR', ivrInboundConfig: { dialplanXml: PLAN } }, undefined, at);
    await first.close();
    const second = await startSandbox({ port: 0, credentials, dataFile, callMs: 20 });
    try {
      const again = second.v2Url;
      const found = await call('GET', '/calls/broadcasts?label=kept', undefined, undefined, again);
      expect((found.json!['items'] as { id: number }[]).map((b) => b.id)).toEqual([created.json!['id']]);
      const config = await call('GET', '/numbers/leases/configs/12135551101', undefined, undefined, again);
      expect(config.json).toMatchObject({ ivrInboundConfig: { dialplanXml: PLAN } });
    } finally {
      await second.close();
    }
  });
});
