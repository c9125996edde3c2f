/**
 * The sandbox's HTTP front: finds the route for a path, checks the credentials, reads the
 * body within its limit and hands it to the route. Everything API-specific is in the routes.
 *
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { routeFor, type Route } from './routes.js';

/** What the front needs to know. */
export interface FrontOptions {
  readonly routes: readonly Route[];
  /** Whether a request carries the sandbox's credentials (looks at headers only). */
  readonly authorized: (req: IncomingMessage) => boolean;
  readonly log: (line: string) => void;
}

const MAX_REQUEST_BYTES = 64 * 1024 * 1024;

function refuse(route: Route, res: ServerResponse, status: number, message: string): void {
  if (route.refuse) route.refuse(res, status, message);
  else res.writeHead(status, { 'Content-Type': 'text/plain' }).end(`${message}\n`);
}

/** An HTTP server (not yet listening) that serves `options.routes`. */
export function createFront(options: FrontOptions): Server {
  const { routes, authorized, log } = options;
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const route = routeFor(routes, path);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(c);
    });
    req.on('end', () => {
      if (route === undefined) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`no service at ${path}; use ${routes.map((r) => r.prefix).join(' or ')}\n`);
        return;
      }
      if (!authorized(req)) {
        log(`${req.method ?? '?'} ${path} -> 401 (credentials refused)`);
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="CallFire sandbox"', 'Content-Type': 'text/plain' }).end('Unauthorized\n');
        return;
      }
      if (size > MAX_REQUEST_BYTES) {
        refuse(route, res, 413, 'request too large');
        return;
      }
      Promise.resolve()
        .then(() => route.handle(req, res, Buffer.concat(chunks)))
        .catch((e: unknown) => {
          log(`internal error: ${(e as Error).message}`);
          if (!res.headersSent) refuse(route, res, 500, 'sandbox internal error');
        });
    });
  });
}
