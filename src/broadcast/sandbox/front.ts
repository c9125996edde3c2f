/**
 * The sandbox's HTTP front: finds the route for a path, checks the credentials from the
 * headers before reading any of the body, reads the body within its size and time limits,
 * decodes its Content-Encoding and hands it to the route. Everything API-specific is in the
 * routes (routes.ts).
 *
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import type { Route } from './context.js';
import { routeFor } from './routes.js';

/** Limits of the front. */
export interface FrontLimits {
  /** Largest body accepted from an authorized client, after decoding (bytes). */
  readonly maxBodyBytes: number;
  /** How long a client may take to send its headers and then its body (ms). */
  readonly bodyTimeoutMs: number;
}

/** What the front needs to know. */
export interface FrontOptions {
  readonly routes: readonly Route[];
  /** Whether a request carries the sandbox's credentials (looks at headers only). */
  readonly authorized: (req: IncomingMessage) => boolean;
  readonly log: (line: string) => void;
  readonly limits: FrontLimits;
}

/** Defaults of {@link FrontLimits}: a broadcast of a million numbers fits; a stalled client is dropped. */
export const DEFAULT_LIMITS: FrontLimits = { maxBodyBytes: 64 * 1024 * 1024, bodyTimeoutMs: 5000 };

// What is read of a body that will not be used (a refused or unrouted request) before the
// connection is closed: enough to let a small request end cleanly, not enough to cost memory.
const MAX_UNUSED_BYTES = 16 * 1024;

function refuse(route: Route | undefined, res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) return;
  res.setHeader('Connection', 'close');
  if (route?.refuse) route.refuse(res, status, message);
  else res.writeHead(status, { 'Content-Type': 'text/plain' }).end(`${message}\n`);
}

/** Reads and drops at most MAX_UNUSED_BYTES of a body nobody will use, then hangs up. */
function discard(req: IncomingMessage): void {
  let size = 0;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > MAX_UNUSED_BYTES) req.destroy();
  });
}

/** The body without its Content-Encoding, or why it cannot be decoded. */
function decoded(req: IncomingMessage, body: Buffer, maxBytes: number): Buffer | { refused: number; message: string } {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  try {
    if (encoding === 'identity' || encoding === '') return body;
    // maxOutputLength: a small compressed body must not expand into gigabytes.
    if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(body, { maxOutputLength: maxBytes });
    if (encoding === 'deflate') return inflateSync(body, { maxOutputLength: maxBytes });
  } catch (e) {
    const tooBig = (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /buffer|output length/i.test((e as Error).message);
    return tooBig
      ? { refused: 413, message: `the ${encoding} body expands to more than ${maxBytes} bytes` }
      : { refused: 400, message: `the body is not valid ${encoding} data (Content-Encoding: ${encoding})` };
  }
  return { refused: 415, message: `Content-Encoding ${encoding} is not supported; send identity, gzip or deflate` };
}

/** An HTTP server (not yet listening) that serves `options.routes`. */
export function createFront(options: FrontOptions): Server {
  const { routes, authorized, log, limits } = options;
  const server = createServer({ headersTimeout: limits.bodyTimeoutMs, requestTimeout: 0, connectionsCheckingInterval: Math.min(1000, limits.bodyTimeoutMs) }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const route = routeFor(routes, path);
    if (route === undefined) {
      discard(req);
      refuse(undefined, res, 404, `no service at ${path}; use ${routes.map((r) => r.prefix).join(' or ')}`);
      return;
    }
    if (!authorized(req)) {
      log(`${req.method ?? '?'} ${path} -> 401 (credentials refused)`);
      discard(req);
      // In the route's own error format (API 2.0 answers an ErrorResponse), plain text otherwise.
      res.setHeader('WWW-Authenticate', 'Basic realm="CallFire sandbox"');
      refuse(route, res, 401, 'Unauthorized');
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
      discard(req);
      refuse(route, res, 413, `request too large: more than ${limits.maxBodyBytes} bytes`);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      log(`${req.method ?? '?'} ${path} -> 408 (body not received within ${limits.bodyTimeoutMs} ms)`);
      refuse(route, res, 408, `the request body did not arrive within ${limits.bodyTimeoutMs} ms`);
      req.destroy();
    }, limits.bodyTimeoutMs);
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limits.maxBodyBytes) chunks.push(c);
      else {
        clearTimeout(timer);
        refuse(route, res, 413, `request too large: more than ${limits.maxBodyBytes} bytes`);
        req.destroy();
      }
    });
    req.on('error', () => clearTimeout(timer));
    req.on('close', () => clearTimeout(timer));
    req.on('end', () => {
      clearTimeout(timer);
      if (size > limits.maxBodyBytes || res.headersSent) return;
      const body = decoded(req, Buffer.concat(chunks), limits.maxBodyBytes);
      if (!Buffer.isBuffer(body)) {
        refuse(route, res, body.refused, body.message);
        return;
      }
      Promise.resolve()
        .then(() => route.handle(req, res, body))
        .catch((e: unknown) => {
          log(`internal error: ${(e as Error).message}`);
          refuse(route, res, 500, 'sandbox internal error');
        });
    });
  });
  return server;
}
