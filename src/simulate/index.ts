/**
 * The call simulator: run a dialplan offline with a scripted caller, assert what the call did,
 * measure coverage and generate scenarios.
 *
 * @module
 */
export { simulate, toDocument } from './simulate.js';
export type * from './types.js';
export { loadEvaluator, ExpressionError, type Evaluator } from './evaluator.js';
export { isJavaScriptValue } from '../language/value-rule.js';
export { substitute as substituteVariables, type Lookup } from './substitute.js';
export { formatTranscript, describeEvent } from './transcript.js';
export { coverage as callCoverage, formatCoverage, planBranches, type CoverageReport, type BranchCoverage, type MissedTag } from './coverage.js';
export { check as checkExpectation, parseExpectation, toPattern, type Expectation, type Check } from './expectations.js';
export {
  expectCall,
  checkCall,
  callMatchers,
  CallExpectation,
  CallAssertionError,
  type CallChecks,
  type CallMatchers,
  type MatcherResult,
  type CallResultLike,
} from './expect-call.js';
export { parseScenarioFile, runScenario, ScenarioError, type Scenario, type ScenarioFile, type ScenarioOutcome } from './scenario.js';
export { generateScenarios, scenarioToData, type GenerateOptions, type GeneratedScenarios } from './generate.js';
