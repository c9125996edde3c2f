/**
 * The interpreter: runs one scripted call through an indexed plan.
 *
 * Execution follows the model CallFire's samples rely on (docs/testing-ivrs.md, "How the
 * simulator runs a plan"). The state is a single "next step": enter a tag, or wait
 * for the caller's input at a menu. When a tag finishes, {@link Run.after} finds what runs next
 * from the tag's place in the tree alone, through the same {@link FlowGraph} (`ast/flow.ts`)
 * that lint and the diagrams use, so there is one execution model: the next sibling that runs in
 * sequence (branch children such as keypress, else, live and machine never do, wherever they
 * stand), or, at the end of a block, what the enclosing container does when its block ends (a
 * menu waits for input, a keypress, live, machine or else branch continues after its container,
 * the dialplan ends the call). Because continuation depends only on position, a `goto` into any
 * nested tag continues exactly as if the tag had been reached normally.
 *
 * What each tag does is in `handlers.ts`, a table over every tag name.
 *
 * @module
 */
import type { AnyElement, DocumentNode, ElementNode } from '../ast/nodes.js';
import { textOf } from '../ast/nodes.js';
import { EXIT, type FlowGraph, type FlowNode } from '../ast/flow.js';
import type { Evaluator } from './evaluator.js';
import { ExpressionError } from './evaluator.js';
import { HANDLERS } from './handlers.js';
import { SimulationFailure } from './failure.js';
import { BranchMark, endStep, Site, Step, type EventData, type HandlerRun, type SiteHandler } from './step.js';
import { isKeypadEntry, menuEntry, menuKeys, selectKeypress } from './keypress.js';
import type { PressedPattern } from '../language/key-pattern.js';
import { flowGraphOf, type PlanIndex } from '../ast/plan-index.js';
import { substitute } from './substitute.js';
import { OPTION_FIELDS, SCRIPT_FIELDS, type Ended, type Script, type SimulateOptions, type SimulationErrorInfo, type SimulationEvent, type SimulationResult, type SimulationWarningRule } from './types.js';
import type { Diagnostic } from '../validate/diagnostic.js';
import { readsAsText, writtenText } from './written-text.js';
import { prepareExpression } from './expression.js';
import { globalVariable } from './clock.js';
import { catchesHangup } from './catch.js';

const DEFAULT_CALL: Readonly<Record<string, string>> = {
  callerid: '12135550100',
  'callerid.alpha': 'SIMULATED CALLER',
  dnis: '18005550100',
  phonenumber: '12135550100',
  id: 'simulated-call-1',
};

/** Element children by tag, and the first child of a kind (an if's else), found once (trees are immutable). */
const elementsOf = new WeakMap<ElementNode, readonly AnyElement[]>();
const childByKind = new WeakMap<ElementNode, Map<string, ElementNode | null>>();

/** A menu's keypresses: their patterns, sites and `pressed` values, in document order. */
interface MenuChoices {
  readonly patterns: readonly PressedPattern[];
  readonly sites: readonly Site[];
  readonly pressed: readonly string[];
}

/**
 * The call running now, for the substitution callbacks below: a call runs synchronously from
 * start to end (as {@link Site.reachedBy} relies on), so callbacks made once for all calls read
 * it, instead of three closures made (and, run from source, named) for every call.
 */
let active: Run | undefined;
const lookupName = (name: string): string | undefined => active!.lookup(name);
const unsetName = (name: string): void => active!.unset(name);
const referenceValue = (ref: string, name: string | undefined): string => active!.referenceValue(ref, name);

/** Numbers the calls, for {@link Site.reachedBy}. */
let runs = 0;

/** The end of a call that runs out of tags. */
const END = endStep('end');

/** What an unknown tag does: says so, and the call goes on after it. */
const UNKNOWN: SiteHandler = (node, run, site) => {
  run.push({ type: 'unknown-tag', name: (node as AnyElement & { name: string }).name, path: site.shown, line: site.line });
  return run.after(site);
};

/** Sites by document (a path is a tag's place in one document), shared by the calls through it. */
const sitesOf = new WeakMap<DocumentNode, Map<AnyElement, Site>>();

/** {@link DEFAULT_CALL}, with the last input a call starts with: what a call reads for a call variable it has not set (copying them into every call cost more than its steps). */
const CALL_DEFAULTS: ReadonlyMap<string, string> = new Map([...Object.entries(DEFAULT_CALL), ['lastinput', '']]);

