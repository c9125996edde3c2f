/**
 * The callbacks that fill nested blocks (`keypress`, `if`, `live`, a menu…) and the one check
 * they all get: the callback must hand back the builder it was given, with tags added.
 *
 * @module
 */
import type { BlockBuilder, MenuBuilder } from './actions.js';
import { fail, show } from './checks.js';

/** A callback that fills a block of actions (the body of `keypress`, `if`, `live`, …). @category Building flows */
export type BlockBody = (block: BlockBuilder) => BlockBuilder;
/** A callback that fills a menu: prompts, then `keypress` branches. @category Building flows */
export type MenuBody = (menu: MenuBuilder) => MenuBuilder;

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
