/**
 * A small stand-in for CallFire's API 2.0 on 127.0.0.1: it keeps the broadcasts it was asked
 * to create (so a test can count them), answers the label search, and lets a test decide per
 * request how to misbehave (drop the connection after creating, answer 500, ...).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the stand-in received. */
export interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** What a test may do with a request before the stand-in answers it: return true when it answered (or hung up) itself. */
export type Trap = (seen: Seen, res: ServerResponse, stand: { readonly index: number; forget(): void }) => boolean;

/** Starts a stand-in. `calls` gives GET /calls/broadcasts/{id}/calls that many calls, in pages of at most `pageSize`. */
export async function standIn(options: { trap?: Trap; calls?: number; pageSize?: number } = {}) {
  const seen: Seen[] = [];
  const broadcasts: { id: number; labels: string[]; body: unknown }[] = [];
  const json = (res: ServerResponse, status: number, body?: unknown) => {
    if (body === undefined) res.writeHead(status).end();
    else res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(s);
      const url = new URL(s.url, 'http://x');
      const path = url.pathname;
      // The stand-in's own work happens first: a dropped answer still leaves the broadcast made.
      let created: number | undefined;
      if (s.method === 'POST' && path === '/v2/calls/broadcasts') {
        const body = JSON.parse(s.body) as { labels?: string[] };
        created = 500 + broadcasts.length;
        broadcasts.push({ id: created, labels: body.labels ?? [], body });
      }
      const stand = { index: seen.length - 1, forget: () => void (created !== undefined && broadcasts.pop()) };
      if (options.trap?.(s, res, stand)) return;
      if (created !== undefined) return json(res, 201, { id: created });
      if (s.method === 'GET' && path === '/v2/calls/broadcasts') {
        const label = url.searchParams.get('label');
        const items = broadcasts.filter((b) => label === null || b.labels.includes(label)).map((b) => ({ id: b.id, labels: b.labels }));
        return json(res, 200, { items, limit: 100, offset: 0, totalCount: items.length });
      }
      const calls = /^\/v2\/calls\/broadcasts\/(\d+)\/calls$/.exec(path);
      if (s.method === 'GET' && calls) {
        const total = options.calls ?? 0;
        const offset = Number(url.searchParams.get('offset') ?? 0);
        // The server picks its own page size, smaller than asked.
        const limit = Math.min(Number(url.searchParams.get('limit') ?? 100), options.pageSize ?? 100);
        const items = [];
        for (let i = offset; i < Math.min(total, offset + limit); i++) items.push({ id: 9000 + i, toNumber: `1310555${String(i).padStart(4, '0')}`, state: 'FINISHED', finalCallResult: 'LA', records: [{ id: 1, result: 'LA', duration: 10, questionResponses: [{ question: 'n', response: String(i) }] }] });
        return json(res, 200, { items, limit, offset, totalCount: total });
      }
      json(res, 404, { httpStatusCode: 404, internalCode: 'NOT_FOUND', message: `nothing at ${path}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/v2`,
    seen,
    broadcasts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
