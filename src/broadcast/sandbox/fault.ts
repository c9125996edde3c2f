/**
 * The one exception the sandbox's operation handlers throw to answer with a CallFire fault.
 *
 * @module
 */
import type { FaultCode } from '../types.js';

/** A fault to send back: its CallFire code, message and optional detail text. */
export class Fault extends Error {
  constructor(
    readonly code: FaultCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}
