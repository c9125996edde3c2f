/**
 * The shapes the simulator reads and writes: the caller's script, the trace of events and
 * the result of a simulated call.
 *
 * @module
 */
import type { Diagnostic } from '../validate/diagnostic.js';

/** What the called party turns out to be, for `<amd>`. @category Simulation */
export type Answer = 'live' | 'machine';

/** What happens when the plan transfers the call to a number. @category Simulation */
export type TransferOutcome = 'answered' | 'no-answer' | 'busy';

/** How a simulated call ended. @category Simulation */
export type Ended = 'hangup' | 'transfer' | 'end' | 'caller-hangup' | 'error';

/** One input of the caller at a menu: digits (`'1'`, `'300'`, `'12135551234#'`), `'timeout'` or `'hangup'`. @category Simulation */
export type CallerInput = string;

/**
 * A canned answer for `<get>`/`<post>`. `url` is a pattern: `*` matches any run of characters
 * and the whole URL must match (`https://api.example.com/acct*`), or a RegExp.
 * @category Simulation
 */
export interface HttpResponse {
  readonly url: string | RegExp;
  /** Limit the answer to one method; both when absent. */
  readonly method?: 'get' | 'post';
  /** HTTP status to report in the trace; 200 when absent. */
  readonly status?: number;
  /** The response body, stored in the tag's `varname`. */
  readonly body: string;
}

/**
 * A deterministic caller and world for one simulated call.
 *
 * @example
 * ```ts
 * const script: Script = {
 *   answer: 'live',
 *   keys: ['1', 'timeout'],
 *   vars: { Counter: '0' },
 *   contact: { firstName: 'Ann' },
 *   clock: '2026-01-05T15:00:00Z',
 *   http: [{ url: 'https://example.com/acct*', body: 'True' }],
 *   transfer: { default: 'answered', '12135551234': 'busy' },
 * };
 * ```
 * @category Simulation
 */
export interface Script {
  /** The answer `<amd>` detects; `live` when absent. */
  readonly answer?: Answer;
  /**
   * The caller's inputs, one per menu, in order. When the queue runs out at a menu the caller hangs up.
   * Numbers are taken as digit strings.
   */
  readonly keys?: ReadonlyArray<CallerInput | number>;
  /** User variables set before the call starts (as if by `<setvar>`). */
  readonly vars?: Readonly<Record<string, string | number | boolean>>;
  /** Contact fields: `firstName`, … and sheet columns `A`…`ZZ` (looked up case-insensitively). */
  readonly contact?: Readonly<Record<string, string | number>>;
  /** Call variables: `callerid`, `dnis`, `phonenumber`, `id`, `callerid.alpha`. */
  readonly call?: Readonly<Record<string, string | number>>;
  /** The call's start time (UTC) for `${global.*}`; an ISO string, a Date or epoch milliseconds. */
  readonly clock?: string | number | Date;
  /** Canned responses for `<get>` and `<post>`, first match wins. Unmatched requests get an empty body and status 404. */
  readonly http?: readonly HttpResponse[];
  /**
   * The transfer outcome: one for every number, or per number with an optional `default`.
   * `answered` when absent.
   */
  readonly transfer?: TransferOutcome | Readonly<Record<string, TransferOutcome>>;
  /** Seed of `Math.random()` in expressions (a 32-bit integer); 0 when absent. `Date.now()` and `new Date()` read {@link Script.clock}. */
  readonly seed?: number;
}

/** The fields a {@link Script} may have: any other is an error, not ignored. @category Simulation */
export const SCRIPT_FIELDS: ReadonlySet<string> = new Set(['answer', 'keys', 'vars', 'contact', 'call', 'clock', 'http', 'transfer', 'seed']);

/**
 * Limits of a simulation: its budget of steps and time, and what one expression may use. The
 * sandbox passes its own; a run that exceeds one ends with `ended: 'error'` and a message naming
 * the limit.
 * @category Simulation
 */
export interface SimulateOptions {
  /**
   * Tags entered before the run stops; by default 10,000 or twice the number of tags in the plan,
   * whichever is more, so a long plan that runs straight through is never taken for a loop.
   */
  readonly maxSteps?: number;
  /** Time the whole simulation may take, expressions included, in milliseconds; 10,000 by default. */
  readonly timeLimitMs?: number;
  /** Time limit of one expression in milliseconds; 100 by default. */
  readonly expressionTimeoutMs?: number;
  /** Memory the simulation's expressions may use together, in bytes; 16 MiB by default. */
  readonly expressionMemoryBytes?: number;
}

/** The fields {@link SimulateOptions} may have. @category Simulation */
export const OPTION_FIELDS: ReadonlySet<string> = new Set(['maxSteps', 'timeLimitMs', 'expressionTimeoutMs', 'expressionMemoryBytes']);

