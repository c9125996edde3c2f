/**
 * Scenario files: scripted calls with expectations, in YAML or JSON, run by `dialplan test`.
 *
 * ```yaml
 * plan: ../survey.xml           # relative to this file; .xml or a flow module (.ts)
 * scenarios:
 *   - name: caller confirms
 *     answer: live              # live | machine
 *     keys: [1, timeout]        # or "1,timeout"; quote keys with leading zeros: "01"
 *     vars: { Counter: 0 }
 *     contact: { firstName: Ann }
 *     call: { callerid: "13235550100" }
 *     clock: 2026-01-05T15:00:00Z
 *     http: [{ url: "https://example.com/acct*", body: "True" }]
 *     transfer: { default: answered, "12135551234": busy }
 *     expect:
 *       - stashes confirmed=yes
 *       - says text matching /thank you/i
 *       - transfers to: 12135551234
 *       - ends with hangup
 * ```
 *
 * @module
 */
import type * as Yaml from 'yaml';
import { check, parseExpectation, type Check, type Expectation } from './expectations.js';
import { passedPlan, type PlanSource } from '../ast/nodes.js';
import { simulate } from './simulate.js';
import { onDemand } from '../util/on-demand.js';
import { jsonSyntaxError } from '../util/json-positions.js';
import type { Answer, HttpResponse, Script, SimulationResult, TransferOutcome } from './types.js';

const yaml = onDemand<typeof Yaml>('yaml');

/** One scenario: a script and what the call must do. @category Scenarios */
export interface Scenario {
  readonly name: string;
  /** Overrides the file's plan for this scenario. */
  readonly plan?: string;
  readonly script: Script;
  readonly expect: readonly Expectation[];
}

/** A scenario file, read and checked. @category Scenarios */
export interface ScenarioFile {
  /** The plan path as written (relative to the scenario file). */
  readonly plan?: string;
  readonly scenarios: readonly Scenario[];
}

/** What running one scenario gave. @category Scenarios */
export interface ScenarioOutcome {
  readonly name: string;
  readonly pass: boolean;
  readonly checks: readonly Check[];
  readonly result: SimulationResult;
}

/** A scenario file that cannot be read, with the place of the mistake. @category Scenarios */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
}

const OUTCOMES: readonly TransferOutcome[] = ['answered', 'no-answer', 'busy'];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function strings(v: unknown, where: string): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!isRecord(v)) throw new ScenarioError(`${where} must be a mapping of names to values`);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x instanceof Date ? x.toISOString() : String(x)]));
}

function readScenario(raw: unknown, where: string): Scenario {
  if (!isRecord(raw)) throw new ScenarioError(`${where} must be a mapping with name, keys and expect`);
  const name = raw['name'] === undefined ? where : String(raw['name']);
  const at = `${where} (${JSON.stringify(name)})`;
  const known = new Set(['name', 'plan', 'answer', 'keys', 'vars', 'contact', 'call', 'clock', 'http', 'transfer', 'seed', 'expect']);
  for (const k of Object.keys(raw)) {
    if (known.has(k)) continue;
    const renamed = k === 'inputs' ? ' (the caller\'s inputs are called "keys")' : '';
    throw new ScenarioError(`${at}: unknown field "${k}"${renamed} (known: ${[...known].join(', ')})`);
  }

  const answer = raw['answer'];
  if (answer !== undefined && answer !== 'live' && answer !== 'machine') throw new ScenarioError(`${at}: answer must be live or machine`);
  const keysRaw = raw['keys'];
  const keys =
    keysRaw === undefined || keysRaw === null
      ? []
      : typeof keysRaw === 'string' || typeof keysRaw === 'number'
        ? String(keysRaw).split(',').map((k) => k.trim()).filter((k) => k !== '')
        : Array.isArray(keysRaw)
          ? keysRaw.map(String)
          : (() => {
              throw new ScenarioError(`${at}: keys must be a list or a comma-separated string`);
            })();

  let http: HttpResponse[] | undefined;
  if (raw['http'] !== undefined) {
    if (!Array.isArray(raw['http'])) throw new ScenarioError(`${at}: http must be a list of { url, body }`);
    http = raw['http'].map((h, i) => {
      if (!isRecord(h) || typeof h['url'] !== 'string') throw new ScenarioError(`${at}: http[${i}] needs a url`);
      const method = h['method'] === undefined ? undefined : String(h['method']).toLowerCase();
      if (method !== undefined && method !== 'get' && method !== 'post') throw new ScenarioError(`${at}: http[${i}].method must be get or post`);
      return { url: h['url'], body: h['body'] === undefined ? '' : String(h['body']), ...(method ? { method } : {}), ...(h['status'] !== undefined ? { status: Number(h['status']) } : {}) };
    });
  }

  let transfer: Script['transfer'];
  const t = raw['transfer'];
  if (typeof t === 'string') {
    if (!OUTCOMES.includes(t as TransferOutcome)) throw new ScenarioError(`${at}: transfer must be one of ${OUTCOMES.join(', ')}`);
    transfer = t as TransferOutcome;
  } else if (t !== undefined) {
    const map = strings(t, `${at}: transfer`);
    for (const [k, v] of Object.entries(map)) if (!OUTCOMES.includes(v as TransferOutcome)) throw new ScenarioError(`${at}: transfer "${k}" must be one of ${OUTCOMES.join(', ')}`);
    transfer = map as Record<string, TransferOutcome>;
  }

  const clock = raw['clock'];
  const expectRaw = raw['expect'] ?? [];
  if (!Array.isArray(expectRaw)) throw new ScenarioError(`${at}: expect must be a list`);
  const expect = expectRaw.map((e, i) => {
    try {
      if (typeof e !== 'string' && !isRecord(e)) throw new Error('must be a sentence or a { kind: value } mapping');
      return parseExpectation(e);
    } catch (err) {
      throw new ScenarioError(`${at}: expect[${i}]: ${(err as Error).message}`);
    }
  });

  const seed = raw['seed'];
  if (seed !== undefined && !Number.isInteger(seed)) throw new ScenarioError(`${at}: seed must be a whole number`);

  const script: Script = {
    keys,
    ...(typeof seed === 'number' ? { seed } : {}),
    ...(answer ? { answer: answer as Answer } : {}),
    ...(raw['vars'] !== undefined ? { vars: strings(raw['vars'], `${at}: vars`) } : {}),
    ...(raw['contact'] !== undefined ? { contact: strings(raw['contact'], `${at}: contact`) } : {}),
    ...(raw['call'] !== undefined ? { call: strings(raw['call'], `${at}: call`) } : {}),
    ...(clock !== undefined ? { clock: clock instanceof Date ? clock.toISOString() : String(clock) } : {}),
    ...(http ? { http } : {}),
    ...(transfer !== undefined ? { transfer } : {}),
  };
  return { name, script, expect, ...(typeof raw['plan'] === 'string' ? { plan: raw['plan'] } : {}) };
}

