/**
 * fast-check arbitraries for random valid plans written with the DSL. A plan is generated as
 * data (`Step` trees, readable when a property fails and shrinkable) and then built by
 * {@link buildPlan}, which calls the builder methods.
 */
import fc from 'fast-check';
import { CATALOG, currentValues } from '../../src/entries/catalog.js';
import { dialplan, type ActionsBuilder, type BlockBuilder, type DialplanBuilder, type KeyPattern, type MenuBuilder } from '../../src/index.js';


// Characters that stress escaping and encoding: markup, quotes, a CDATA end, non-ASCII,
// astral characters, variables.
const pieces = ['a', 'Z', '0', '9', ' ', '<', '>', '&', '"', "'", ']]>', '${call.callerid}', 'é', '日本', '😀', '.', ',', '?', '-', '/', '=', '{', '}', '$'];
const oneLine = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 8 }).map((xs) => xs.join(''));
const multiLine = fc.array(fc.constantFrom(...pieces, '\n', '\t'), { minLength: 1, maxLength: 10 }).map((xs) => xs.join(''));

/** Text with something other than white space. */
export const text = multiLine.filter((s) => s.trim() !== '');
/** A one-line value for attributes (expressions, names). */
export const line = oneLine.filter((s) => s.trim() !== '');
/** A tag name / goto target: one line, no white space around it. */
export const tagName = line.map((s) => s.trim()).filter((s) => s !== '');
/** A comment (XML comments cannot hold `--` or end with `-`). */
export const commentText = multiLine.map((s) => s.replace(/-/g, '_'));
export const varname = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_]{1,10}$/), fc.constantFrom('stashDNC${n}', 'choice${num}'));
export const phone = fc.oneof(fc.stringMatching(/^\+?1?[2-9]\d{9}(x\d{1,4})?$/), fc.constantFrom('${call.callerid}', '2135551212x${call.lastinput}', '(213) 555-1234'));
export const url = fc.stringMatching(/^[a-z0-9/._-]{0,12}(\?[a-z]=[a-z0-9]{0,4}(&[a-z]=\$\{[a-z]+\})?)?$/).map((p) => `https://example.com/${p}`);
export const keyPattern: fc.Arbitrary<KeyPattern> = fc.oneof(
  fc.constantFrom<KeyPattern>('0', '1', '9', '#', '*', 'default', 'timeout', 'Default', 'Timeout'),
  fc.stringMatching(/^\d{1,6}$/) as fc.Arbitrary<KeyPattern>,
  fc.tuple(fc.nat(999), fc.nat(999)).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}` as KeyPattern),
);
const count = fc.nat({ max: 100000 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** An options object with the given keys, some left out. */
const opts = <T extends Record<string, fc.Arbitrary<unknown>>>(shape: T) =>
  fc.record(shape, { requiredKeys: [] }) as fc.Arbitrary<{ [K in keyof T]?: T[K] extends fc.Arbitrary<infer V> ? V : never }>;

const voice = fc.constantFrom(...currentValues(CATALOG.play.attributes.voice));
const music = fc.constantFrom(...currentValues(CATALOG.transfer.attributes.musiconhold));

/** One builder call, as data. */
export type Step =
  | { readonly op: 'play'; readonly value: string; readonly options: object }
  | { readonly op: 'playUrl'; readonly value: string }
  | { readonly op: 'transfer'; readonly numbers: string | string[]; readonly options: object }
  | { readonly op: 'hangup' | 'record' | 'analytics'; readonly options: object }
  | { readonly op: 'goto'; readonly target: string }
  | { readonly op: 'setvar' | 'stash'; readonly varname: string; readonly value: string | number | boolean }
  | { readonly op: 'get' | 'post' | 'gotoXML'; readonly url: string; readonly options: object }
  | { readonly op: 'dnc'; readonly number: string }
  | { readonly op: 'sms' | 'text'; readonly to: string; readonly message: string }
  | { readonly op: 'gtalk'; readonly to: string; readonly message: string }
  | { readonly op: 'wait'; readonly seconds: number }
  | { readonly op: 'dtmf'; readonly digits: string }
  | { readonly op: 'comment'; readonly text: string }
  | { readonly op: 'menu'; readonly options: object; readonly body: readonly Step[]; readonly keys: ReadonlyArray<readonly [KeyPattern, readonly Step[]]> }
  | { readonly op: 'if'; readonly expr: string; readonly body: readonly Step[]; readonly otherwise?: readonly Step[] | undefined }
  | { readonly op: 'equal' | 'notEqual'; readonly value: string; readonly expr: string; readonly body: readonly Step[] }
  | { readonly op: 'catch'; readonly options: object; readonly body: readonly Step[] }
  | { readonly op: 'amd'; readonly live: readonly Step[]; readonly machine: readonly Step[]; readonly machineFirst: boolean };

const leafStep: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('play' as const), value: text, options: opts({ name: tagName, voice, cache: fc.boolean() }) }),
  fc.record({ op: fc.constant('playUrl' as const), value: url }),
  fc.record({
    op: fc.constant('transfer' as const),
    numbers: fc.oneof(phone, fc.array(phone, { minLength: 1, maxLength: 3 })),
    options: opts({ name: tagName, callerid: phone, musiconhold: music, continueAfter: fc.boolean(), mode: fc.constantFrom('ringall', 'waterfall'), timeout: count, whisperTts: oneLine, screen: fc.boolean() }),
  }),
  fc.record({ op: fc.constant('hangup' as const), options: opts({ name: tagName }) }),
  fc.record({ op: fc.constant('record' as const), options: opts({ name: tagName, varname, background: fc.boolean(), timeout: count }) }),
  fc.record({ op: fc.constant('analytics' as const), options: opts({ account: oneLine, category: oneLine, value: oneLine }) }),
  fc.record({ op: fc.constant('goto' as const), target: tagName }),
  fc.record({ op: fc.constantFrom('setvar' as const, 'stash' as const), varname, value: fc.oneof(multiLine, fc.integer(), fc.boolean(), fc.constant('')) }),
  fc.record({ op: fc.constantFrom('get' as const, 'post' as const), url, options: opts({ name: tagName, varname }) }),
  fc.record({ op: fc.constant('gotoXML' as const), url, options: opts({ name: tagName }) }),
  fc.record({ op: fc.constant('dnc' as const), number: phone }),
  fc.record({ op: fc.constantFrom('sms' as const, 'text' as const), to: phone, message: text }),
  fc.record({ op: fc.constant('gtalk' as const), to: oneLine, message: multiLine }),
  fc.record({ op: fc.constant('wait' as const), seconds: fc.nat(600) }),
  fc.record({ op: fc.constant('dtmf' as const), digits: fc.stringMatching(/^[0-9*#]{1,8}$/) }),
  fc.record({ op: fc.constant('comment' as const), text: commentText }),
);

const tree = fc.letrec<{ step: Step; block: readonly Step[] }>((tie) => ({
  block: fc.array(tie('step'), { maxLength: 3 }),
  step: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafStep,
    fc.record({
      op: fc.constant('menu' as const),
      options: opts({ name: tagName, maxDigits: fc.integer({ min: 1, max: 20 }), timeout: count }),
      body: tie('block'),
      keys: fc.array(fc.tuple(keyPattern, tie('block')), { maxLength: 3 }),
    }),
    fc.record({ op: fc.constant('if' as const), expr: line, body: tie('block'), otherwise: maybe(tie('block')) }),
    fc.record({ op: fc.constantFrom('equal' as const, 'notEqual' as const), value: oneLine, expr: line, body: tie('block') }),
    fc.record({ op: fc.constant('catch' as const), options: fc.record({ type: fc.constantFrom('hangup', 'digit'), goto: tagName }), body: tie('block') }),
    fc.record({ op: fc.constant('amd' as const), live: tie('block'), machine: tie('block'), machineFirst: fc.boolean() }),
  ),
}));

/** A random plan, as steps. */
export const planSteps = fc.record({ name: maybe(tagName), steps: fc.array(tree.step, { maxLength: 6 }) });

// The interpreter is loosely typed on purpose: the steps are data, and the builder's own
// run-time checks apply.
// biome-ignore-start lint/suspicious/noExplicitAny: the steps are data, called by name
function steps<B extends ActionsBuilder>(b: B, list: readonly Step[]): B {
  return list.reduce((acc: B, s) => step(acc, s), b);
}

function step<B extends ActionsBuilder>(b: B, s: Step): B {
  const x = b as any;
  switch (s.op) {
    case 'play':
      return x.play(s.value, s.options);
    case 'playUrl':
      return x.play(s.value, { type: 'url' });
    case 'transfer':
      return x.transfer(s.numbers, s.options);
    case 'hangup':
    case 'record':
    case 'analytics':
      return x[s.op](s.options);
    case 'goto':
      return x.goto(s.target);
    case 'setvar':
    case 'stash':
      return x[s.op](s.varname, s.value);
    case 'get':
    case 'post':
    case 'gotoXML':
      return x[s.op](s.url, s.options);
    case 'dnc':
      return x.dnc(s.number);
    case 'sms':
    case 'text':
    case 'gtalk':
      return x[s.op](s.to, s.message);
    case 'wait':
      return x.wait(s.seconds);
    case 'dtmf':
      return x.dtmf(s.digits);
    case 'comment':
      return x.comment(s.text);
    case 'menu':
      return x.menu(s.options, (m: MenuBuilder) =>
        s.keys.reduce((acc, [p, body]) => acc.keypress(p, (k: BlockBuilder) => steps(k, body)), steps(m, s.body)),
      );
    case 'if':
      return x.if(s.expr, (t: BlockBuilder) => steps(t, s.body), s.otherwise && ((e: BlockBuilder) => steps(e, s.otherwise!)));
    case 'equal':
    case 'notEqual':
      return x[s.op](s.value, s.expr, (t: BlockBuilder) => steps(t, s.body));
    case 'catch':
      return x.catch(s.options, (c: BlockBuilder) => steps(c, s.body));
    case 'amd':
      return x.amd((a: any) =>
        s.machineFirst
          ? a.machine((m: BlockBuilder) => steps(m, s.machine)).live((l: BlockBuilder) => steps(l, s.live))
          : a.live((l: BlockBuilder) => steps(l, s.live)).machine((m: BlockBuilder) => steps(m, s.machine)),
      );
  }
}
// biome-ignore-end lint/suspicious/noExplicitAny: end of the interpreter

/** Builds the plan the steps describe. */
export function buildPlan(p: { readonly name?: string | undefined; readonly steps: readonly Step[] }): DialplanBuilder {
  return steps(dialplan(p.name === undefined ? {} : { name: p.name }), p.steps);
}
