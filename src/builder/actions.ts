/**
 * The blocks of actions: the methods every container of action tags offers (one per tag of
 * `ACTION_TAGS`, named like the tag), and the two kinds of block, a plain one and a menu.
 *
 * Builders are immutable: every call returns a new builder and leaves the one it was called
 * on as it was, so a half-built plan can be reused as the start of several. Nested tags are
 * built by callbacks that receive an empty builder of the right kind and return it with tags
 * added; since each kind only has the methods its tag may contain, wrong nesting does not
 * compile (`keypress` exists on {@link MenuBuilder} only, `else` only through `if`).
 *
 * @module
 */
import type { Node } from '../ast/nodes.js';
import { amdChildren, type AmdBuilder } from './amd.js';
import { isSoundId, isUrl } from '../language/values.js';
import { fail, show } from './checks.js';
import { attributes, comment, content, element, leaf } from './element.js';
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

/**
 * One cell of a persistent list: adding a tag shares everything built before it.
 *
 * @internal
 */
export interface Cell {
  readonly node: Node;
  readonly prev: Cell | undefined;
  readonly size: number;
}

/** Reads the nodes a builder holds; kept off the public surface. */
export const NODES: unique symbol = Symbol('nodes');

function toArray(last: Cell | undefined): Node[] {
  const out = new Array<Node>(last?.size ?? 0);
  for (let c = last, i = out.length - 1; c; c = c.prev, i--) out[i] = c.node;
  return out;
}

/** A callback that fills a block of actions (the body of `keypress`, `if`, `live`, …). */
export type BlockBody = (block: BlockBuilder) => BlockBuilder;
/** A callback that fills a menu: prompts, then `keypress` branches. */
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

const isBlock = (b: unknown): b is BlockBuilder => b instanceof BlockBuilder;
const isMenu = (b: unknown): b is MenuBuilder => b instanceof MenuBuilder;

/** Runs a block body and returns the nodes it built. */
export function blockNodes(method: string, build: unknown): Node[] {
  return runBody(method, BlockBuilder.empty(), build, isBlock)[NODES]();
}

/**
 * The methods shared by every block of actions: the dialplan's body, menus, keypresses,
 * `if`/`else`, `equal`/`notEqual`, `live`/`machine` and `catch`. Each method adds one tag
 * and returns a new builder of the same kind.
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
    return this.derive({ node, prev: this.#last, size: (this.#last?.size ?? 0) + 1 });
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
    const given = (options ?? {}) as Record<string, unknown>;
    if (typeof given !== 'object' || given === null || Array.isArray(given)) fail('play', 'options', `must be an object, got ${show(options)}`);
    const attrs = attributes('play', 'play', { ...given, type: given['type'] ?? 'tts' });
    const body = content('play', 'play', 'the sound', value);
    if (attrs['type'] === 'url' && !isUrl(body)) fail('play', 'the sound', `must be an http(s) URL or a variable for type 'url', got ${show(body)}`);
    if (attrs['type'] === 'callfireid' && !isSoundId(body)) fail('play', 'the sound', `must be a CallFire sound id (digits) for type 'callfireid', got ${show(body)}`);
    return this.add(leaf('play', attrs, body));
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
    const attrs = attributes('menu', 'menu', options);
    const nodes = runBody('menu', MenuBuilder.empty(), build, isMenu)[NODES]();
    return this.add(element('menu', attrs, nodes));
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
    const attrs = attributes('amd', 'amd', options);
    return this.add(element('amd', attrs, amdChildren(build, blockNodes)));
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
    const attrs = attributes('transfer', 'transfer', options);
    return this.add(leaf('transfer', attrs, content('transfer', 'transfer', 'numbers', numbers)));
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
    return this.add(leaf('hangup', attributes('hangup', 'hangup', options)));
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
    const attrs = attributes('goto', 'goto', options);
    return this.add(leaf('goto', attrs, content('goto', 'goto', 'the target', target)));
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
    return this.add(leaf('record', attributes('record', 'record', options)));
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
    const attrs = attributes('setvar', 'setvar', options, { varname });
    return this.add(leaf('setvar', attrs, content('setvar', 'setvar', 'the value', value)));
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
    const attrs = attributes('stash', 'stash', options, { varname });
    return this.add(leaf('stash', attrs, content('stash', 'stash', 'the value', value)));
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
    const given = (options ?? {}) as Record<string, unknown>;
    if (typeof given !== 'object' || given === null || Array.isArray(given)) fail('if', 'options', `must be an object, got ${show(options)}`);
    const { else: elseOptions, ...ifOptions } = given;
    if (elseOptions !== undefined && otherwise === undefined) fail('if', "option 'else'", 'needs the else branch (the third argument)');
    const attrs = attributes('if', 'if', ifOptions, { expr });
    const nodes = blockNodes('if', then);
    if (otherwise !== undefined) nodes.push(element('else', attributes('else', 'else', elseOptions as object | undefined), blockNodes('if', otherwise)));
    return this.add(element('if', attrs, nodes));
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
    const attrs = attributes('equal', 'equal', options, { var: value, expr });
    return this.add(element('equal', attrs, blockNodes('equal', body)));
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
    const attrs = attributes('notEqual', 'notEqual', options, { var: value, expr });
    return this.add(element('notEqual', attrs, blockNodes('notEqual', body)));
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
    const attrs = attributes('get', 'get', options);
    return this.add(leaf('get', attrs, content('get', 'get', 'the URL', url)));
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
    const attrs = attributes('post', 'post', options);
    return this.add(leaf('post', attrs, content('post', 'post', 'the URL', url)));
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
    const attrs = attributes('dnc', 'dnc', options);
    return this.add(leaf('dnc', attrs, content('dnc', 'dnc', 'the number', number)));
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
    const attrs = attributes('sms', 'sms', options, { to });
    return this.add(leaf('sms', attrs, content('sms', 'sms', 'the message', message)));
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
    const attrs = attributes('wait', 'wait', options);
    return this.add(leaf('wait', attrs, content('wait', 'wait', 'the seconds', seconds)));
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
    const attrs = attributes('catch', 'catch', options);
    return this.add(element('catch', attrs, blockNodes('catch', body)));
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
    const attrs = attributes('gotoXML', 'gotoXML', options);
    return this.add(leaf('gotoXML', attrs, content('gotoXML', 'gotoXML', 'the URL', url)));
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
    const attrs = attributes('dtmf', 'dtmf', options);
    return this.add(leaf('dtmf', attrs, content('dtmf', 'dtmf', 'the digits', digits)));
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
    return this.add(leaf('analytics', attributes('analytics', 'analytics', options)));
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
    const attrs = attributes('gtalk', 'gtalk', options, { to });
    return this.add(leaf('gtalk', attrs, content('gtalk', 'gtalk', 'the message', message)));
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
    const attrs = attributes('text', 'text', options, { to });
    return this.add(leaf('text', attrs, content('text', 'text', 'the message', message)));
  }
}

/**
 * A block of actions: the body of `keypress`, `live`, `machine`, `if`, `else`, `equal`,
 * `notEqual` and `catch`. Offers every action tag and nothing else.
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

/** The inside of a `menu`: prompts and other actions, and the `keypress` branches. */
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
    const attrs = attributes('keypress', 'keypress', options, { pressed });
    return this.add(element('keypress', attrs, blockNodes('keypress', build)));
  }
}