/** The default clock: Monday 5 January 2026, 15:00 UTC. */
const DEFAULT_CLOCK = Date.UTC(2026, 0, 5, 15, 0, 0);

function toEpoch(clock: Script['clock']): number {
  if (clock === undefined) return DEFAULT_CLOCK;
  const ms = clock instanceof Date ? clock.getTime() : typeof clock === 'number' ? clock : Date.parse(clock);
  if (Number.isNaN(ms)) throw new SimulationFailure(`script clock ${JSON.stringify(String(clock))} is not a date (use an ISO time such as 2026-01-05T15:00:00Z)`);
  return ms;
}

/** The state of one simulated call. Handlers call its helpers, through {@link HandlerRun}. */
export class Run implements HandlerRun {
  readonly events: SimulationEvent[] = [];
  readonly vars = new Map<string, string>();
  readonly stashed = new Map<string, string>();
  /** The call variables this call set or its script gave; the others are {@link CALL_DEFAULTS}. */
  readonly call = new Map<string, string>();
  /** The contact's fields, when the script gives any. */
  private readonly contact: ReadonlyMap<string, string> | undefined;
  /** The paths of the tags reached, each once, in the order first reached. */
  private readonly reached: string[] = [];
  /** This call's number, set when it starts (see {@link Site.reachedBy}). */
  private id = 0;
  /** The ids of the branches taken, each once, in the order first taken (see {@link BranchMark}). */
  private readonly branches: string[] = [];
  /** Findings that did not stop the call, each once (by rule, place and message); made on the first. */
  private warnings: Map<string, Diagnostic> | undefined;
  /** The script's inputs, and how many the call has taken. */
  private readonly inputs: readonly unknown[];
  private taken = 0;
  /** The call's time (epoch ms); {@link Run.execute} sets it from the script before anything runs. */
  clock!: number;
  callerGone = false;
  /** When the simulation's time budget runs out (epoch ms). */
  private deadline = Infinity;
  private current: AnyElement;
  private readonly recent: AnyElement[] = [];
  private recordings = 0;
  private readonly flow: FlowGraph;
  private readonly sites: Map<AnyElement, Site>;
  /** The last tag asked for by {@link Run.site} and its site: a step asks for its tag's several times (to reach, emit, branch, continue). */
  private lastNode: AnyElement | undefined;
  private lastSite: Site | undefined;


  constructor(
    readonly plan: PlanIndex,
    readonly script: Script,
    readonly js: Evaluator,
    private readonly options: SimulateOptions,
  ) {
    this.current = plan.document.root;
    this.flow = flowGraphOf(plan.document);
    let sites = sitesOf.get(plan.document);
    if (!sites) sitesOf.set(plan.document, (sites = new Map()));
    this.sites = sites;
    this.inputs = Array.isArray(script.keys) ? script.keys : [];
    if (script.call) {
      for (const [k, v] of Object.entries(script.call)) this.call.set(k, String(v));
      // a call starts with no input, whatever the script says
      this.call.set('lastinput', '');
    }
    let contact: Map<string, string> | undefined;
    if (script.contact) for (const [k, v] of Object.entries(script.contact)) (contact ??= new Map()).set(k, String(v));
    this.contact = contact;
    if (script.vars) for (const [k, v] of Object.entries(script.vars)) this.vars.set(k, String(v));
  }

  /** Runs the call to its end. */
  execute(): SimulationResult {
    let ended: Ended;
    let error: SimulationErrorInfo | undefined;
    const outer = active;
    active = this;
    try {
      checkFields(this.script, SCRIPT_FIELDS, 'script', { inputs: 'keys' });
      checkFields(this.options, OPTION_FIELDS, 'simulate option', {});
      this.clock = toEpoch(this.script.clock);
      this.id = ++runs;
      ended = this.loop();
      if (this.callerGone && ended !== 'transfer') ended = 'caller-hangup';
    } catch (e) {
      if (!(e instanceof SimulationFailure)) throw e;
      const node = e.node;
      const place = node ? this.plan.placement.get(node) : undefined;
      error = { message: e.message, ...(node?.loc ? { line: node.loc.line } : {}), ...(place ? { path: place.path } : {}) };
      this.events.push({ type: 'error', message: e.message, path: place?.path ?? '/', ...(node?.loc ? { line: node.loc.line } : {}) });
      ended = 'error';
    } finally {
      active = outer;
    }
    // two literals rather than a spread of the optional error: same key order, no generic copy
    const variables = plainObject(this.vars);
    const stashed = plainObject(this.stashed);
    const branches = this.branches;
    const warnings = this.warnings ? Array.from(this.warnings.values()) : [];
    return error
      ? { events: this.events, variables, stashed, ended, error, reached: this.reached, branches, warnings }
      : { events: this.events, variables, stashed, ended, reached: this.reached, branches, warnings };
  }

