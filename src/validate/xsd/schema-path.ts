/**
 * Where `schemas/dialplan.xsd` lives.
 *
 * @module
 */
import { join } from 'node:path';
import { packageRoot } from '../../util/package-root.js';

/**
 * The absolute path of the dialplan XSD shipped with this package, for editors, `xmllint`
 * or other validators.
 *
 * @example
 * ```ts
 * import { execFileSync } from 'node:child_process';
 * execFileSync('xmllint', ['--noout', '--schema', dialplanSchemaPath(), 'plan.xml']);
 * ```
 * @category Validation
 */
export function dialplanSchemaPath(): string {
  return join(packageRoot(), 'schemas', 'dialplan.xsd');
}
