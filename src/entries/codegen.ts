/**
 * `callfire-dialplan/codegen`: CallFire XML turned into a TypeScript flow written with the DSL
 * (`dialplan convert`).
 *
 * @module callfire-dialplan/codegen
 */
export { ConversionError, toTypeScript, type TypeScriptOptions, type TypeScriptResult } from '../codegen/typescript.js';
