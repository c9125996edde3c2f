/**
 * `callfire-dialplan/diff`: semantic diffs of dialplans, two plans compared as call flows.
 *
 * @module callfire-dialplan/diff
 */
export * from '../diff/index.js';