  private loop(): Ended {
    // a long plan that runs straight through takes about one step per tag: never a loop
    const maxSteps = this.options.maxSteps ?? Math.max(10_000, 2 * this.plan.placement.size);
    const timeLimit = this.options.timeLimitMs ?? 10_000;
    this.deadline = Date.now() + timeLimit;
    let next = this.site(this.plan.document.root).entered;
    for (let steps = 0; ; steps++) {
      const op = next.op;
      if (op === 'end') return next.ended;
      if (steps >= maxSteps) throw this.loopFailure(maxSteps);
      // the clock every 32 tags: reading it costs more than most steps, and no step waits (an
      // expression has its own deadline, bounded by this one)
      if ((steps & 31) === 0 && Date.now() > this.deadline) {
        throw new SimulationFailure(`stopped after ${steps} steps: the simulation ran longer than its time limit of ${timeLimit} ms (timeLimitMs)`, this.current);
      }
      const site = next.site!;
      if (op === 'input') {
        next = this.input(site);
        continue;
      }
      const node = site.node;
      this.current = node;
      this.recent.push(node);
      if (this.recent.length > 4000) this.recent.splice(0, 2000);
      this.lastNode = node;
      this.lastSite = site;
      this.reach(site);
      next = site.handler(node, this, site);
    }
  }

  // ---- continuation ------------------------------------------------------------------------

  /** What runs after a tag (its site) finishes normally: the execution model of `ast/flow.ts`, shared with lint and diagrams. */
  after(site: Site): Step {
    return (site.after ??= this.toStep(this.flow.after(site.node)));
  }

  /** The first tag of a container's block (the container's site), or what the container does when its block is empty. */
  firstIn(site: Site): Step {
    // Branch containers (live, machine, else, keypress) start here rather than through enter.
    this.reach(site);
    return (site.enter ??= this.toStep(this.flow.enter(site.node as ElementNode)));
  }

  /** The element children of a tag. */
  childrenOf(node: ElementNode): readonly AnyElement[] {
    let children = elementsOf.get(node);
    if (!children) {
      const first = node.children.find((c) => c.kind !== '#text' && c.kind !== '#comment');
      elementsOf.set(node, (children = first ? this.plan.placement.get(first as AnyElement)!.siblings : []));
    }
    return children;
  }

  /** The first element child of `node` that is a `<kind>` tag (an if's else, an amd's live or machine). */
  childOfKind(node: ElementNode, kind: string): ElementNode | undefined {
    let byKind = childByKind.get(node);
    if (!byKind) childByKind.set(node, (byKind = new Map()));
    let child = byKind.get(kind);
    if (child === undefined) {
      child = (this.childrenOf(node).find((c) => c.kind === kind) as ElementNode | undefined) ?? null;
      // kinds come from the plan's tags and the script's answer: a few per tag
      if (byKind.size < 8) byKind.set(kind, child);
    }
    return child ?? undefined;
  }

  private toStep(to: FlowNode): Step {
    if (to === EXIT) return END;
    if ('input' in to) {
      const menu = this.site(to.input);
      return (menu.waiting ??= new Step('input', menu, 'end'));
    }
    return this.site(to).entered;
  }

  /** Ends the call. */
  end(ended: Ended): Step {
    return endStep(ended);
  }

  /** Continues at a named tag (goto, catch). */
  jump(from: ElementNode, target: string, what: string): ElementNode {
    const node = this.plan.byName.get(target);
    if (!node) throw new SimulationFailure(`${what} target "${target}" does not name any tag in the plan`, from);
    return node;
  }

  // ---- the caller --------------------------------------------------------------------------

