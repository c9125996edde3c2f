/**
 * What the commands that talk to CallFire (`send`, `status`) share: the client made from the
 * command line and the environment, its progress lines on stderr, and how a remote failure
 * ends the command.
 *
 * @module
 */
import { CallFireClient, type CallFireClientOptions, type ProgressEvent } from '../broadcast/client.js';
import { CredentialsError, SoapFaultError, TransportError } from '../broadcast/errors.js';
import { UsageError, type Io } from './io.js';

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
  try {
    return new CallFireClient({ ...options, env: io.env, onProgress: progressLines(io) });
  } catch (e) {
    if (e instanceof TypeError) throw new UsageError(`dialplan ${command}: ${e.message}`);
    throw e;
  }
}

/** Whether an error is the service's or the network's (exit 2), not a bug. */
export function isRemoteFailure(e: unknown): e is SoapFaultError | CredentialsError | TransportError {
  return e instanceof SoapFaultError || e instanceof CredentialsError || e instanceof TransportError;
}

/** Prints a remote failure and resolves to its exit code, 2; anything else is rethrown. */
export function remoteFailure(command: string, io: Io, e: unknown): 2 {
  if (!isRemoteFailure(e)) throw e;
  io.stderr(`dialplan ${command}: ${e.message}\n`);
  return 2;
}
