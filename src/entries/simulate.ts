/**
 * `callfire-dialplan/simulate`: run a dialplan offline with a scripted caller, check what the
 * call did, measure coverage, run scenario files and generate scenarios. The assertions for
 * tests are in `callfire-dialplan/testing`.
 *
 * @module callfire-dialplan/simulate
 */
export { simulate } from '../simulate/simulate.js';
export type * from '../simulate/types.js';
export { loadEvaluator, ExpressionError, type Evaluator, type EvaluatorOptions, type EvaluationInput } from '../simulate/evaluator.js';
export { isJavaScriptValue } from '../language/value-rule.js';
export { substitute as substituteVariables, type Lookup } from '../simulate/substitute.js';
export { formatTranscript, describeEvent } from '../simulate/transcript.js';
export { coverage as callCoverage, formatCoverage, planBranches, type CoverageReport, type BranchCoverage, type MissedTag } from '../simulate/coverage.js';
export { check as checkExpectation, parseExpectation, toPattern, type Expectation, type Check } from '../simulate/expectations.js';
export { parseScenarioFile, runScenario, ScenarioError, type Scenario, type ScenarioFile, type ScenarioOutcome } from '../simulate/scenario.js';
export { generateScenarios, scenarioToData, type GenerateOptions, type GeneratedScenarios } from '../simulate/generate.js';
