/**
 * The steps of a simulated call and the per-tag records they point to. Kept apart from
 * engine.ts so handlers.ts needs no run-time import of the engine (which imports the handlers).
 *
 * Every step is a {@link Step} and every tag's record a {@link Site}, each of one class, so the
 * engine's main loop reads the same shapes on every step (its reads stay monomorphic), and the
 * steps that depend on a tag's place alone are made once per document and shared by its calls.
 *
 * @module
 */
import type { AnyElement } from '../ast/nodes.js';
import type { Run } from './engine.js';
import type { Ended } from './types.js';

/** What a tag does when a call enters it; returns what runs next. */
export type SiteHandler = (node: AnyElement, run: Run, site: Site) => Step;

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
