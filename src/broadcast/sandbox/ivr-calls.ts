/**
 * What an answered IVR call reports: the sandbox runs the broadcast's dialplan through the
 * project's call simulator, with the person (or machine) that answered and the keys they
 * press chosen from the number, and keeps the `<stash>` values the plan stored. CallFire
 * reports those as the call's QuestionResponse.
 *
 * @module
 */
import { simulate } from '../../simulate/simulate.js';
import { hash } from './outcomes.js';

/** A call to play through the plan. */
export interface IvrCall {
  readonly id: number;
  readonly number: string;
  readonly answer: 'live' | 'machine';
  readonly contact?: Readonly<Record<string, string>>;
}

// What callers press at each menu, picked per number: mostly the first choices, sometimes
// nothing at all (timeout) or a key the menu may not know.
const KEYS = ['1', '1', '1', '2', '0', 'timeout', '1', '9'];

/** The keys `number` presses, one per menu it meets. */
export function keysFor(number: string): string[] {
  return [0, 1, 2, 3].map((i) => KEYS[hash(`${number}/key${i}`) % KEYS.length]!);
}

/**
 * What one simulated call may use: the simulator's own step and time budget. A plan that
 * runs out reports nothing for its call.
 */
export interface SimulationBudget {
  readonly maxSteps?: number;
  readonly timeLimitMs?: number;
}

/** The sandbox's budget: a demo call is short; a plan that is not gets cut off quickly. */
export const SANDBOX_BUDGET: SimulationBudget = { maxSteps: 10_000, timeLimitMs: 2000 };

// Distinct simulations per broadcast; beyond this, calls report no stash values. A plan
// without contact fields repeats a handful of paths, so the cache covers any list size.
const MAX_RUNS = 1000;

/**
 * The stash values of each call, by call id. Never rejects: a call whose simulation fails
 * reports nothing.
 */
export async function stashesOf(plan: string, calls: readonly IvrCall[], budget: SimulationBudget = SANDBOX_BUDGET): Promise<Map<number, [string, string][]>> {
  const out = new Map<number, [string, string][]>();
  const cache = new Map<string, [string, string][] | undefined>();
  for (const call of calls) {
    const inputs = keysFor(call.number);
    const key = `${call.answer}|${inputs.join(',')}|${JSON.stringify(call.contact ?? {})}`;
    if (!cache.has(key)) {
      if (cache.size >= MAX_RUNS) continue;
      try {
        const result = await simulate(plan, { answer: call.answer, keys: inputs, ...(call.contact ? { contact: call.contact } : {}), call: { phonenumber: call.number } }, budget);
        cache.set(key, result.ended === 'error' ? undefined : Object.entries(result.stashed));
      } catch {
        cache.set(key, undefined);
      }
    }
    const stashed = cache.get(key);
    if (stashed !== undefined && stashed.length > 0) out.set(call.id, stashed);
  }
  return out;
}
