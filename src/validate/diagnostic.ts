/**
 * The diagnostic shape, for validate/, lint, the reports and everything above them. It is
 * defined in ast/diagnostic.ts, below the parser, so parse/ need not import from validate/.
 *
 * @module
 */
export * from '../ast/diagnostic.js';
