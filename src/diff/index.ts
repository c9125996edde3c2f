/**
 * Semantic diffs of dialplans: two plans compared as call flows.
 *
 * @module
 */
export { diffPlans, type ChangeKind, type FieldChange, type PlanChange, type PlanDiff, type PlanLocation } from './diff.js';
export { describeChange, diffOverlay, diffToJson, formatDiff } from './format.js';
export { matchPlans, type Matching } from './match.js';
