/**
 * `callfire-dialplan/testing`: assertions on a simulated call for any test runner
 * (`expectCall`), and the same checks as vitest/jest matchers (`callMatchers`).
 *
 * @module callfire-dialplan/testing
 */
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
} from '../simulate/expect-call.js';
