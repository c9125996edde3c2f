/**
 * The folder of the installed callfire-dialplan package, found from this file so that it
 * works from `src/` (tsx, vitest) and from `dist/` after a build, wherever it is installed.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The package's root folder: the nearest one up from here holding `schemas/dialplan.xsd`. */
export function packageRoot(): string {
  if (cached !== undefined) return cached;
  // Walk up rather than count levels, so a different output layout still finds it.
  // Bounded: a package is never deep.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'schemas', 'dialplan.xsd'))) return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('schemas/dialplan.xsd was not found next to the callfire-dialplan package; is the package complete?');
}
