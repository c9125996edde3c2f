/**
 * What the engine and the tag handlers share: the next step of a run and the failure that
 * stops it. Kept apart from engine.ts so handlers.ts needs no run-time import of the engine
 * (which imports the handlers).
 *
 * @module
 */
import type { AnyElement, ElementNode } from '../ast/nodes.js';
import type { Ended } from './types.js';

/** What runs next. */
export type Next =
  | { readonly op: 'enter'; readonly node: AnyElement }
  | { readonly op: 'input'; readonly menu: ElementNode<'menu'> }
  | { readonly op: 'end'; readonly ended: Ended };

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
