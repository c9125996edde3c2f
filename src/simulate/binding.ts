/**
 * The values an expression reads through its references. Its own file so that the evaluators
 * (evaluator.ts, plain-expression.ts) name it without importing expression.ts, which imports
 * them (issue 14).
 *
 * @module
 */

/** A value an expression reads through a reference. */
export type Binding = string | number | boolean;