/** What every {@link SimulationEvent} has: where its tag is. @category Events and transcripts */
export interface EventBase {
  /** 1-based line of the tag in the XML, when known. */
  readonly line?: number;
  /** Path of the tag, like `/dialplan/menu[2]/keypress[3]`. */
  readonly path: string;
}

/** One step of a simulated call. @category Events and transcripts */
export type SimulationEvent =
  | (EventBase & { readonly type: 'play'; readonly playType: string; readonly voice?: string; readonly text: string })
  | (EventBase & { readonly type: 'amd'; readonly answer: Answer })
  | (EventBase & { readonly type: 'input'; readonly input: CallerInput; readonly digits?: string })
  | (EventBase & { readonly type: 'keypress'; readonly pressed: string; readonly input: CallerInput })
  | (EventBase & { readonly type: 'no-match'; readonly input: CallerInput })
  | (EventBase & { readonly type: 'goto'; readonly target: string; readonly targetPath: string })
  | (EventBase & { readonly type: 'setvar'; readonly name: string; readonly value: string; readonly evaluated: boolean })
  | (EventBase & { readonly type: 'stash'; readonly name: string; readonly value: string })
  | (EventBase & { readonly type: 'record'; readonly name?: string; readonly varname?: string; readonly url: string; readonly background: boolean })
  | (EventBase & {
      readonly type: 'transfer';
      readonly numbers: readonly string[];
      readonly outcome: TransferOutcome;
      readonly answeredBy?: string;
      readonly mode: string;
      readonly continueAfter: boolean;
    })
  | (EventBase & { readonly type: 'sms'; readonly to: string; readonly text: string; readonly tag: 'sms' | 'text' })
  | (EventBase & { readonly type: 'dnc'; readonly number: string })
  | (EventBase & { readonly type: 'http'; readonly method: 'get' | 'post'; readonly url: string; readonly status: number; readonly body: string; readonly varname?: string; readonly matched: boolean })
  | (EventBase & { readonly type: 'wait'; readonly seconds: number })
  | (EventBase & { readonly type: 'if'; readonly expr: string; readonly result: boolean })
  | (EventBase & { readonly type: 'equal' | 'notEqual'; readonly value: string; readonly expected: string; readonly result: boolean })
  | (EventBase & { readonly type: 'catch'; readonly event: 'hangup'; readonly target: string; readonly targetPath: string })
  | (EventBase & { readonly type: 'caller-hangup'; readonly reason: 'script' | 'inputs-exhausted' })
  | (EventBase & { readonly type: 'hangup' })
  | (EventBase & { readonly type: 'dtmf'; readonly digits: string })
  | (EventBase & { readonly type: 'analytics'; readonly attributes: Readonly<Record<string, string>> })
  | (EventBase & { readonly type: 'gtalk'; readonly to: string; readonly text: string })
  | (EventBase & { readonly type: 'gotoXML'; readonly url: string })
  | (EventBase & { readonly type: 'unknown-tag'; readonly name: string })
  | (EventBase & { readonly type: 'error'; readonly message: string });

/** The event types, for filtering traces. @category Events and transcripts */
export type SimulationEventType = SimulationEvent['type'];

/** Why a simulation stopped with an error: a failing expression, a missing goto target, a step limit. @category Simulation */
export interface SimulationErrorInfo {
  readonly message: string;
  readonly line?: number;
  readonly path?: string;
}

/**
 * The rules of the simulator's warnings: `unset-variable` (a `${name}` read before anything set
 * it; `data.name`), `unscripted-request` (a `<get>`/`<post>` the script has no response for;
 * `data.method`, `data.url`), `other-document` (a `<gotoXML>` hands the call to a document the
 * simulator does not fetch; `data.url`).
 * @category Simulation
 */
export type SimulationWarningRule = 'unset-variable' | 'unscripted-request' | 'other-document';

/** The outcome of one simulated call. @category Simulation */
export interface SimulationResult {
  /** Everything that happened, in order. */
  readonly events: readonly SimulationEvent[];
  /** The user variables at the end of the call. */
  readonly variables: Readonly<Record<string, string>>;
  /** What `<stash>` stored: what QueryCalls would report as QuestionResponse. */
  readonly stashed: Readonly<Record<string, string>>;
  readonly ended: Ended;
  /** Set when `ended` is `error`. */
  readonly error?: SimulationErrorInfo;
  /** Paths of every tag entered, in first-visit order (for coverage). */
  readonly reached: readonly string[];
  /** Branch ids taken (for coverage): a keypress path, or `<path>#live`, `#machine`, `#then`, `#else`, `#true`, `#false`. */
  readonly branches: readonly string[];
  /**
   * Things that did not stop the call but may be mistakes, as warning diagnostics at the tag
   * where they happened (its `line`, `column` and `path`), each once: see {@link SimulationWarningRule}.
   * `formatTranscript` prints each as `formatCompact` writes any finding on one line:
   * `warning: 6:9 /dialplan/play[1]: ${x} is not set; read as empty text (unset-variable)`.
   */
  readonly warnings: readonly Diagnostic[];
}
