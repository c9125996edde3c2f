/**
 * The blocks of actions: the methods every container of action tags offers (one per tag of
 * `ACTION_TAGS`, named like the tag), the two kinds of block, a plain one and a menu, and the
 * inside of `amd`, whose branches are plain blocks.
 *
 * Builders are immutable: every call returns a new builder and leaves the one it was called
 * on as it was, so a half-built plan can be reused as the start of several. Nested tags are
 * built by callbacks that receive an empty builder of the right kind and return it with tags
 * added; since each kind only has the methods its tag may contain, wrong nesting does not
 * compile (`keypress` exists on {@link MenuBuilder} only, `else` only through `if`).
 *
 * This module holds the methods only: each passes its arguments to the tag's maker in
 * `tags.ts` (the checks and the node), or for `live`/`machine` to `amd.ts`, and the list of
 * tags built lives in `cells.ts`. BlockBuilder, MenuBuilder and AmdBuilder are declared
 * together because their types name each other (a block has `amd()`, whose branches are
 * blocks); the modules their methods call import none of them, so the imports have no cycle.
 *
 * @module
 */
import type { Node } from '../ast/nodes.js';
import { AmdBranches, amdChildren } from './amd.js';
import { append, NODES, toArray, type Cell } from './cells.js';
import { runBody, type BlockRunner } from './bodies.js';
import { comment } from './element.js';
import { blockTag, ifTag, leafTag, playTag } from './tags.js';
import type {
  AmdOptions,
  AnalyticsOptions,
  CatchOptions,
  DncOptions,
  DtmfOptions,
  EqualOptions,
  GetOptions,
  GotoOptions,
  GotoXmlOptions,
  GtalkOptions,
  HangupOptions,
  IfOptions,
  KeypressOptions,
  LiveOptions,
  MachineOptions,
  MenuOptions,
  NotEqualOptions,
  PlayOptions,
  PostOptions,
  RecordOptions,
  SetvarOptions,
  SmsOptions,
  StashOptions,
  TextOptions,
  TransferOptions,
  WaitOptions,
} from './options.js';
import type { KeyPattern } from './values.js';

/** A callback that fills a block of actions (the body of `keypress`, `if`, `live`, …). @category Building flows */
export type BlockBody = (block: BlockBuilder) => BlockBuilder;
/** A callback that fills a menu: prompts, then `keypress` branches. @category Building flows */
export type MenuBody = (menu: MenuBuilder) => MenuBuilder;

const isBlock = (b: unknown): b is BlockBuilder => b instanceof BlockBuilder;
const isMenu = (b: unknown): b is MenuBuilder => b instanceof MenuBuilder;

/** Runs a block body and returns the nodes it built. */
export const blockNodes: BlockRunner = (method, build) => runBody(method, BlockBuilder.empty(), build, isBlock)[NODES]();

/**
 * The methods shared by every block of actions: the dialplan's body, menus, keypresses,
 * `if`/`else`, `equal`/`notEqual`, `live`/`machine` and `catch`. Each method adds one tag
 * and returns a new builder of the same kind.
 * @category Building flows
 */
export abstract class ActionsBuilder {
  readonly #last: Cell | undefined;

  /** @internal */
  protected constructor(last: Cell | undefined) {
    this.#last = last;
  }

  /**
   * A builder of the same kind holding `last`.
   *
   * @internal
   */
  protected abstract derive(last: Cell | undefined): this;

