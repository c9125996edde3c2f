/**
 * Running the callbacks that fill nested blocks (`keypress`, `if`, `live`, a menu…) and the
 * one check they all get: the callback must hand back the builder it was given, with tags
 * added. The callbacks' types name the builders, so they live with them in actions.ts; this
 * module imports no builder, which keeps amd.ts and tags.ts (that take a {@link BlockRunner})
 * out of a cycle with actions.ts.
 *
 * @module
 */
import type { Node } from '../ast/nodes.js';
import { fail, show } from './checks.js';

/** Runs a block body (the `live`, `machine` or `if` callback) and returns the nodes it built. */
export type BlockRunner = (method: string, build: unknown) => Node[];

/** Runs a body callback on an empty builder and checks that it returned a builder of that kind. */
export function runBody<B>(method: string, seed: B, build: unknown, isKind: (b: unknown) => b is B): B {
  if (typeof build !== 'function') fail(method, 'the build callback', `must be a function, got ${show(build)}`);
  const out: unknown = build(seed);
  if (!isKind(out)) {
    fail(
      method,
      'the build callback',
      `must return the builder it receives, with tags added (builders are immutable: use the value each call returns), got ${show(out)}`,
    );
  }
  return out;
}
