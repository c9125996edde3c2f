/**
 * The inside of `amd`: exactly one `live` and one `machine` branch. Two type flags record
 * which branches are given, so a second `live` and an `amd` without `machine` are compile
 * errors, and the same is checked at run time for JavaScript callers.
 *
 * @module
 */
import type { Node } from '../ast/nodes.js';
// Only types from actions.ts: the block builder that runs live/machine is passed in by amd()
// (see amdChildren), so at run time this module does not load actions.ts. The type tie stays:
// live/machine take a BlockBody (a BlockBuilder), and BlockBuilder.amd() takes an AmdBuilder.
import type { BlockBody } from './actions.js';
import type { BlockRunner } from './bodies.js';
import { fail, show } from './checks.js';
import { attributes, comment, element } from './element.js';
import type { LiveOptions, MachineOptions } from './options.js';

/**
 * Builds the two branches of answering-machine detection. `Live` and `Machine` say whether
 * that branch has been given; `amd()` wants an `AmdBuilder<true, true>` back.
 *
 * @example
 * ```ts
 * dialplan().amd((a) => a
 *   .live((l) => l.play('Hi, this is a reminder from Dr. Lee.'))
 *   .machine((m) => m.play('Please call us back.').hangup()));
 * ```
 * @category Building flows
 */
export class AmdBuilder<Live extends boolean = false, Machine extends boolean = false> {
  // Phantom field: makes AmdBuilder<true, false> and AmdBuilder<true, true> different types.
  // Protected, not private: a .d.ts keeps the type of a protected member but drops a private
  // one's, which would make every AmdBuilder the same type for a consumer of the package.
  declare protected readonly given: { readonly live: Live; readonly machine: Machine };
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

  /** @internal */
  static empty(block: BlockRunner): AmdBuilder {
    return new AmdBuilder([], false, false, block);
  }

  /**
   * `<live>`: what to do when a person answers. Only once per `amd`.
   *
   * @example
   * ```ts
   * a.live((l) => l.menu((m) => m
   *   .play('Press 1 to confirm your appointment.')
   *   .keypress('1', (k) => k.stash('confirmed', 'yes'))));
   * ```
   */
  live(this: AmdBuilder<false, Machine>, build: BlockBody, options?: LiveOptions): AmdBuilder<true, Machine> {
    if (this.#live) fail('live', 'the branch', 'is given twice: an <amd> holds one <live>');
    const node = element('live', attributes('live', 'live', options), this.#block('live', build));
    return new AmdBuilder([...this.#children, node], true, this.#machine, this.#block);
  }

  /**
   * `<machine>`: what to do when an answering machine answers (the message plays after the
   * beep). Only once per `amd`.
   *
   * @example
   * ```ts
   * a.machine((m) => m.play('This is Dr. Lee\'s office reminding you of your appointment tomorrow.').hangup());
   * ```
   */
  machine(this: AmdBuilder<Live, false>, build: BlockBody, options?: MachineOptions): AmdBuilder<Live, true> {
    if (this.#machine) fail('machine', 'the branch', 'is given twice: an <amd> holds one <machine>');
    const node = element('machine', attributes('machine', 'machine', options), this.#block('machine', build));
    return new AmdBuilder([...this.#children, node], this.#live, true, this.#block);
  }

  /**
   * Adds an XML comment between the branches.
   *
   * @example
   * ```ts
   * a.comment(' a person answered ').live((l) => l.play('Hello.'));
   * ```
   */
  comment(text: string): AmdBuilder<Live, Machine> {
    return new AmdBuilder([...this.#children, comment('comment', text)], this.#live, this.#machine, this.#block);
  }

  /**
   * The children built, after checking that both branches are there.
   *
   * @internal
   */
  static childrenOf(amd: unknown): Node[] {
    if (!(amd instanceof AmdBuilder)) {
      fail('amd', 'the build callback', `must return the builder it receives, with live and machine added, got ${show(amd)}`);
    }
    const missing = [!amd.#live && 'live', !amd.#machine && 'machine'].filter(Boolean);
    if (missing.length > 0) fail('amd', 'the build callback', `must give both branches; missing: ${missing.join(' and ')}`);
    return [...amd.#children];
  }
}

/** Runs an amd callback and returns the `live`/`machine` children it built; `block` builds each branch. */
export function amdChildren(build: unknown, block: BlockRunner): Node[] {
  if (typeof build !== 'function') fail('amd', 'the build callback', `must be a function, got ${show(build)}`);
  return AmdBuilder.childrenOf(build(AmdBuilder.empty(block)));
}
