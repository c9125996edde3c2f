/**
 * The simulator's entry point.
 *
 * @module
 */
import { treeOf, type DocumentNode, type PlanSource } from '../ast/nodes.js';
import { parse } from '../parse/parse.js';
import { Run } from './engine.js';
import { loadEvaluator, type EvaluatorOptions } from './evaluator.js';
import { indexPlan } from '../ast/plan-index.js';
import type { Script, SimulateOptions, SimulationResult } from './types.js';

/** Turns any plan form into a syntax tree, or reports why the XML cannot be read. */
export function toDocument(plan: PlanSource): { document?: DocumentNode; error?: { message: string; line?: number } } {
  if (typeof plan === 'string') {
    const { document, diagnostics } = parse(plan);
    if (document) return { document };
    const d = diagnostics[0];
    return { error: { message: d ? `the plan is not a readable dialplan: ${d.message}` : 'the plan is not a readable dialplan', ...(d?.line ? { line: d.line } : {}) } };
  }
  return { document: treeOf(plan, 'simulate()') };
}

/** Options of no evaluator limit or seed, shared by the simulations that give none (most: nothing to spread per call). */
const DEFAULT_EVALUATOR: EvaluatorOptions = {};

function evaluatorOptions(script: Script, options: SimulateOptions): EvaluatorOptions {
  if (options.expressionTimeoutMs === undefined && options.expressionMemoryBytes === undefined && typeof script.seed !== 'number') return DEFAULT_EVALUATOR;
  return {
    ...(options.expressionTimeoutMs !== undefined ? { timeoutMs: options.expressionTimeoutMs } : {}),
    ...(options.expressionMemoryBytes !== undefined ? { memoryBytes: options.expressionMemoryBytes } : {}),
    ...(typeof script.seed === 'number' ? { seed: script.seed } : {}),
  };
}

/**
 * Runs one scripted call through a dialplan, offline and deterministically.
 *
 * Resolves with the trace whatever the plan does: a plan that is not well-formed XML, a
 * failing expression, a missing goto target, an endless loop, a budget run out (steps, time,
 * an expression's time or memory: see {@link SimulateOptions}) or an unknown script or option
 * field end the call with `ended: 'error'` and an `error` naming the line or the limit. It
 * rejects only with a TypeError naming `simulate()` when `plan` is no plan at all (a number, an
 * object that is neither a builder nor a tree): a mistake in the calling code, not in the plan.
 * Expressions run in an isolated QuickJS evaluator (loaded once, asynchronously, which is why
 * this function is async).
 *
 * @example
 * ```ts
 * const result = await simulate(xml, { answer: 'live', keys: ['1'] });
 * result.ended;   // 'transfer'
 * result.stashed; // { confirmed: 'yes' }
 * result.events.filter((e) => e.type === 'play').map((e) => e.text);
 * ```
 * @category Simulation
 */
export async function simulate(plan: PlanSource, script: Script = {}, options: SimulateOptions = {}): Promise<SimulationResult> {
  const { document, error } = toDocument(plan);
  if (!document) {
    const message = error?.message ?? 'no plan';
    return {
      events: [{ type: 'error', message, path: '/', ...(error?.line ? { line: error.line } : {}) }],
      variables: {},
      stashed: {},
      ended: 'error',
      error: { message, ...(error?.line ? { line: error.line } : {}), path: '/' },
      reached: [],
      branches: [],
      warnings: [],
    };
  }
  const js = await loadEvaluator(evaluatorOptions(script, options));
  try {
    return new Run(indexPlan(document), script, js, options).execute();
  } finally {
    // the simulation's own runtime and context: nothing of it is left for the next one
    js.dispose();
  }
}
