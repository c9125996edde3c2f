/**
 * The steps of a simulated call, the per-tag records they point to, and what a tag's handler
 * may ask of the call it runs in ({@link HandlerRun}, which the engine's `Run` implements).
 * These name each other (a site keeps its handler, a handler is given the run, the run hands
 * out sites and steps), so they share this file; the handlers and the engine both depend on
 * it and on nothing of each other but the handler table.
 *
 * Every step is a {@link Step} and every tag's record a {@link Site}, each of one class, so the
 * engine's main loop reads the same shapes on every step (its reads stay monomorphic), and the
 * steps that depend on a tag's place alone are made once per document and shared by its calls.
 *
 * @module
 */
import type { AnyElement, ElementNode } from '../ast/nodes.js';
import type { Ended, Script, SimulationEvent, SimulationWarningRule } from './types.js';

/** What a tag does when a call enters it; returns what runs next. */
export type SiteHandler = (node: AnyElement, run: HandlerRun, site: Site) => Step;

/** An event as a handler builds it, without the `path` and `line` its site gives (distributed over the union, so `Omit` keeps each member's own fields). */
export type EventData = SimulationEvent extends infer E ? (E extends SimulationEvent ? Omit<E, 'line' | 'path'> : never) : never;

/**
 * The call as a tag's handler sees it: the call's state it reads and changes, and the engine's
 * helpers for what runs next, events, values and the caller. The engine's `Run` is the one
 * implementation; see it for what each does.
 */
export interface HandlerRun {
  readonly script: Script;
  readonly vars: Map<string, string>;
  readonly stashed: Map<string, string>;
  /** The call variables this call set (`call.*`). */
  readonly call: Map<string, string>;
  /** The call's time (epoch ms); a `<wait>` moves it on. */
  clock: number;
  /** Whether the caller has hung up. */
  readonly callerGone: boolean;

  /** What runs after the tag of `site` finishes normally. */
  after(site: Site): Step;
  /** The first tag of a container's block, or what the container does when its block is empty. */
  firstIn(site: Site): Step;
  /** Where `node`'s events happen. */
  site(node: AnyElement): Site;
  /** The first element child of `node` that is a `<kind>` tag. */
  childOfKind(node: ElementNode, kind: string): ElementNode | undefined;
  /** Ends the call. */
  end(ended: Ended): Step;
  /** The tag named `target` (goto, catch); fails when none is. */
  jump(from: ElementNode, target: string, what: string): ElementNode;
  /** The caller hangs up while `node` runs; returns where the call goes on (a hangup catch) or its end. */
  callerHangup(node: ElementNode, reason: 'script' | 'inputs-exhausted'): Step;
  /** Takes the next input if it is a hang-up. */
  takeHangup(): boolean;
  /** A made-up URL for a recording. */
  recordingUrl(name: string | undefined): string;

  /** Records an event built in its final shape, `path` and `line` last. */
  push(event: EventData & { path: string; line: number | undefined }): void;
  /** Notes a warning diagnostic of `rule` at `node`, with what was found in `data`. */
  warn(node: AnyElement, rule: SimulationWarningRule, message: string, data: Readonly<Record<string, unknown>>): void;
  /** Marks a branch of `node` as taken, for coverage. */
  branch(node: AnyElement, label: string): void;

  /** `${…}` substitution with the call's variables. */
  sub(text: string): string;
  /** The trimmed, substituted text of a leaf tag. */
  text(node: ElementNode): string;
  /** A substituted, trimmed attribute, or `undefined` when absent. */
  attr(node: ElementNode, name: string): string | undefined;
  /** A setvar/stash/equal value by the text-or-JavaScript rule. */
  value(node: ElementNode, raw: string, what: string): { value: string; evaluated: boolean };
  /** Evaluates a value that reads as JavaScript to its text. */
  code(node: ElementNode, raw: string, what: string): string;
  /** Evaluates a condition as JavaScript. */
  truth(node: ElementNode, raw: string, what: string): boolean;
}

/**
 * What runs next: enter a tag, wait for the caller's input at a menu, or end the call. Steps
 * are never changed, so each is shared: a tag's entering step and a menu's waiting step live in
 * its {@link Site}, the ends in {@link endStep}.
 */
export class Step {
  constructor(
    readonly op: 'enter' | 'input' | 'end',
    /** The tag entered, or the menu waiting; `undefined` for an end. */
    readonly site: Site | undefined,
    /** How the call ends (an end step only; `'end'` on the others, never read). */
    readonly ended: Ended,
  ) {}
}

const ENDS = new Map<Ended, Step>();

/** The shared step that ends a call so. */
export function endStep(ended: Ended): Step {
  let step = ENDS.get(ended);
  if (step === undefined) ENDS.set(ended, (step = new Step('end', undefined, ended)));
  return step;
}

/** A branch of the plan (its id, `<path>` of a keypress or `<path>#<label>`), marked by the calls that take it. */
export class BranchMark {
  /** The number of the last call that took the branch (as {@link Site.reachedBy}). */
  takenBy = 0;
  constructor(readonly id: string) {}
}

/** A tag's record in one document: where its events say they happened and what the engine found once about it (its place never changes). */
export class Site {
  /** The step that enters this tag. */
  readonly entered: Step;
  /** A menu's step that waits for the caller's input, made when first needed. */
  waiting: Step | undefined = undefined;
  /** The tag's branches (`<path>#then`) by label, made once rather than on every branch taken. */
  branches: Map<string, BranchMark> | undefined = undefined;
  /** A keypress's own branch (its path), made when first taken. */
  pressed: BranchMark | undefined = undefined;
  /** What runs after the tag finishes normally, and what its block starts with: found once, as both depend on the tag's place alone. */
  after: Step | undefined = undefined;
  enter: Step | undefined = undefined;
  /**
   * The number of the last call that reached the tag. A call runs synchronously from start to
   * end, so no other call marks the table meanwhile: this replaces a per-call "reached" array
   * (whose allocation cost more than the rest of starting a call).
   */
  reachedBy = 0;
  /** A menu's `maxDigits`, read once: NaN until read, 0 when absent or not a number (no limit either way). */
  maxDigits = Number.NaN;
  /**
   * What the tag's handler reads the same on every call (attributes without `${…}`, texts),
   * kept by the handler on its first run here; `undefined` until then. Each tag kind keeps its own.
   */
  fixed: unknown = undefined;
  /** The path its events name: {@link Site.path}, or `/` for a tag outside the document. */
  readonly shown: string;

  constructor(
    readonly node: AnyElement,
    /** The tag's path in the document; `undefined` for a tag outside it. */
    readonly path: string | undefined,
    readonly line: number | undefined,
    /** What the tag does (its kind's handler). */
    readonly handler: SiteHandler,
  ) {
    this.shown = path ?? '/';
    this.entered = new Step('enter', this, 'end');
  }
}
