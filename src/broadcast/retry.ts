/**
 * When to try a request again, for both clients (API 1.1 SOAP and API 2.0 REST): exponential
 * backoff with jitter, or what the server asked for in `Retry-After`, never more than ten
 * seconds a wait.
 *
 * @module
 */

/** The longest a client waits between two attempts. */
const MAX_DELAY_MS = 10_000;

/**
 * The `Retry-After` header in ms (its seconds form; an HTTP date is ignored), capped at ten
 * seconds; `undefined` when absent or not a number of seconds.
 */
export function retryAfterMs(header: string | string[] | undefined): number | undefined {
  // RFC 9110's delay-seconds is digits only: Number() would read '' and ' ' as 0 and '1e3' as 1000
  if (typeof header !== 'string' || !/^\d+$/.test(header.trim())) return undefined;
  return Math.min(Number(header) * 1000, MAX_DELAY_MS);
}

/**
 * The wait before attempt `attempt + 1`: `retryAfter` when the server said, otherwise
 * `baseDelayMs` doubled per attempt (capped at ten seconds) and spread by ±25% so that many
 * clients failing together do not come back together.
 */
export function backoffMs(baseDelayMs: number, attempt: number, retryAfter?: number): number {
  return retryAfter ?? Math.min(baseDelayMs * 2 ** (attempt - 1), MAX_DELAY_MS) * (0.75 + Math.random() * 0.5);
}
