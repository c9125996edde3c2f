/**
 * What the commands that talk to CallFire (`send`, `status`, `deploy`) share: the API chosen,
 * the client made from the command line and the environment, its progress lines on stderr, and how a remote failure
 * ends the command.
 *
 * @module
 */
import { CallFireClient, type CallFireClientOptions, type ProgressEvent } from '../broadcast/client.js';
import { CredentialsError, SoapFaultError, TransportError } from '../broadcast/errors.js';
import { CallFireV2Client } from '../broadcast/v2/client.js';
import { ApiError } from '../broadcast/v2/errors.js';
import { UsageError, type Io } from './io.js';

/** The CallFire APIs a command can speak: 1.1 (SOAP, the default) or 2.0 (REST/JSON). */
export type ApiVersion = '1.1' | 'v2';

/** The API from `--api`, else `CALLFIRE_API` from the environment, else 1.1; anything else is a usage error. */
export function apiOf(command: string, io: Io, option: string | undefined): ApiVersion {
  const value = option ?? (io.env['CALLFIRE_API'] || undefined);
  if (value === undefined || value === '1.1') return '1.1';
  if (value === 'v2') return 'v2';
  const from = option === undefined ? 'CALLFIRE_API' : '--api';
  throw new UsageError(`dialplan ${command}: ${from} must be 1.1 or v2; got "${value}"`);
}

/** The progress lines: retries, attempts after the first, and pages of long call lists. */
function progressLines(io: Io): (e: ProgressEvent) => void {
  return (e) => {
    if (e.kind === 'request' && e.attempt > 1) io.stderr(`  ${e.operation}: attempt ${e.attempt} of ${e.maxAttempts}\n`);
    if (e.kind === 'retry') io.stderr(`  ${e.operation}: ${e.reason}; retrying in ${(e.delayMs / 1000).toFixed(1)} s\n`);
    if (e.kind === 'page' && e.total > 1000) io.stderr(`  calls: ${e.fetched} of ${e.total}\n`);
  };
}

/**
 * A client for `dialplan <command>`: credentials and the default endpoint from `io.env`
 * (CALLFIRE_USERNAME, CALLFIRE_PASSWORD, CALLFIRE_ENDPOINT), progress on stderr. A bad
 * `--endpoint` is a usage error.
 */
export function cliClient(command: string, io: Io, options: Pick<CallFireClientOptions, 'endpoint' | 'lintConfig'> = {}): CallFireClient {
  return made(command, () => new CallFireClient({ ...options, env: io.env, onProgress: progressLines(io) }));
}

/** The API 2.0 client for `dialplan <command> --api v2`, made as {@link cliClient} makes the 1.1 one. */
export function cliV2Client(command: string, io: Io, options: Pick<CallFireClientOptions, 'endpoint' | 'lintConfig'> = {}): CallFireV2Client {
  return made(command, () => new CallFireV2Client({ ...options, env: io.env, onProgress: progressLines(io) }));
}

/** Makes a client; a bad option (endpoint, numbers) is the user's mistake, a usage error. */
function made<T>(command: string, make: () => T): T {
  try {
    return make();
  } catch (e) {
    if (e instanceof TypeError) throw new UsageError(`dialplan ${command}: ${e.message}`);
    throw e;
  }
}

/** Whether an error is the service's or the network's (exit 2), not a bug. */
export function isRemoteFailure(e: unknown): e is SoapFaultError | ApiError | CredentialsError | TransportError {
  return e instanceof SoapFaultError || e instanceof ApiError || e instanceof CredentialsError || e instanceof TransportError;
}

/** An HTTP request as a preview prints it: request line, headers, a blank line, the body. */
export function httpText(http: { readonly method: string; readonly url: string; readonly headers: Readonly<Record<string, string>>; readonly body?: string }): string {
  return `${http.method} ${http.url}\n${Object.entries(http.headers).map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${http.body ?? ''}`;
}

/** Prints a remote failure and resolves to its exit code, 2; anything else is rethrown. */
export function remoteFailure(command: string, io: Io, e: unknown): 2 {
  if (!isRemoteFailure(e)) throw e;
  io.stderr(`dialplan ${command}: ${e.message}\n`);
  return 2;
}
