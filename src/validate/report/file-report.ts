/**
 * The findings of one file, the unit every report format prints. Shared by `dialplan validate`
 * and `dialplan lint`, so both print the same shapes.
 *
 * @module
 */
import type { Diagnostic } from '../diagnostic.js';

/** The diagnostics found in one file. @category Reports */
export interface FileReport {
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
  /**
   * The file is a flow written with the DSL: lines are where its builder calls were made, and
   * the stylish report shows each finding's XML path beside them.
   */
  readonly flow?: boolean;
}

/**
 * Whether a finding's `path` names a part of its file worth printing beside the file's name:
 * not the whole document (`/` of a dialplan, `''` of a JSON file such as a config that cannot
 * be read), which the name already says.
 */
export function namesAPart(path: string): boolean {
  return path !== '' && path !== '/';
}

/** Counts errors and warnings over several files. */
export function tally(reports: readonly FileReport[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const r of reports) for (const d of r.diagnostics) d.severity === 'error' ? errors++ : warnings++;
  return { errors, warnings };
}
