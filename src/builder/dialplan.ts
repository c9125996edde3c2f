/**
 * The root of the DSL: `dialplan()` starts a plan; `toAst()` gives the syntax tree and
 * `toXml()` the CallFire XML (through `compile`, the only writer of XML).
 *
 * @module
 */
import type { DocumentNode, ElementNode, Position } from '../ast/nodes.js';
import { compile, type CompileOptions } from '../compile/compile.js';
import { ActionsBuilder } from './actions.js';
import { NODES, type Cell } from './cells.js';
import { callSite } from './call-sites.js';
import { attributes, element } from './element.js';
import type { DialplanOptions } from './options.js';

/** Anything that yields a dialplan's syntax tree: a {@link DialplanBuilder}, or your own wrapper. @category Building flows */
export interface Plan {
  /** The plan's syntax tree. */
  toAst(): DocumentNode;
}

type Last = Cell | undefined;

/**
 * The body of `<dialplan>`: every action tag, plus `toAst()` and `toXml()`.
 * Create one with {@link dialplan}.
 * @category Building flows
 */
export class DialplanBuilder extends ActionsBuilder implements Plan {
  declare private readonly dialplanBrand: never;
  readonly #attributes: Readonly<Record<string, string>>;
  /** Where `dialplan()` was called, when recorded: the root's position. */
  readonly #loc: Position | undefined;

  /** @internal */
  private constructor(attrs: Readonly<Record<string, string>>, last: Last, loc: Position | undefined) {
    super(last);
    this.#attributes = attrs;
    this.#loc = loc;
  }

  /** @internal */
  static create(options: DialplanOptions | undefined): DialplanBuilder {
    return new DialplanBuilder(Object.freeze(attributes('dialplan', 'dialplan', options)), undefined, callSite());
  }

  /** @internal */
  protected derive(last: Last): this {
    return new DialplanBuilder(this.#attributes, last, this.#loc) as this;
  }

  /**
   * The plan as a syntax tree, for `compile`, `validate`, `lint`, `simulate`. Nodes are
   * frozen and shared between builders; each call returns a new document object.
   *
   * @example
   * ```ts
   * dialplan({ name: 'Root' }).hangup().toAst().root.children; // [{ kind: 'hangup', attributes: {}, children: [] }]
   * ```
   */
  toAst(): DocumentNode {
    // the root is made here, but its place is where dialplan() was called
    const root = element('dialplan', { ...this.#attributes }, this[NODES](), this.#loc ?? null) as ElementNode<'dialplan'>;
    return Object.freeze({ kind: '#document', root, prolog: Object.freeze([]), epilog: Object.freeze([]) });
  }

  /**
   * The plan as CallFire XML: indented by default, on one line with `{ pretty: false }`.
   *
   * @example
   * ```ts
   * dialplan({ name: 'Root' }).play('Hello.').hangup().toXml({ pretty: false });
   * // '<dialplan name="Root"><play type="tts">Hello.</play><hangup/></dialplan>'
   * ```
   */
  toXml(options?: CompileOptions): string {
    return compile(this.toAst(), options);
  }
}

/**
 * Starts a dialplan. Every method returns a new builder; finish with `toXml()` or `toAst()`.
 *
 * @example
 * ```ts
 * import { dialplan } from 'callfire-dialplan';
 * const plan = dialplan({ name: 'Root' })
 *   .menu({ name: 'main', maxDigits: 1, timeout: 5000 }, (m) => m
 *     .play('Press 1 for sales, 2 for support.', { voice: 'female2' })
 *     .keypress('1', (k) => k.transfer(['12135551234', '12135559876'], { mode: 'waterfall', timeout: 25 }))
 *     .keypress('2', (k) => k.play('Goodbye').hangup())
 *     .keypress('default', (k) => k.goto('main')))
 *   .hangup();
 * plan.toXml();
 * ```
 * @category Building flows
 */
export function dialplan(options?: DialplanOptions): DialplanBuilder {
  return DialplanBuilder.create(options);
}
