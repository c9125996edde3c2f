/**
 * The inside of `amd` apart from its types: the branches given so far, and the checks that an
 * `<amd>` gets one `live` and one `machine` (for JavaScript callers; in TypeScript the type
 * flags of `AmdBuilder` make the same mistakes compile errors).
 *
 * `AmdBuilder` itself, the class an `amd` callback receives, is declared in actions.ts beside
 * BlockBuilder, and its methods hand over to {@link AmdBranches}. The two public classes name
 * each other (BlockBuilder.amd() takes an AmdBuilder callback, AmdBuilder.live/machine take a
 * BlockBody), so declared here AmdBuilder would import actions.ts, which imports this module:
 * a cycle, if only of types. This module imports no builder, not even a type; the block builder
 * that runs each branch comes in as a {@link BlockRunner}.
 *
 * @module
 */
import type { Node } from '../ast/nodes.js';
import type { BlockRunner } from './bodies.js';
import { fail, show } from './checks.js';
import { attributes, comment, element } from './element.js';

/** The branches of one `<amd>` built so far; immutable, each call returns a new one. */
export class AmdBranches {
  readonly #children: readonly Node[];
  readonly #live: boolean;
  readonly #machine: boolean;
  readonly #block: BlockRunner;

  private constructor(children: readonly Node[], live: boolean, machine: boolean, block: BlockRunner) {
    this.#children = children;
    this.#live = live;
    this.#machine = machine;
    this.#block = block;
  }

  /** No branch yet; `block` builds each branch's body. */
  static empty(block: BlockRunner): AmdBranches {
    return new AmdBranches([], false, false, block);
  }

  /** With the `<live>` or `<machine>` branch added, built by `build`; each is given once. */
  branch(tag: 'live' | 'machine', build: unknown, options: object | undefined): AmdBranches {
    const given = tag === 'live' ? this.#live : this.#machine;
    if (given) fail(tag, 'the branch', `is given twice: an <amd> holds one <${tag}>`);
    const node = element(tag, attributes(tag, tag, options), this.#block(tag, build));
    return new AmdBranches([...this.#children, node], this.#live || tag === 'live', this.#machine || tag === 'machine', this.#block);
  }

  /** With an XML comment added between the branches. */
  comment(text: string): AmdBranches {
    return new AmdBranches([...this.#children, comment('comment', text)], this.#live, this.#machine, this.#block);
  }

  /** The children built, after checking that both branches are there. */
  children(): Node[] {
    const missing = [!this.#live && 'live', !this.#machine && 'machine'].filter(Boolean);
    if (missing.length > 0) fail('amd', 'the build callback', `must give both branches; missing: ${missing.join(' and ')}`);
    return [...this.#children];
  }
}

/**
 * Runs an amd callback on `seed` (an empty AmdBuilder) and returns the `live`/`machine`
 * children it built. `branchesOf` gives the branches of what the callback returned, or
 * undefined when that is not an AmdBuilder.
 */
export function amdChildren(build: unknown, seed: unknown, branchesOf: (built: unknown) => AmdBranches | undefined): Node[] {
  if (typeof build !== 'function') fail('amd', 'the build callback', `must be a function, got ${show(build)}`);
  const built: unknown = build(seed);
  const branches = branchesOf(built);
  if (branches === undefined) {
    fail('amd', 'the build callback', `must return the builder it receives, with live and machine added, got ${show(built)}`);
  }
  return branches.children();
}
