/**
 * HTTP Basic credentials of a sandbox, compared in constant time.
 *
 * @module
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A username and password. */
export interface Credentials {
  readonly username: string;
  readonly password: string;
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/** A check that a request's Authorization header carries exactly `credentials`. */
export function basicAuth(credentials: Credentials): (req: IncomingMessage) => boolean {
  const expected = digest(`${credentials.username}:${credentials.password}`);
  return (req) => {
    const header = req.headers.authorization ?? '';
    const m = /^Basic\s+([A-Za-z0-9+/=]+)$/.exec(header);
    if (m === null) return false;
    // Compare digests: equal length for timingSafeEqual, and no early exit on the first wrong byte.
    return timingSafeEqual(digest(Buffer.from(m[1]!, 'base64').toString('utf8')), expected);
  };
}
