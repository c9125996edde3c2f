/**
 * HTTP Basic credentials of a sandbox, compared in constant time.
 *
 * @module
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** A username and password. */
export interface Credentials {
  readonly username: string;
  readonly password: string;
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/**
 * The part of a request {@link basicAuth} reads. Structural rather than node:http's
 * IncomingMessage (which fits it) so that this module's declarations, reached from the
 * `callfire-dialplan/sandbox` entry through {@link Credentials}, type-check in a project
 * without @types/node and with skipLibCheck off.
 */
export interface AuthorizedRequest {
  readonly headers: { readonly authorization?: string | undefined };
}

/** A check that a request's Authorization header carries exactly `credentials`. */
export function basicAuth(credentials: Credentials): (req: AuthorizedRequest) => boolean {
  const expected = digest(`${credentials.username}:${credentials.password}`);
  return (req) => {
    const header = req.headers.authorization ?? '';
    const m = /^Basic\s+([A-Za-z0-9+/=]+)$/.exec(header);
    if (m === null) return false;
    // Compare digests: equal length for timingSafeEqual, and no early exit on the first wrong byte.
    return timingSafeEqual(digest(Buffer.from(m[1]!, 'base64').toString('utf8')), expected);
  };
}
