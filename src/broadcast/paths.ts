/**
 * Where the project's schema files live: `schemas/` in the package root, found the same way
 * as the dialplan XSD (see `util/package-root.ts`), from `src/` and from `dist/` alike.
 *
 * @module
 */
import { join } from 'node:path';
import { packageRoot } from '../util/package-root.js';

/**
 * The absolute path of a file in the package's `schemas/` folder.
 *
 * @example
 * ```ts
 * schemaPath('send-call.schema.json'); // '/.../node_modules/callfire-dialplan/schemas/send-call.schema.json'
 * ```
 */
export function schemaPath(file: string): string {
  return join(packageRoot(), 'schemas', file);
}
