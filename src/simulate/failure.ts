/**
 * The failure that stops a simulation, shared by the engine and the tag handlers (the steps
 * they share are in `step.ts`). Kept apart from engine.ts so handlers.ts needs no run-time
 * import of the engine (which imports the handlers).
 *
 * @module
 */
import type { AnyElement } from '../ast/nodes.js';

/** A mistake in the plan or script that stops the simulation: reported, never thrown to the caller. */
export class SimulationFailure extends Error {
  override readonly name = 'SimulationFailure';
  constructor(
    message: string,
    readonly node?: AnyElement,
  ) {
    super(message);
  }
}
