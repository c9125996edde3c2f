/**
 * Where `schemas/dialplan.xsd` lives, found relative to this package so that it works from
 * `src/` (tsx, vitest) and from `dist/` after a build, wherever the package is installed.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The absolute path of the dialplan XSD shipped with this package, for editors, `xmllint`
 * or other validators.
 *
 * @example
 * ```ts
 * import { execFileSync } from 'node:child_process';
 * execFileSync('xmllint', ['--noout', '--schema', dialplanSchemaPath(), 'plan.xml']);
 * ```
 */
export function dialplanSchemaPath(): string {
  if (cached !== undefined) return cached;
  // This file sits at <package>/{src,dist}/validate/xsd/; walk up rather than count levels,
  // so a different output layout still finds the schema. Bounded: a package is never deep.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'schemas', 'dialplan.xsd');
    if (existsSync(candidate)) return (cached = candidate);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('schemas/dialplan.xsd was not found next to the callfire-dialplan package; is the package complete?');
}
