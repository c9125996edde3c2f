/**
 * What every part of a running sandbox shares: its state, its log and its background work.
 * Routes (the SOAP service, and any other API mounted beside it) get this and nothing else,
 * and give back a {@link Route} (here rather than in routes.ts, which imports the routes).
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store } from './store.js';

/** The shared parts of one running sandbox. */
export interface SandboxContext {
  /** Broadcasts, calls, RequestIds and sounds (persisted when the sandbox has a data file). */
  readonly store: Store;
  /** One line per event; never given credentials. */
  readonly log: (line: string) => void;
  /** Plays an IVR broadcast's answered calls through its dialplan in the background. */
  playThrough(broadcastId: number, plan: string): void;
}

/** Answers one authorized request whose whole body is `body`. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;

/** One API of the sandbox. */
export interface Route {
  /** The path prefix it serves, with its trailing slash (`/api/1.1/soap12/`). */
  readonly prefix: string;
  /** Answers a request under {@link prefix}. */
  readonly handle: RouteHandler;
  /**
   * Writes a refusal the front makes before the handler runs (a body too large, too slow or in
   * an unknown Content-Encoding), in the API's own error format; plain text when absent.
   */
  readonly refuse?: (res: ServerResponse, status: number, message: string) => void;
}