  /**
   * The nodes built so far, in order.
   *
   * @internal
   */
  [NODES](): Node[] {
    return toArray(this.#last);
  }

  /**
   * A new builder with `node` added at the end.
   *
   * @internal
   */
  protected add(node: Node): this {
    return this.derive(append(this.#last, node));
  }

  /**
   * Adds an XML comment, kept in the compiled document (a note for the next reader, or a
   * lint suppression).
   *
   * @example
   * ```ts
   * dialplan().comment(' Office hours: Mon-Fri ').play('Hello.');
   * // <dialplan><!-- Office hours: Mon-Fri --><play type="tts">Hello.</play></dialplan>
   * ```
   */
  comment(text: string): this {
    return this.add(comment('comment', text));
  }

  /**
   * Applies a reusable fragment: a function that adds tags to any builder.
   *
   * @example
   * ```ts
   * const goodbye = <B extends ActionsBuilder>(b: B) => b.play('Goodbye.').hangup();
   * dialplan({ name: 'Root' }).play('Hello.').pipe(goodbye);
   * ```
   */
  pipe(fragment: (builder: this) => this): this {
    return runBody('pipe', this, fragment, (b): b is this => b instanceof ActionsBuilder && b.constructor === this.constructor);
  }

  /**
   * `<play>`: speaks TTS text, or plays a sound by URL or CallFire sound id. `type`
   * defaults to `'tts'` and is always written.
   *
   * @example
   * ```ts
   * b.play('Press 1 for sales.', { voice: 'female2' });          // <play type="tts" voice="female2">Press 1 for sales.</play>
   * b.play('https://example.com/hold.mp3', { type: 'url', cache: false });
   * b.play('50911', { type: 'callfireid' });
   * ```
   */
  play(value: string, options?: PlayOptions): this {
    return this.add(playTag(value, options));
  }

  /**
   * `<menu>`: plays its prompts and collects keypad input; the matching `keypress` runs.
   *
   * @example
   * ```ts
   * b.menu({ name: 'main', maxDigits: 1, timeout: 5000 }, (m) => m
   *   .play('Press 1 for sales.')
   *   .keypress('1', (k) => k.transfer('12135551234'))
   *   .keypress('default', (k) => k.goto('main')));
   * ```
   */
  menu(build: MenuBody): this;
  menu(options: MenuOptions, build: MenuBody): this;
  menu(a: MenuOptions | MenuBody, b?: MenuBody): this {
    const [options, build] = typeof a === 'function' ? [undefined, a] : [a, b];
    return this.add(blockTag('menu', options, undefined, () => runBody('menu', MenuBuilder.empty(), build, isMenu)[NODES]()));
  }

  /**
   * `<amd>`: answering-machine detection (outbound calls). The callback must give both
   * branches, `live` and `machine`, each once; the types enforce it.
   *
   * @example
   * ```ts
   * b.amd((a) => a
   *   .live((l) => l.play('Hello! This is Dr. Lee\'s office.'))
   *   .machine((m) => m.play('Please call us back at 2 1 3, 5 5 5, 1 2 3 4.').hangup()));
   * ```
   */
  amd(build: (amd: AmdBuilder) => AmdBuilder<true, true>, options?: AmdOptions): this {
    return this.add(blockTag('amd', options, undefined, () => AmdBuilder.childrenOf(build)));
  }

  /**
   * `<transfer>`: transfers the call. Several numbers are joined with `,`; `mode` says
   * whether they ring together (`ringall`) or in turn (`waterfall`).
   *
   * @example
   * ```ts
   * b.transfer(['12135551234', '12135559876'], { mode: 'waterfall', timeout: 25 });
   * // <transfer mode="waterfall" timeout="25">12135551234,12135559876</transfer>
   * b.transfer('12135551212', { whisperTts: 'Call from the support line.', musiconhold: 'jazz' });
   * ```
   */
  transfer(numbers: string | readonly string[], options?: TransferOptions): this {
    return this.add(leafTag('transfer', options, undefined, { what: 'numbers', value: numbers }));
  }

  /**
   * `<hangup>`: ends the call.
   *
   * @example
   * ```ts
   * b.hangup();                   // <hangup/>
   * b.hangup({ name: 'bye' });    // <hangup name="bye"/>, a goto target
   * ```
   */
  hangup(options?: HangupOptions): this {
    return this.add(leafTag('hangup', options));
  }

  /**
   * `<goto>`: jumps to the tag with the given name.
   *
   * @example
   * ```ts
   * b.goto('main'); // <goto>main</goto>
   * ```
   */
  goto(target: string, options?: GotoOptions): this {
    return this.add(leafTag('goto', options, undefined, { what: 'the target', value: target }));
  }

  /**
   * `<record>`: records the caller until `#` or hang-up; the recording's URL goes into
   * `varname`. `timeout` is in milliseconds.
   *
   * @example
   * ```ts
   * b.play('Leave a message after the beep.').record({ name: 'voicemail', varname: 'message', timeout: 60000 });
   * ```
   */
  record(options?: RecordOptions): this {
    return this.add(leafTag('record', options));
  }

  /**
   * `<setvar>`: sets a variable to a literal or a JavaScript expression (evaluated after
   * `${…}` substitution). Numbers and booleans are written in decimal and `true`/`false`.
   *
   * @example
   * ```ts
   * b.setvar('Counter', 0).setvar('Counter', `${ref('Counter')}+1`);
   * ```
   */
  setvar(varname: string, value: string | number | boolean, options?: SetvarOptions): this {
    return this.add(leafTag('setvar', options, { varname }, { what: 'the value', value: value }));
  }

  /**
   * `<stash>`: stores a value in the call's report under `varname`.
   *
   * @example
   * ```ts
   * k.stash('question1', call.lastinput); // <stash varname="question1">${call.lastinput}</stash>
   * ```
   */
  stash(varname: string, value: string | number | boolean, options?: StashOptions): this {
    return this.add(leafTag('stash', options, { varname }, { what: 'the value', value: value }));
  }

  /**
   * `<if>`: runs `then` when the JavaScript expression is true, else `otherwise` (written
   * as the `<else>` child, whose options go in `options.else`).
   *
   * @example
   * ```ts
   * b.if(`${global.date.dayOfWeek} == 1 || ${global.date.dayOfWeek} == 7`,
   *   (t) => t.play('We are closed on weekends.').hangup(),
   *   (e) => e.transfer('12135551234'),
   *   { name: 'weekend', else: { name: 'weekday' } });
   * ```
   */
  if(expr: string, then: BlockBody, otherwise?: BlockBody, options?: IfOptions): this {
    return this.add(ifTag(expr, then, otherwise, options, blockNodes));
  }

  /**
   * `<equal>`: runs `body` when `value` equals the result of `expr`.
   *
   * @example
   * ```ts
   * b.equal(call.lastinput, '1234', (t) => t.play('Correct.'));
   * // <equal var="${call.lastinput}" expr="1234">…</equal>
   * ```
   */
  equal(value: string, expr: string, body: BlockBody, options?: EqualOptions): this {
    return this.add(blockTag('equal', options, { var: value, expr }, () => blockNodes('equal', body)));
  }

  /**
   * `<notEqual>`: runs `body` when `value` differs from the result of `expr`.
   *
   * @example
   * ```ts
   * b.notEqual(call.lastinput, '1234', (t) => t.play('That code is wrong.').goto('pin'));
   * ```
   */
  notEqual(value: string, expr: string, body: BlockBody, options?: NotEqualOptions): this {
    return this.add(blockTag('notEqual', options, { var: value, expr }, () => blockNodes('notEqual', body)));
  }

  /**
   * `<get>`: an HTTP GET; the response body goes into `varname`.
   *
   * @example
   * ```ts
   * b.get(`https://example.com/balance?account=${ref('account')}&caller=${call.callerid}`, { varname: 'balance' });
   * ```
   */
  get(url: string, options?: GetOptions): this {
    return this.add(leafTag('get', options, undefined, { what: 'the URL', value: url }));
  }

  /**
   * `<post>`: an HTTP POST; the response body goes into `varname`.
   *
   * @example
   * ```ts
   * b.post(`https://example.com/calls?id=${call.id}`, { varname: 'result' });
   * ```
   */
  post(url: string, options?: PostOptions): this {
    return this.add(leafTag('post', options, undefined, { what: 'the URL', value: url }));
  }

  /**
   * `<dnc>`: adds a number to the account's Do-Not-Call list.
   *
   * @example
   * ```ts
   * k.play('You will not be called again.').dnc(call.phonenumber).hangup();
   * ```
   */
  dnc(number: string, options?: DncOptions): this {
    return this.add(leafTag('dnc', options, undefined, { what: 'the number', value: number }));
  }

  /**
   * `<sms>`: sends a text message during the call.
   *
   * @example
   * ```ts
   * k.sms(call.phonenumber, `Your appointment is on ${contact.column('C')}.`);
   * ```
   */
  sms(to: string, message: string, options?: SmsOptions): this {
    return this.add(leafTag('sms', options, { to }, { what: 'the message', value: message }));
  }

  /**
   * `<wait>`: pauses for a number of seconds.
   *
   * @example
   * ```ts
   * b.play('Please hold.').wait(2); // <wait>2</wait>
   * ```
   */
  wait(seconds: number, options?: WaitOptions): this {
    return this.add(leafTag('wait', options, undefined, { what: 'the seconds', value: seconds }));
  }

  /**
   * `<catch>`: runs `body`; if the event happens meanwhile (the caller hangs up, or presses
   * `value` for `type: 'digit'`), execution jumps to the tag named in `goto`.
   *
   * @example
   * ```ts
   * b.catch({ type: 'hangup', goto: 'report' }, (c) => c
   *   .menu((m) => m.play('Press 1 to confirm.').keypress('1', (k) => k.stash('confirmed', 'yes')))
   *   .stash('caller', call.callerid, { name: 'report' }));
   * ```
   */
  catch(options: CatchOptions, body: BlockBody): this {
    return this.add(blockTag('catch', options, undefined, () => blockNodes('catch', body)));
  }

  /**
   * `<gotoXML>` (SDK only, undocumented by CallFire): continues with the dialplan at a URL.
   *
   * @example
   * ```ts
   * b.gotoXML('https://example.com/next-step.xml');
   * ```
   */
  gotoXML(url: string, options?: GotoXmlOptions): this {
    return this.add(leafTag('gotoXML', options, undefined, { what: 'the URL', value: url }));
  }

  /**
   * `<dtmf>` (SDK only, undocumented by CallFire): sends DTMF digits.
   *
   * @example
   * ```ts
   * b.dtmf('1234#');
   * ```
   */
  dtmf(digits: string, options?: DtmfOptions): this {
    return this.add(leafTag('dtmf', options, undefined, { what: 'the digits', value: digits }));
  }

  /**
   * `<analytics>` (SDK only, undocumented by CallFire): tracks an analytics event.
   *
   * @example
   * ```ts
   * b.analytics({ account: 'UA-0000-1', category: 'ivr', action: 'menu', label: 'sales' });
   * ```
   */
  analytics(options?: AnalyticsOptions): this {
    return this.add(leafTag('analytics', options));
  }

  /**
   * `<gtalk>` (SDK only, undocumented by CallFire): sends a Google Talk message.
   *
   * @example
   * ```ts
   * b.gtalk('ops@example.com', `Call from ${call.callerid}`, { username: 'ivr@example.com' });
   * ```
   */
  gtalk(to: string, message: string, options?: GtalkOptions): this {
    return this.add(leafTag('gtalk', options, { to }, { what: 'the message', value: message }));
  }

  /**
   * `<text>` (PHP SDK only; `sms` is the documented form): sends a text message.
   *
   * @example
   * ```ts
   * b.text(call.phonenumber, 'Thanks for calling.');
   * ```
   */
  text(to: string, message: string, options?: TextOptions): this {
    return this.add(leafTag('text', options, { to }, { what: 'the message', value: message }));
  }
}

/**
 * A block of actions: the body of `keypress`, `live`, `machine`, `if`, `else`, `equal`,
 * `notEqual` and `catch`. Offers every action tag and nothing else.
 * @category Building flows
 */
export class BlockBuilder extends ActionsBuilder {
  // Makes the class nominal: a menu or dialplan builder is not a block, even though it has its methods.
  declare private readonly blockBrand: never;

  /** @internal */
  static empty(): BlockBuilder {
    return new BlockBuilder(undefined);
  }

  /** @internal */
  protected derive(last: Cell | undefined): this {
    return new BlockBuilder(last) as this;
  }
}

/** The inside of a `menu`: prompts and other actions, and the `keypress` branches. @category Building flows */
export class MenuBuilder extends ActionsBuilder {
  declare private readonly menuBrand: never;

  /** @internal */
  static empty(): MenuBuilder {
    return new MenuBuilder(undefined);
  }

  /** @internal */
  protected derive(last: Cell | undefined): this {
    return new MenuBuilder(last) as this;
  }

  /**
   * `<keypress>`: one branch of the menu, run when the caller's input matches `pressed`:
   * digits, a range `A-B`, `#`, `*`, `default` (any other input) or `timeout` (no input).
   *
   * @example
   * ```ts
   * m.keypress('1', (k) => k.transfer('12135551234'))
   *  .keypress('300-315', (k) => k.transfer(`2135551212x${call.lastinput}`))
   *  .keypress('timeout', { name: 'noInput' }, (k) => k.goto('main'));
   * ```
   */
  keypress(pressed: KeyPattern, build: BlockBody): this;
  keypress(pressed: KeyPattern, options: KeypressOptions, build: BlockBody): this;
  keypress(pressed: KeyPattern, a: KeypressOptions | BlockBody, b?: BlockBody): this {
    const [options, build] = typeof a === 'function' ? [undefined, a] : [a, b];
    return this.add(blockTag('keypress', options, { pressed }, () => blockNodes('keypress', build)));
  }
}

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
  // The branches and their run-time checks are amd.ts's AmdBranches; this class adds the types.
  readonly #branches: AmdBranches;

  private constructor(branches: AmdBranches) {
    this.#branches = branches;
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
    return new AmdBuilder(this.#branches.branch('live', build, options));
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
    return new AmdBuilder(this.#branches.branch('machine', build, options));
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
    return new AmdBuilder(this.#branches.comment(text));
  }

  /**
   * Runs an `amd` callback on an empty builder and returns the children it built, after
   * checking that it returned an AmdBuilder with both branches.
   *
   * @internal
   */
  static childrenOf(build: unknown): Node[] {
    const branchesOf = (built: unknown) => (built instanceof AmdBuilder ? built.#branches : undefined);
    return amdChildren(build, new AmdBuilder(AmdBranches.empty(blockNodes)), branchesOf);
  }
}