  private input(menuSite: Site): Step {
    const menu = menuSite.node as ElementNode<'menu'>;
    this.current = menu;
    if (this.callerGone) return this.end('caller-hangup');
    const raw = this.nextInput();
    const lower = raw?.toLowerCase();
    if (raw === undefined || lower === 'hangup') {
      this.push({ type: 'input', input: 'hangup', path: menuSite.shown, line: menuSite.line });
      return this.callerHangup(menu, raw === undefined ? 'inputs-exhausted' : 'script');
    }
    const choices = (menuSite.fixed as MenuChoices | undefined) ?? (menuSite.fixed = this.choicesOf(menu));
    let entry: string | undefined;
    if (lower === 'timeout') {
      this.call.set('lastinput', '');
      this.push({ type: 'input', input: 'timeout', path: menuSite.shown, line: menuSite.line });
    } else {
      if (!isKeypadEntry(raw)) {
        throw new SimulationFailure(`script input ${JSON.stringify(raw)} is not digits (0-9, #, *), "timeout" or "hangup"`, menu);
      }
      if (Number.isNaN(menuSite.maxDigits)) {
        const max = Number.parseInt(menu.attributes['maxDigits'] ?? menu.attributes['maxdigits'] ?? '', 10);
        menuSite.maxDigits = Number.isNaN(max) ? 0 : max;
      }
      entry = menuEntry(raw, menuSite.maxDigits);
      this.call.set('lastinput', entry);
      this.push({ type: 'input', input: raw, digits: entry, path: menuSite.shown, line: menuSite.line });
    }
    const chosen = selectKeypress(choices.patterns, entry);
    if (chosen < 0) {
      this.push({ type: 'no-match', input: raw, path: menuSite.shown, line: menuSite.line });
      return this.after(menuSite);
    }
    const site = choices.sites[chosen]!;
    this.reach(site);
    this.take((site.pressed ??= new BranchMark(site.path!)));
    this.push({ type: 'keypress', pressed: choices.pressed[chosen]!, input: raw, path: site.shown, line: site.line });
    return (site.enter ??= this.toStep(this.flow.enter(site.node)));
  }

  /** A menu's keypresses as {@link input} reads them, found once per menu (kept in its site). */
  private choicesOf(menu: ElementNode<'menu'>): MenuChoices {
    const { keypresses, patterns } = menuKeys(menu);
    return { patterns, sites: keypresses.map((k) => this.site(k)), pressed: keypresses.map((k) => k.attributes['pressed'] ?? '') };
  }

  /**
   * The caller hangs up while `node` runs: the nearest enclosing `<catch type="hangup">` takes
   * over at its goto target (once: afterwards nobody is on the line), or the call ends.
   */
  callerHangup(node: ElementNode, reason: 'script' | 'inputs-exhausted'): Step {
    this.emit(node, { type: 'caller-hangup', reason });
    this.callerGone = true;
    for (let p = this.plan.placement.get(node)?.parent; p; p = this.plan.placement.get(p)?.parent) {
      if (!catchesHangup(p)) continue;
      const target = (p.attributes['goto'] ?? '').trim();
      const to = this.jump(p as ElementNode, target, 'catch goto');
      this.branch(p, 'hangup');
      this.emit(p as ElementNode, { type: 'catch', event: 'hangup', target, targetPath: this.plan.placement.get(to)!.path });
      return this.site(to).entered;
    }
    return this.end('caller-hangup');
  }

  /** Takes the next input if it is a hang-up (a caller ending a recording by hanging up). */
  takeHangup(): boolean {
    if (this.taken >= this.inputs.length || String(this.inputs[this.taken]).trim().toLowerCase() !== 'hangup') return false;
    this.taken++;
    return true;
  }

  /** The script's next input, trimmed, or `undefined` when all are taken. */
  private nextInput(): string | undefined {
    if (this.taken >= this.inputs.length) return undefined;
    const input = this.inputs[this.taken++];
    return (typeof input === 'string' ? input : String(input)).trim();
  }

  /** A made-up URL for a recording. */
  recordingUrl(name: string | undefined): string {
    this.recordings++;
    return `https://recordings.simulator.invalid/${encodeURIComponent(name || `recording-${this.recordings}`)}.mp3`;
  }

  // ---- values ------------------------------------------------------------------------------

  /** Where `node`'s events happen (see {@link Site}). */
  site(node: AnyElement): Site {
    if (node === this.lastNode) return this.lastSite!;
    let site = this.sites.get(node);
    if (!site) {
      const loc = node.loc;
      const handler = node.kind === '#unknown' ? UNKNOWN : (HANDLERS[node.kind] as SiteHandler);
      site = new Site(node, this.plan.placement.get(node)?.path, loc ? loc.line : undefined, handler);
      this.sites.set(node, site);
    }
    this.lastNode = node;
    this.lastSite = site;
    return site;
  }

