/**
 * Generating scenarios that reach every reachable branch of a plan.
 *
 * A breadth-first search over scripts: each run that stops because the scripted inputs ran
 * out at a menu is extended with one input per keypress of that menu (its digit, a range's
 * lower bound, `timeout`, and for `default` a key no other keypress takes). The seeds vary
 * what is not input: the `<amd>` answer, the clock (only when the plan reads `${global.*}`)
 * and the transfer outcome (only when it transfers). A greedy set cover then picks few runs
 * that together reach every branch and tag any run reached.
 * Branches that depend on variables, contact data or HTTP answers may stay unreached.
 *
 * @module
 */
import type { DocumentNode, ElementNode, PlanSource } from '../ast/nodes.js';
import { check, type Expectation } from './expectations.js';
import { matchesEntry } from '../language/key-pattern.js';
import { menuKeys, sampleInput } from './keypress.js';
import { indexPlan } from '../ast/plan-index.js';
import type { Scenario } from './scenario.js';
import { simulate } from './simulate.js';
import type { Answer, Script, SimulationResult, TransferOutcome } from './types.js';
import { planTree } from '../parse/plan-tree.js';

/** Limits of the search. @category Scenarios */
export interface GenerateOptions {
  /** Simulations to try at most; 2,000 by default. */
  readonly maxRuns?: number;
  /** Inputs per call at most; 12 by default. */
  readonly maxInputs?: number;
}

const UNMATCHED_CANDIDATES = ['9', '0', '8', '7', '6', '5', '4', '3', '2', '1', '99', '999', '*'];

/** The inputs worth trying at a menu, by the menu's path (a run reports where it waited). */
function menuInputsByPath(document: DocumentNode): (menuPath: string) => readonly string[] {
  const index = indexPlan(document);
  const byPath = new Map<string, ElementNode>();
  for (const e of index.elements) if (e.kind === 'menu') byPath.set(index.placement.get(e)!.path, e);
  const cache = new Map<string, readonly string[]>();
  return (menuPath) => {
    let inputs = cache.get(menuPath);
    if (!inputs) {
      const menu = byPath.get(menuPath);
      inputs = menu ? menuInputs(menu) : [];
      cache.set(menuPath, inputs);
    }
    return inputs;
  };
}

function menuInputs(menu: ElementNode): string[] {
  const { patterns } = menuKeys(menu);
  const out = new Set<string>();
  for (const p of patterns) {
    if (p.kind === 'default') {
      const free = UNMATCHED_CANDIDATES.find((c) => !patterns.some((x) => matchesEntry(x, c)));
      if (free) out.add(free);
    } else {
      const s = sampleInput(p);
      if (s) out.add(s);
    }
  }
  // Without a timeout handler, a timeout falls through: worth a try for what follows the menu.
  if (!patterns.some((p) => p.kind === 'timeout')) out.add('timeout');
  return [...out];
}

function seeds(document: DocumentNode): Script[] {
  const index = indexPlan(document);
  const kinds = new Set(index.elements.map((e) => e.kind));
  const usesClock = index.elements.some((e) => Object.values(e.attributes).some((v) => v.includes('${global.')) || e.children.some((c) => c.kind === '#text' && c.text.includes('${global.')));
  const answers: Answer[] = kinds.has('amd') ? ['live', 'machine'] : ['live'];
  const clocks: Array<string | undefined> = [undefined];
  if (usesClock) {
    // A week from Sunday 4 January 2026, at night, morning, afternoon and evening (UTC).
    for (let day = 4; day <= 10; day++) for (const hour of [3, 10, 15, 22]) clocks.push(`2026-01-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`);
  }
  const transfers: Array<TransferOutcome | undefined> = kinds.has('transfer') ? [undefined, 'no-answer'] : [undefined];
  const out: Script[] = [];
  for (const answer of answers) for (const clock of clocks) for (const transfer of transfers) {
    out.push({ ...(kinds.has('amd') ? { answer } : {}), ...(clock ? { clock } : {}), ...(transfer ? { transfer } : {}), keys: [] });
  }
  return out;
}

/** What a run reached, each entry once (branches and reached are sets already). */
function footprint(r: SimulationResult): string[] {
  return [...r.branches.map((b) => `b:${b}`), ...r.reached.map((p) => `t:${p}`)];
}

