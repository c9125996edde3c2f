/**
 * The toolkit's limits, for validate/, lint and everything above them. They are defined in
 * ast/limits.ts, below the parser, so parse/ need not import from validate/.
 *
 * @module
 */
export * from '../ast/limits.js';
