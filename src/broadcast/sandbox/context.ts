/**
 * What every part of a running sandbox shares: its state, its log and its background work.
 * Routes (the SOAP service, and any other API mounted beside it) get this and nothing else.
 *
 * @module
 */
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