  /** Notes a tag as reached (the first time only). */
  private reach(site: Site): void {
    if (site.reachedBy === this.id) return;
    site.reachedBy = this.id;
    this.reached.push(site.path!);
  }

  /**
   * Records an event built in its final shape, its `path` and `line` last (from the tag's
   * {@link Run.site}): the handlers build events so, as every event completed in one place
   * made that place's stores slow. A tag without a line (a tree built in code) drops `line`.
   */
  push(event: EventData & { path: string; line: number | undefined }): void {
    if (event.line === undefined) delete (event as { line?: number }).line;
    this.events.push(event as SimulationEvent);
  }

  /** Records an event at a tag other than the one running (the engine's caller hang-up and catch events). */
  emit(node: AnyElement, event: EventData): void {
    // Callers pass a fresh object: completing it in place is much cheaper than spreading it.
    const e = event as EventData & { path?: string; line?: number };
    const site = this.site(node);
    e.path = site.path ?? '/';
    if (site.line !== undefined) e.line = site.line;
    this.events.push(e as SimulationEvent);
  }

  /**
   * Notes something that does not stop the call but may be a mistake, at `node`: a warning
   * diagnostic of `rule`, with what was found in `data`. The same warning at the same place is kept once.
   */
  warn(node: AnyElement, rule: SimulationWarningRule, message: string, data: Readonly<Record<string, unknown>>): void {
    const path = this.plan.placement.get(node)?.path ?? '/';
    const key = `${rule}\u0000${path}\u0000${message}`;
    const warnings = (this.warnings ??= new Map());
    if (warnings.has(key)) return;
    warnings.set(key, { rule, severity: 'warning', message, path, ...(node.loc ? { line: node.loc.line, column: node.loc.column } : {}), data });
  }

  /** Marks a branch as taken, for coverage. */
  branch(node: AnyElement, label: string): void {
    const site = this.site(node);
    const marks = (site.branches ??= new Map());
    let mark = marks.get(label);
    if (mark === undefined) marks.set(label, (mark = new BranchMark(`${site.path!}#${label}`)));
    this.take(mark);
  }

  /** Notes a branch as taken (the first time only). */
  private take(mark: BranchMark): void {
    if (mark.takenBy === this.id) return;
    mark.takenBy = this.id;
    this.branches.push(mark.id);
  }

  /** `${…}` substitution with the call's variables. */
  sub(text: string): string {
    // most texts hold no reference: no callbacks made for them
    if (!text.includes('${')) return text;
    return substitute(text, lookupName, unsetName);
  }

  /** The trimmed, substituted text of a leaf tag. */
  text(node: ElementNode): string {
    return this.sub(writtenText(node));
  }

  /** A substituted attribute, or `undefined` when absent. */
  attr(node: ElementNode, name: string): string | undefined {
    const raw = node.attributes[name];
    return raw === undefined ? undefined : this.sub(raw).trim();
  }

  /**
   * Reads a setvar/stash/equal value, as the plan writes it, by the text-or-JavaScript rule
   * (see `language/value-rule.ts`), read before substitution as lint reads it: what a variable
   * holds never decides whether the value is code.
   */
  value(node: ElementNode, raw: string, what: string): { value: string; evaluated: boolean } {
    if (readsAsText(raw)) return { value: this.sub(raw.trim()), evaluated: false };
    return { value: this.code(node, raw, what), evaluated: true };
  }

  /** Evaluates a value that reads as JavaScript (see {@link Run.value}) to its text. */
  code(node: ElementNode, raw: string, what: string): string {
    return this.evaluate(node, raw, 'text', what) as string;
  }

  /** Evaluates a condition, as the plan writes it, as JavaScript. */
  truth(node: ElementNode, raw: string, what: string): boolean {
    if (raw.trim() === '') throw new SimulationFailure(`${what} is empty`, node);
    return this.evaluate(node, raw, 'boolean', what) as boolean;
  }

  /** Runs one expression with its `${…}` values passed as data (see `expression.ts`). */
  private evaluate(node: ElementNode, raw: string, mode: 'text' | 'boolean', what: string): string | boolean {
    try {
      const { source, bindings, plain } = prepareExpression(raw, referenceValue, this.js.memoryBytes);
      // literals, references and operators on them: no round trip to the evaluator's thread
      if (plain) return mode === 'text' ? String(plain.value) : Boolean(plain.value);
      const input = { bindings, clock: this.clock, deadline: this.deadline, shown: raw.trim() };
      return mode === 'text' ? this.js.toText(source, input) : this.js.toBoolean(source, input);
    } catch (e) {
      if (e instanceof ExpressionError) throw new SimulationFailure(`${what} failed: ${e.message}`, node);
      throw e;
    }
  }

