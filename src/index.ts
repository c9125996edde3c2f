/**
 * callfire-dialplan: write CallFire IVR dialplans in TypeScript, validate and lint them,
 * simulate calls, and send them as IVR broadcasts.
 *
 * @packageDocumentation
 */
export * from './language/catalog.js';
export * from './language/variables.js';
export * from './ast/nodes.js';
export * from './ast/visit.js';
export * from './validate/diagnostic.js';
export { compile, type CompileOptions } from './compile/compile.js';
export { parse, type ParseResult } from './parse/parse.js';
export * from './graph/index.js';