/**
 * Reads a scenario file: YAML (JSON is YAML too). The top level is `{ plan, scenarios: [...] }`,
 * or one scenario, or a list of scenarios.
 *
 * @example
 * ```ts
 * const file = parseScenarioFile(readFileSync('survey.scenarios.yaml', 'utf8'), 'survey.scenarios.yaml');
 * file.plan;                       // '../survey.xml'
 * file.scenarios[0]?.script.keys; // ['1', 'timeout']
 * ```
 * @throws ScenarioError naming the file and the scenario at fault.
 * @category Scenarios
 */
export function parseScenarioFile(text: string, file = 'scenario file'): ScenarioFile {
  let data: unknown;
  const json = file.toLowerCase().endsWith('.json');
  try {
    data = json ? JSON.parse(text) : yaml().parse(text);
  } catch (e) {
    // V8's JSON message gives an offset and a copy of the text; say line and column instead
    if (json && e instanceof SyntaxError) {
      const { line, column, reason } = jsonSyntaxError(text, e);
      throw new ScenarioError(`${file}:${line}:${column}: cannot read: ${reason}`);
    }
    throw new ScenarioError(`${file}: cannot read: ${(e as Error).message}`);
  }
  const plan = isRecord(data) && typeof data['plan'] === 'string' ? data['plan'] : undefined;
  const list = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data['scenarios']) ? data['scenarios'] : isRecord(data) && 'expect' in data ? [data] : undefined;
  if (!list) throw new ScenarioError(`${file}: expected { plan, scenarios: [...] } or a list of scenarios`);
  const scenarios = list.map((s, i) => readScenario(s, `${file}: scenarios[${i}]`));
  if (scenarios.length === 0) throw new ScenarioError(`${file}: no scenarios`);
  return { scenarios, ...(plan ? { plan } : {}) };
}

/**
 * Runs one scenario against a plan and judges its expectations.
 *
 * @example
 * ```ts
 * const outcome = await runScenario(xml, file.scenarios[0]!);
 * for (const c of outcome.checks.filter((c) => !c.pass)) console.log(c.expected, '≠', c.actual);
 * ```
 * @category Scenarios
 */
export async function runScenario(plan: PlanSource, scenario: Scenario): Promise<ScenarioOutcome> {
  const result = await simulate(passedPlan(plan, 'runScenario()'), scenario.script);
  const checks = scenario.expect.map((e) => check(result, e));
  // A scenario without expectations still fails when the simulation itself failed.
  const implicit = scenario.expect.length === 0 && result.ended === 'error' ? [{ pass: false, expected: 'completes without a simulation error', actual: result.error?.message ?? 'error' }] : [];
  const all = [...checks, ...implicit];
  return { name: scenario.name, pass: all.every((c) => c.pass), checks: all, result };
}
