/**
 * Testing IVR logic from a test runner: a fluent call script, matchers for vitest's
 * `expect.extend`, and a plain assertion API that works with any runner (or none).
 *
 * @example
 * ```ts
 * // plain: throws CallAssertionError on a mismatch
 * await expectCall(plan).answer('live').press('1').toStash('confirmed', 'yes');
 *
 * // vitest
 * import { expect } from 'vitest';
 * expect.extend(callMatchers);
 * await expect(expectCall(plan).answer('live').press('1')).toTransferTo('12135551234');
 * const result = await expectCall(plan).press('2');
 * expect(result).toEndWith('hangup');
 * ```
 *
 * @module
 */
import { check, type Check, type Expectation } from './expectations.js';
import { passedPlan, type PlanSource } from '../ast/nodes.js';
import { simulate } from './simulate.js';
import type { Answer, Ended, HttpResponse, Script, SimulateOptions, SimulationResult, TransferOutcome } from './types.js';

/** The matcher signatures, to merge into your test runner's assertion type. */
export interface CallMatchers<R = unknown> {
  /** Asserts that `<stash varname=name>` stored `value`. */
  toStash(name: string, value: string | number | boolean): R;
  /** Asserts a transfer to `number` (any outcome). */
  toTransferTo(number: string): R;
  /** Asserts that some `<play>` said text matching `pattern` (a RegExp, or text contained in it). */
  toSay(pattern: string | RegExp): R;
  /** Asserts how the call ended. */
  toEndWith(ended: Ended): R;
}

/**
 * The named assertions, each as the {@link Expectation} it checks. The fluent script, the
 * plain checker and the vitest/jest matchers are all built from this one table; its type makes
 * it cover {@link CallMatchers} exactly, where the assertions are documented.
 */
const ASSERTIONS: { readonly [K in keyof CallMatchers]: (...args: Parameters<CallMatchers[K]>) => Expectation } = {
  toStash: (name, value) => ({ stashes: { [name]: value } }),
  toTransferTo: (number) => ({ transfersTo: number }),
  toSay: (pattern) => ({ says: pattern }),
  toEndWith: (ended) => ({ endsWith: ended }),
};

type Assertions = typeof ASSERTIONS;
type AssertionName = keyof Assertions;
const ASSERTION_NAMES = Object.keys(ASSERTIONS) as AssertionName[];

/** A failed call expectation, with what was expected and what happened. */
export class CallAssertionError extends Error {
  override readonly name = 'CallAssertionError';
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`call expectation failed\n  expected: ${expected}\n  actual:   ${actual}`);
  }
}

/**
 * A scripted call, built step by step. Every method returns a new script; `await` it (or call
 * {@link CallExpectation.run}) for the {@link SimulationResult}, or end with an assertion.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface below is filled in by the loop after the class
export class CallExpectation implements PromiseLike<SimulationResult> {
  constructor(
    private readonly plan: PlanSource,
    private readonly script: Script = {},
    private readonly options: SimulateOptions = {},
  ) {}

  private with(patch: Partial<Script>): CallExpectation {
    return new CallExpectation(this.plan, { ...this.script, ...patch }, this.options);
  }

  /** Who answers, for `<amd>`. */
  answer(answer: Answer): CallExpectation {
    return this.with({ answer });
  }

  /** The caller's next inputs at menus: digits (`'1'`, `'12345#'`), `'timeout'` or `'hangup'`. */
  press(...inputs: Array<string | number>): CallExpectation {
    return this.with({ keys: [...(this.script.keys ?? []), ...inputs.map(String)] });
  }

  /** The caller presses nothing at the next menu. */
  timeout(): CallExpectation {
    return this.press('timeout');
  }

  /** The caller hangs up at the next menu (or recording). */
  hangup(): CallExpectation {
    return this.press('hangup');
  }

  /** User variables set before the call. */
  vars(vars: Readonly<Record<string, string | number | boolean>>): CallExpectation {
    return this.with({ vars: { ...this.script.vars, ...vars } });
  }

  /** Contact fields (`firstName`, columns `A`…). */
  contact(contact: Readonly<Record<string, string | number>>): CallExpectation {
    return this.with({ contact: { ...this.script.contact, ...contact } });
  }

  /** Call variables (`callerid`, `dnis`, `phonenumber`, `id`). */
  call(call: Readonly<Record<string, string | number>>): CallExpectation {
    return this.with({ call: { ...this.script.call, ...call } });
  }

  /** The call's start time (UTC). */
  at(clock: string | number | Date): CallExpectation {
    return this.with({ clock });
  }

  /** A canned `<get>`/`<post>` answer for URLs matching `url` (`*` wildcards or a RegExp). */
  respond(url: string | RegExp, body: string, extra: Omit<HttpResponse, 'url' | 'body'> = {}): CallExpectation {
    return this.with({ http: [...(this.script.http ?? []), { url, body, ...extra }] });
  }

  /** How transfers go: one outcome for all numbers, or per number (with an optional `default`). */
  transfers(outcome: TransferOutcome | Readonly<Record<string, TransferOutcome>>): CallExpectation {
    return this.with({ transfer: outcome });
  }

  /** Runs the call. */
  run(): Promise<SimulationResult> {
    return simulate(this.plan, this.script, this.options);
  }

  // biome-ignore lint/suspicious/noThenProperty: being awaitable is the point: `await expectCall(plan).press('1')`
  then<A = SimulationResult, B = never>(
    onfulfilled?: ((value: SimulationResult) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.run().then(onfulfilled, onrejected);
  }

  /** Runs the call and asserts `e` on it; the named assertions (`toStash`…) are shorthands for this. */
  async expect(e: Expectation): Promise<SimulationResult> {
    const result = await this.run();
    checkCall(result).expect(e);
    return result;
  }
}

