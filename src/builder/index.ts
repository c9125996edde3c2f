/**
 * The fluent DSL: write a dialplan in TypeScript, get the syntax tree or CallFire XML.
 *
 * @module
 */
export { dialplan, DialplanBuilder, type Plan } from './dialplan.js';
export { ActionsBuilder, BlockBuilder, MenuBuilder, AmdBuilder, type BlockBody, type MenuBody } from './actions.js';
export type * from './options.js';
export { KEY_PATTERN, type AttributesOf, type EnumValues, type KeyPattern, type Digit, type Voice, type PlayType, type MusicOnHold, type TransferMode, type CatchType } from './values.js';
// The variable helpers, so a flow needs one import: `import { dialplan, call, ref } from 'callfire-dialplan'`.
export { ref, call, global, contact, type VariableRef, type ContactColumn } from '../language/variables.js';
