/**
 * A local stand-in for CallFire's SOAP 1.2 service: a real HTTP server on 127.0.0.1 that
 * speaks the same operations at `/api/1.1/soap12/call`, `/broadcast` and `/number`, and
 * CallFire's REST API 2.0 at `/v2` over the same state (routes.ts).
 *
 * Like the real service it takes only the credentials it was started with (HTTP Basic),
 * checks every request against the WSDL's schema and every dialplan against the project's
 * validator (a BAD_REQUEST fault listing the findings), de-duplicates SendCall by RequestId,
 * and dials one call per number, whose state moves from READY to SELECTED to FINISHED with a
 * result that depends only on the number. With a data file its state survives a restart.
 *
 * @module
 */
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { basicAuth, type Credentials } from './auth.js';
import type { SandboxContext } from './context.js';
import { createFront, DEFAULT_LIMITS } from './front.js';
import { SANDBOX_BUDGET, type IvrCall, type SimulationBudget } from './ivr-calls.js';
import { sandboxRoutes } from './routes.js';
import { SimulationPool } from './simulations.js';
import { SOAP_BASE_PATH } from './soap-route.js';
import { V2_BASE_PATH } from './v2/route.js';
import { Store } from './store.js';

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** TCP port; 0 picks a free one (default 8080). */
  readonly port?: number;
  /** Loopback address to listen on (default `127.0.0.1`); other addresses are refused. */
  readonly host?: '127.0.0.1' | 'localhost' | '::1';
  /**
   * The only credentials accepted. Without them the sandbox makes throwaway ones for this
   * run, returned as {@link Sandbox.credentials}.
   */
  readonly credentials?: Credentials;
  /** JSON file that keeps the state across restarts; in memory only when absent. */
  readonly dataFile?: string;
  /** Length of one wave of calls in ms (default 2000): how fast calls reach their result. */
  readonly callMs?: number;
  /** Called with one line per request (never with credentials). */
  readonly log?: (line: string) => void;
  /**
   * What one simulated IVR call may use (the simulator's step and time budget); by default
   * {@link SANDBOX_BUDGET}. Simulations run in a worker thread, so even a plan that uses all
   * of it never holds up requests.
   */
  readonly simulationBudget?: SimulationBudget;
  /** How long a client may take to send a request's headers and body, in ms (default 5000). */
  readonly bodyTimeoutMs?: number;
  /** The clock calls advance by, in epoch ms (default `Date.now`); tests pass one they move by hand. */
  readonly now?: () => number;
}

/** A running sandbox. */
export interface Sandbox {
  /** Base address for clients, such as `http://127.0.0.1:8080/api/1.1/soap12`. */
  readonly url: string;
  /** Base address for API 2.0 clients, such as `http://127.0.0.1:8080/v2`. */
  readonly v2Url: string;
  readonly port: number;
  /** The credentials it accepts: those given, or the throwaway ones it made. */
  readonly credentials: Credentials;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Starts a sandbox.
 *
 * @example
 * ```ts
 * const sandbox = await startSandbox({ port: 0 }); // throwaway credentials for this run
 * const client = new CallFireClient({ endpoint: sandbox.url, ...sandbox.credentials });
 * // ... send, follow ...
 * await sandbox.close();
 * ```
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) throw new TypeError('the sandbox listens on a loopback address only');
  const credentials = options.credentials ?? { username: 'sandbox', password: randomBytes(12).toString('base64url') };
  if (!credentials.username || !credentials.password) throw new TypeError('the sandbox needs a username and a password (or no credentials, for throwaway ones)');
  // checked here: node's listen() takes a string such as '8080x' as the name of a local socket
  // and starts anyway, so a wrong port from untyped code would start a sandbox nobody reaches
  const listenPort = options.port ?? 8080;
  if (!Number.isInteger(listenPort) || listenPort < 0 || listenPort > 65535) {
    throw new TypeError(`startSandbox(): port must be a whole number from 0 to 65535; got ${JSON.stringify(listenPort) ?? String(listenPort)}`);
  }
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_LIMITS.bodyTimeoutMs;
  if (!(bodyTimeoutMs > 0)) throw new TypeError('bodyTimeoutMs must be a number of milliseconds above 0');
  const store = new Store({ dataFile: options.dataFile, pace: options.callMs === undefined ? undefined : { callMs: options.callMs }, now: options.now });
  const log = options.log ?? (() => {});
  const pending = new Set<Promise<void>>();
  const simulations = new SimulationPool({ ...SANDBOX_BUDGET, ...options.simulationBudget });
  simulations.warmUp();

  /** Runs the plan for the answered calls in the simulation thread; they finish once it has run. */
  function playThrough(id: number, plan: string): void {
    const calls: IvrCall[] = [];
    for (const callId of store.broadcast(id)!.callIds) {
      const call = store.call(callId)!;
      if (call.pendingIvr !== true) continue;
      const answer = call.attempts?.[call.attempts.length - 1]?.result === 'LA' ? 'live' : 'machine';
      calls.push({ id: callId, number: call.toNumber, answer, ...(call.attributes ? { contact: call.attributes } : {}) });
    }
    if (calls.length === 0) return;
    const ids = calls.map((c) => c.id);
    const job = simulations
      .run(plan, calls)
      .catch((e: unknown) => {
        log(`could not play broadcast ${id} through its dialplan: ${(e as Error).message}`);
        return new Map<number, [string, string][]>();
      })
      // Undefined: stopped by close(); the calls stay pending for the next start.
      .then((stashes) => stashes && store.setResponses(ids, stashes))
      // Not stored (the data file could not be written): the calls stay pending and are played
      // through again on the next start.
      .catch((e: unknown) => log(`could not store the results of broadcast ${id}: ${(e as Error).message}`))
      .finally(() => pending.delete(job));
    pending.add(job);
  }

  const ctx: SandboxContext = { store, log, playThrough };
  const server = createFront({ routes: sandboxRoutes(ctx), authorized: basicAuth(credentials), log, limits: { ...DEFAULT_LIMITS, bodyTimeoutMs } });
  // Calls left half-way by a stop: play them through now.
  for (const broadcastId of store.broadcastsPendingIvr()) {
    const plan = store.broadcast(broadcastId)?.config['DialplanXml'];
    if (typeof plan === 'string') playThrough(broadcastId, plan);
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shown = host === '::1' ? '[::1]' : host;
  return {
    url: `http://${shown}:${port}${SOAP_BASE_PATH}`,
    v2Url: `http://${shown}:${port}${V2_BASE_PATH}`,
    port,
    credentials,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // Stop the simulations, then let background work finish writing the data file.
      await simulations.close();
      await Promise.allSettled([...pending]);
    },
  };
}