// The named assertions (toStash, toTransferTo, toSay, toEndWith), each ending the script.
export interface CallExpectation extends CallMatchers<Promise<SimulationResult>> {}
for (const name of ASSERTION_NAMES) {
  const make = ASSERTIONS[name] as (...args: unknown[]) => Expectation;
  Object.defineProperty(CallExpectation.prototype, name, {
    value(this: CallExpectation, ...args: unknown[]) {
      return this.expect(make(...args));
    },
    writable: true,
    configurable: true,
  });
}

/**
 * Starts a scripted call through `plan`.
 *
 * @example
 * ```ts
 * await expectCall(xml).answer('live').press('1').toTransferTo('12135551234');
 * ```
 */
export function expectCall(plan: PlanSource, options: SimulateOptions = {}): CallExpectation {
  // refused here, not when awaited; a builder becomes its tree once for every run
  return new CallExpectation(passedPlan(plan, 'expectCall()'), {}, options);
}

/** Synchronous assertions on a finished call; each returns the same checker for chaining. */
export interface CallChecks extends CallMatchers<CallChecks> {
  /** Asserts any {@link Expectation}; the named assertions are shorthands for this. */
  expect(e: Expectation): CallChecks;
}

/**
 * Assertions on a {@link SimulationResult}, for code that runs without vitest.
 *
 * @example
 * ```ts
 * checkCall(await simulate(xml, { keys: ['1'] })).toStash('confirmed', 'yes').toEndWith('hangup');
 * ```
 */
export function checkCall(result: SimulationResult): CallChecks {
  const expect = (e: Expectation): CallChecks => {
    const c = check(result, e);
    if (!c.pass) throw new CallAssertionError(c.expected, c.actual);
    return checks;
  };
  const named = ASSERTION_NAMES.map((name) => {
    const make = ASSERTIONS[name] as (...args: unknown[]) => Expectation;
    return [name, (...args: unknown[]) => expect(make(...args))];
  });
  const checks = { expect, ...Object.fromEntries(named) } as CallChecks;
  return checks;
}

/** What a vitest/jest matcher returns. */
export interface MatcherResult {
  /** Whether the call did what was expected. */
  pass: boolean;
  /** The failure message, expected beside actual. */
  message: () => string;
  /** What was expected, as the runner's diff shows it. */
  expected?: unknown;
  /** What the call did. */
  actual?: unknown;
}

/** What a matcher takes: a finished call's result, or a promise of one (a {@link CallExpectation} not yet awaited). */
export type CallResultLike = SimulationResult | PromiseLike<SimulationResult>;

function verdict(c: Check, isNot: boolean): MatcherResult {
  return {
    pass: c.pass,
    message: () => (isNot ? `call expectation failed\n  expected the opposite of: ${c.expected}\n  actual: ${c.actual}` : `call expectation failed\n  expected: ${c.expected}\n  actual:   ${c.actual}`),
    expected: c.expected,
    actual: c.actual,
  };
}

/** A matcher for `expect.extend`, taking the assertion's own arguments after `received`. */
type Matcher<A extends unknown[]> = (this: { isNot?: boolean } | undefined, received: CallResultLike, ...args: A) => MatcherResult | Promise<MatcherResult>;

function matcher(make: (...args: unknown[]) => Expectation): Matcher<unknown[]> {
  return function (this: { isNot?: boolean } | undefined, received: CallResultLike, ...args: unknown[]): MatcherResult | Promise<MatcherResult> {
    const isNot = this?.isNot === true;
    const e = make(...args);
    if (typeof (received as PromiseLike<SimulationResult>).then === 'function') {
      return Promise.resolve(received as PromiseLike<SimulationResult>).then((r) => verdict(check(r, e), isNot));
    }
    return verdict(check(received as SimulationResult, e), isNot);
  };
}

/**
 * Matchers for `expect.extend(callMatchers)` (vitest or jest). `received` is a
 * {@link SimulationResult} or a {@link CallExpectation}/promise of one (then `await` the expect).
 * For types, add to a `.d.ts` in your tests:
 * `declare module 'vitest' { interface Assertion<T> extends CallMatchers<T> {} }`.
 */
export const callMatchers = Object.fromEntries(ASSERTION_NAMES.map((name) => [name, matcher(ASSERTIONS[name] as (...args: unknown[]) => Expectation)])) as {
  [K in AssertionName]: Matcher<Parameters<Assertions[K]>>;
};
