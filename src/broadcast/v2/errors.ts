/**
 * The error API 2.0 answers with: an HTTP status and CallFire's `ErrorResponse` body. As with
 * the 1.1 errors, the message is written from known parts and never carries credentials.
 *
 * @module
 */
import type { ErrorResponse } from './types.js';

/**
 * API 2.0 refused a request: 400 (the request is wrong), 403, 404 (no such broadcast,
 * call or number) or, after the retries, 5xx. 401 is a {@link CredentialsError} instead.
 *
 * @example
 * ```ts
 * try { await client.getBroadcast(42); }
 * catch (e) { if (e instanceof ApiError && e.status === 404) console.error('no broadcast 42'); }
 * ```
 * @category Errors
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** The HTTP status. */
  readonly status: number;
  /** What `ErrorResponse` said, as far as the body was one. */
  readonly response: ErrorResponse;
  /** `POST /calls/broadcasts` and the like. */
  readonly operation: string;

  constructor(operation: string, status: number, response: ErrorResponse) {
    const said = [response.message, response.developerMessage].filter((s): s is string => typeof s === 'string' && s !== '');
    super(`${operation} failed: HTTP ${status}${response.internalCode === undefined ? '' : ` (${String(response.internalCode)})`}: ${said.length > 0 ? [...new Set(said)].join('\n  ') : 'no message'}`);
    this.status = status;
    this.response = response;
    this.operation = operation;
  }
}