  /** Notes a `${…}` that names no variable set (read as empty text). */
  unset(name: string): void {
    this.warn(this.current, 'unset-variable', `\${${name}} is not set; read as empty text`, { name });
  }

  /** A reference's value in an expression (see {@link prepareExpression}). */
  referenceValue(ref: string, name: string | undefined): string {
    // `${name}` holding no other reference: its variable, as substitute() would read it
    if (name === undefined) return this.sub(ref);
    const value = this.lookup(name);
    if (value !== undefined) return value;
    this.unset(name);
    return '';
  }

  /** A variable by full name, or `undefined` when unset. */
  lookup(name: string): string | undefined {
    const n = name.trim();
    if (n.startsWith('call.')) {
      const key = n.slice(5);
      if (key === 'path') return this.plan.placement.get(this.current)?.path;
      if (key.startsWith('field.')) return this.contactField(key.slice(6));
      return this.call.get(key) ?? CALL_DEFAULTS.get(key);
    }
    if (n.startsWith('global.')) return globalVariable(n.slice(7), this.clock);
    if (n.startsWith('contact.')) return this.contactField(n.slice(8));
    return this.vars.get(n);
  }

  private contactField(key: string): string | undefined {
    if (this.contact === undefined) return undefined;
    const exact = this.contact.get(key);
    if (exact !== undefined) return exact;
    const lower = key.toLowerCase();
    for (const [k, v] of this.contact) if (k.toLowerCase() === lower) return v;
    return undefined;
  }

  // ---- endless loops -----------------------------------------------------------------------

  private loopFailure(maxSteps: number): SimulationFailure {
    const last = this.recent.at(-1);
    const previous = last ? this.recent.lastIndexOf(last, this.recent.length - 2) : -1;
    if (previous < 0) {
      // no tag came round again: the plan is long, not looping; say which limit stopped it
      return new SimulationFailure(
        `stopped after ${maxSteps} steps: the step limit (maxSteps, --max-steps) was reached with no tag repeating; raise it for a plan this long`,
        last,
      );
    }
    let cycle = this.recent.slice(previous + 1);
    const start = cycle.findIndex((n) => n.kind === 'goto');
    if (start > 0) cycle = [...cycle.slice(start), ...cycle.slice(0, start)];
    const shown = cycle.slice(0, 12).map((n) => describe(n)).join(' → ');
    const more = cycle.length > 12 ? ` → … (${cycle.length} tags per round)` : '';
    return new SimulationFailure(`stopped after ${maxSteps} steps: endless loop through ${shown}${more} (the step limit is maxSteps, --max-steps)`, cycle[0] ?? last);
  }
}

/** A map's entries as an object's own properties, as `Object.fromEntries` makes them (which takes a slower, generic path). */
function plainObject(map: ReadonlyMap<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of map) {
    // an assignment to __proto__ would set the prototype instead of adding the property
    if (k === '__proto__') Object.defineProperty(out, k, { value: v, writable: true, enumerable: true, configurable: true });
    else out[k] = v;
  }
  return out;
}

/** Fails on a field `known` does not list, naming the field (and what it is called now, for renamed ones). */
function checkFields(given: object, known: ReadonlySet<string>, what: string, renamed: Readonly<Record<string, string>>): void {
  for (const field of Object.keys(given)) {
    if (known.has(field)) continue;
    const now = Object.hasOwn(renamed, field) ? ` (it is called "${renamed[field]}")` : '';
    throw new SimulationFailure(`unknown ${what} field "${field}"${now}; known: ${[...known].join(', ')}`);
  }
}

/** `<goto> "Menu" (line 21)`, for messages. */
function describe(node: AnyElement): string {
  const tag = node.kind === '#unknown' ? node.name : node.kind;
  const name = node.attributes['name'];
  const label = tag === 'goto' ? `<goto>${textOf(node)}</goto>` : tag === 'keypress' ? `<keypress pressed="${node.attributes['pressed'] ?? ''}">` : name ? `<${tag} name="${name}">` : `<${tag}>`;
  return node.loc ? `${label} (line ${node.loc.line})` : label;
}