function describeScript(s: Script): string {
  const parts: string[] = [];
  if (s.answer) parts.push(s.answer === 'live' ? 'a person answers' : 'a machine answers');
  if (s.clock) parts.push(`at ${String(s.clock)}`);
  if (s.transfer) parts.push(`transfers ${String(s.transfer)}`);
  const keys = (s.keys ?? []).map(String);
  parts.push(keys.length === 0 ? 'no input' : `presses ${keys.join(', ')}`);
  return parts.join(', ');
}

/** Expectations that hold for a run, so the generated scenario passes and guards against regressions. */
function expectationsOf(r: SimulationResult): Expectation[] {
  const out: Expectation[] = [];
  for (const e of r.events) if (e.type === 'transfer') out.push({ transfersTo: e.numbers[0]! });
  if (Object.keys(r.stashed).length > 0) out.push({ stashes: r.stashed });
  for (const e of r.events) if (e.type === 'sms') out.push({ sendsSms: e.to });
  out.push(r.ended === 'error' ? { fails: r.error?.message ?? '' } : { endsWith: r.ended });
  return out.filter((e) => check(r, e).pass);
}

/** Scenarios found by {@link generateScenarios}, with how much they cover. @category Scenarios */
export interface GeneratedScenarios {
  readonly scenarios: Scenario[];
  /** The simulated call of each scenario, in the same order (for coverage without running them again). */
  readonly results: SimulationResult[];
  /** How many simulations the search ran. */
  readonly runs: number;
}

/**
 * Finds a small set of scripted calls that together reach every branch the search can reach.
 *
 * @example
 * ```ts
 * const { scenarios } = await generateScenarios(doc);
 * scenarios.map((s) => s.name); // ['presses 1', 'presses 2', 'presses timeout', ...]
 * ```
 * @category Scenarios
 */
export async function generateScenarios(plan: PlanSource, options: GenerateOptions = {}): Promise<GeneratedScenarios> {
  const document = planTree(plan, 'generateScenarios()');
  const maxRuns = options.maxRuns ?? 2000;
  const maxInputs = options.maxInputs ?? 12;
  const queue: Script[] = seeds(document);
  const inputsAt = menuInputsByPath(document);
  const kept: Array<{ script: Script; result: SimulationResult; footprint: readonly string[] }> = [];
  let runs = 0;
  while (queue.length > 0 && runs < maxRuns) {
    const script = queue.shift()!;
    const result = await simulate(document, script);
    runs++;
    // Every run is a candidate for the cover below: a longer call may reach what several short ones do.
    kept.push({ script, result, footprint: footprint(result) });
    const last = result.events.at(-1);
    const keys = script.keys ?? [];
    if (last?.type === 'caller-hangup' && last.reason === 'inputs-exhausted' && keys.length < maxInputs) {
      for (const input of inputsAt(last.path)) queue.push({ ...script, keys: [...keys, input] });
    }
  }
  // Greedy set cover: take the run that adds most of what is still uncovered, until nothing is.
  const chosen: typeof kept = [];
  const uncovered = new Set(kept.flatMap((k) => k.footprint));
  while (uncovered.size > 0) {
    let best = kept[0]!;
    let gain = -1;
    for (const k of kept) {
      let g = 0;
      for (const f of k.footprint) if (uncovered.has(f)) g++;
      if (g > gain || (g === gain && (k.script.keys?.length ?? 0) < (best.script.keys?.length ?? 0))) {
        best = k;
        gain = g;
      }
    }
    if (gain <= 0) break;
    chosen.push(best);
    for (const f of best.footprint) uncovered.delete(f);
  }
  // Keep the search's order (short calls first) for reading.
  const picked = new Set(chosen);
  const inOrder = kept.filter((k) => picked.has(k));
  kept.length = 0;
  for (const k of inOrder) kept.push(k);
  const scenarios = kept.map(({ script, result }) => ({ name: describeScript(script), script, expect: expectationsOf(result) }));
  return { scenarios, results: kept.map((k) => k.result), runs };
}

/** A scenario as the plain data a YAML/JSON scenario file holds. @category Scenarios */
export function scenarioToData(s: Scenario): Record<string, unknown> {
  const { keys, http: _http, ...rest } = s.script;
  return {
    name: s.name,
    ...rest,
    keys: (keys ?? []).map(String),
    expect: s.expect.map((e) => {
      const [k, v] = Object.entries(e)[0]!;
      return { [k]: v instanceof RegExp ? String(v) : v };
    }),
  };
}
