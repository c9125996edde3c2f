/**
 * One HTTP POST with a deadline, over node's own http/https. Kept apart from the SOAP layer
 * so that retries resend the exact same bytes and tests can point it at 127.0.0.1.
 *
 * @module
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { TransportError } from './errors.js';

/** A response, read whole. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The body read as UTF-8 (JSON is always UTF-8). */
  readonly body: string;
  /** The body's bytes, for XML whose charset the caller decodes by its declaration. */
  readonly bytes: Buffer;
}

/** The {@link TransportError} code of a response refused for its size: sending again would only fetch it again. */
export const TOO_BIG = 'ETOOBIG';

/** A SOAP answer bigger than this (64 MB) is not something the client asked for. */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * POSTs `body` to `url`. Rejects with a {@link TransportError} on connection errors, a
 * dropped connection or when no complete response arrived within `timeoutMs`.
 * Error messages name the host and path only; headers are never part of them.
 */
export function post(url: URL, body: string, headers: Readonly<Record<string, string>>, timeoutMs: number, maxBytes = MAX_RESPONSE_BYTES): Promise<HttpResponse> {
  return request('POST', url, body, headers, timeoutMs, maxBytes);
}

/**
 * One exchange of any method (API 2.0 also GETs and PUTs), with the same deadline and errors
 * as {@link post}; a `body` of undefined sends none.
 */
export function request(
  method: 'GET' | 'POST' | 'PUT',
  url: URL,
  body: string | undefined,
  headers: Readonly<Record<string, string>>,
  timeoutMs: number,
  maxBytes = MAX_RESPONSE_BYTES,
): Promise<HttpResponse> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const where = `${url.protocol}//${url.host}${url.pathname}`;
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const fail = (message: string, code: string | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(new TransportError(message, { code }));
    };
    const req = send(
      url,
      {
        method,
        // A fresh connection per request: a kept-alive socket the server already closed
        // would turn into a spurious reset on the next call.
        agent: false,
        headers: body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) fail(`response from ${where} is larger than ${maxBytes} bytes`, TOO_BIG);
          else chunks.push(chunk);
        });
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const bytes = Buffer.concat(chunks);
          // Decoded on first read only (and kept): the SOAP client reads the bytes, and a response may be 64 MB.
          let text: string | undefined;
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            bytes,
            get body() {
              return (text ??= bytes.toString('utf8'));
            },
          });
        });
        res.on('aborted', () => fail(`connection to ${where} was dropped while reading the response`, 'ECONNRESET'));
        res.on('error', (e: NodeJS.ErrnoException) => fail(`connection to ${where} failed while reading the response: ${e.code ?? e.message}`, e.code ?? 'ECONNRESET'));
      },
    );
    const timer = setTimeout(() => fail(`no response from ${where} within ${timeoutMs} ms`, 'ETIMEDOUT'), timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? 'ECONNRESET';
      const why = code === 'ECONNREFUSED' ? 'connection refused' : code === 'ECONNRESET' ? 'connection dropped' : code === 'ENOTFOUND' ? 'host not found' : code;
      fail(`cannot reach ${where}: ${why}`, code);
    });
    if (body === undefined) req.end();
    else req.end(body);
  });
}
