/**
 * The API 2.0 client over real HTTP against stand-in servers on 127.0.0.1: preview sends
 * nothing, Basic auth, the label-based retry (exactly one broadcast after a dropped answer),
 * 401/400/404/500, and paging through every call whatever page size the server picks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CredentialsError, InvalidRequestError, TransportError } from '../../../src/broadcast/errors.js';
import { CallFireV2Client, DEFAULT_V2_ENDPOINT } from '../../../src/broadcast/v2/client.js';
import { ApiError } from '../../../src/broadcast/v2/errors.js';
import { ivrRequest } from '../helpers.js';
import { standIn, type Trap } from './stand-in.js';

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setUp(options: Parameters<typeof standIn>[0] = {}) {
  const server = await standIn(options);
  servers.push(server);
  const client = new CallFireV2Client({ endpoint: server.endpoint, username: 'api-user', password: 'pa55:word', retryDelayMs: 1, timeoutMs: 2000, maxAttempts: 3, env: {} });
  return { server, client };
}

describe('preview', () => {
  it('shows the exact request, redacted, and sends nothing', async () => {
    const { server, client } = await setUp();
    const preview = await client.previewSendCall(ivrRequest());
    expect(preview.ok).toBe(true);
    expect(preview.http?.method).toBe('POST');
    expect(preview.http?.url).toBe(`${server.endpoint}/calls/broadcasts?start=true&strictValidation=true`);
    expect(preview.http?.headers['Authorization']).toBe('Basic [redacted]');
    expect(JSON.stringify(preview)).not.toContain(Buffer.from('api-user:pa55:word').toString('base64'));
    expect(JSON.parse(preview.http!.body!)).toMatchObject({ name: 'Test broadcast', labels: [preview.label] });
    expect(server.seen).toHaveLength(0);
  });

  it('sends the previewed body byte for byte', async () => {
    const { server, client } = await setUp();
    const request = { ...ivrRequest(), RequestId: 'urn:uuid:6f0e1d2c-3b4a-4958-8776-a5b4c3d2e1f0' };
    const preview = await client.previewSendCall(request);
    server.seen.length = 0;
    await client.sendCall(request);
    const post = server.seen.find((s) => s.method === 'POST')!;
    expect(post.body).toBe(preview.http!.body);
    expect(post.url).toBe('/v2/calls/broadcasts?start=true&strictValidation=true');
  });
});

describe('submitting', () => {
  it('authenticates with HTTP Basic and answers the new id', async () => {
    const { server, client } = await setUp();
    const result = await client.sendCall(ivrRequest());
    expect(result.reused).toBe(false);
    expect(result.broadcastId).toBe(500);
    expect(server.seen[0]!.headers.authorization).toBe(`Basic ${Buffer.from('api-user:pa55:word').toString('base64')}`);
    expect(server.seen[0]!.headers['content-type']).toMatch(/^application\/json/);
  });

  it('refuses an invalid request without sending anything', async () => {
    const { server, client } = await setUp();
    await expect(client.sendCall({ ...ivrRequest(), ToNumber: ['12x'] })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(server.seen).toHaveLength(0);
  });

  it('after a create whose answer was lost, finds the broadcast by its label instead of creating a second', async () => {
    // Create, then hang up without answering.
    const trap: Trap = (s, res) => {
      if (s.method !== 'POST') return false;
      res.socket?.destroy();
      return true;
    };
    const { server, client } = await setUp({ trap });
    const result = await client.sendCall(ivrRequest());
    expect(server.broadcasts).toHaveLength(1);
    expect(result).toMatchObject({ broadcastId: 500, reused: true });
    const lookup = server.seen[1]!;
    expect(lookup.method).toBe('GET');
    expect(new URL(lookup.url, 'http://x').searchParams.get('label')).toBe(`request:${result.requestId.replace('urn:uuid:', '')}`);
  });

  it('after a 500 whose broadcast was not made, creates again once', async () => {
    let failed = false;
    const trap: Trap = (s, res, stand) => {
      if (s.method !== 'POST' || failed) return false;
      failed = true;
      stand.forget();
      res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ httpStatusCode: 500, internalCode: 'X', message: 'try later' }));
      return true;
    };
    const { server, client } = await setUp({ trap });
    const result = await client.sendCall(ivrRequest());
    expect(server.seen.map((s) => s.method)).toEqual(['POST', 'GET', 'POST']);
    expect(server.broadcasts).toHaveLength(1);
    expect(result.reused).toBe(false);
  });

  it('a retry with the same request id looks first and never creates a second broadcast', async () => {
    const { server, client } = await setUp();
    const request = { ...ivrRequest(), RequestId: 'urn:uuid:aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' };
    const first = await client.sendCall(request);
    const again = await client.sendCall(request);
    expect(server.broadcasts).toHaveLength(1);
    expect(again).toEqual({ ...first, reused: true });
  });

  it('gives up after maxAttempts when the service stays away, naming the id to retry with', async () => {
    const { client } = await setUp({ trap: (_s, res) => {
        res.socket?.destroy();
        return true;
      } });
    const error = await client.sendCall(ivrRequest()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).message).toMatch(/retry with the same request id \(urn:uuid:/);
  });
});

describe('errors', () => {
  const answer = (status: number, body: unknown): Trap => (_s, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    return true;
  };

  it('401 is a credentials error, never retried', async () => {
    const { server, client } = await setUp({ trap: answer(401, { httpStatusCode: 401, internalCode: 'UNAUTHORIZED', message: 'bad credentials' }) });
    await expect(client.getBroadcast(1)).rejects.toBeInstanceOf(CredentialsError);
    expect(server.seen).toHaveLength(1);
  });

  it('400 carries the ErrorResponse and is not retried', async () => {
    const { server, client } = await setUp({ trap: answer(400, { httpStatusCode: 400, internalCode: 'BAD_REQUEST', message: 'Invalid CallBroadcast', developerMessage: '/fromNumber: not a number' }) });
    const error = (await client.sendCall(ivrRequest()).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.message).toContain('/fromNumber: not a number');
    expect(server.seen.filter((s) => s.method === 'POST')).toHaveLength(1);
  });

  it('404 names the resource and is not retried', async () => {
    const { server, client } = await setUp();
    const error = (await client.getBroadcast(77).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/GET \/calls\/broadcasts\/77 failed: HTTP 404/);
    expect(server.seen).toHaveLength(1);
  });

  it('500 on a read is retried, then reported', async () => {
    const { server, client } = await setUp({ trap: answer(500, { httpStatusCode: 500, internalCode: 'INTERNAL', message: 'down' }) });
    const error = (await client.getBroadcast(1).catch((e: unknown) => e)) as TransportError;
    expect(error).toBeInstanceOf(TransportError);
    expect(error.message).toMatch(/HTTP 500 .*\(down\) after 3 attempt/);
    expect(server.seen).toHaveLength(3);
  });

  it('no credentials: refused before any request', async () => {
    const server = await standIn();
    servers.push(server);
    const client = new CallFireV2Client({ endpoint: server.endpoint, env: {} });
    await expect(client.getBroadcast(1)).rejects.toBeInstanceOf(CredentialsError);
    expect(server.seen).toHaveLength(0);
  });
});

describe('paging', () => {
  it('reads all 250 calls when the server answers 37 at a time', async () => {
    const { server, client } = await setUp({ calls: 250, pageSize: 37 });
    const ids: number[] = [];
    for await (const page of client.queryAllCalls({ BroadcastId: 5 })) ids.push(...page.Call.map((c) => c.id));
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    expect(server.seen).toHaveLength(Math.ceil(250 / 37));
    const offsets = server.seen.map((s) => Number(new URL(s.url, 'http://x').searchParams.get('offset')));
    expect(offsets).toEqual([0, 37, 74, 111, 148, 185, 222]);
  });
});

describe('paging bounds', () => {
  it('stops at maxPages with a message naming the limit', async () => {
    const server = await standIn({ calls: 250, pageSize: 10 });
    servers.push(server);
    const client = new CallFireV2Client({ endpoint: server.endpoint, username: 'u', password: 'p', maxPages: 3, env: {} });
    const read = async () => {
      for await (const _page of client.queryAllCalls({ BroadcastId: 1 })) void _page;
    };
    await expect(read()).rejects.toThrow(/stopped after 3 pages \(30 calls\), the paging limit \(maxPages\)/);
    expect(server.seen).toHaveLength(3);
  });
});

describe('endpoint', () => {
  it('defaults to CallFire API 2.0 and refuses 1.1 addresses and credentials in the URL', () => {
    expect(new CallFireV2Client({ env: {} }).endpoint).toBe(DEFAULT_V2_ENDPOINT);
    expect(new CallFireV2Client({ env: { CALLFIRE_ENDPOINT: 'http://127.0.0.1:8080/v2/' } }).endpoint).toBe('http://127.0.0.1:8080/v2');
    // an empty CALLFIRE_ENDPOINT counts as unset, as for the 1.1 client; the option wins over it
    expect(new CallFireV2Client({ env: { CALLFIRE_ENDPOINT: '' } }).endpoint).toBe(DEFAULT_V2_ENDPOINT);
    expect(new CallFireV2Client({ endpoint: 'http://127.0.0.1:9/v2', env: { CALLFIRE_ENDPOINT: 'http://127.0.0.1:8080/v2' } }).endpoint).toBe('http://127.0.0.1:9/v2');
    expect(() => new CallFireV2Client({ endpoint: 'http://127.0.0.1:8080/api/1.1/soap12', env: {} })).toThrow(/API 1\.1/);
    expect(() => new CallFireV2Client({ endpoint: 'http://u:p@127.0.0.1/v2', env: {} })).toThrow(/must not contain credentials/);
  });
});
