/**
 * Where the project's schema files live. The same relative path works from `src/broadcast/`
 * (tests, tsx) and from `dist/broadcast/` (the published package), since both sit two levels
 * below the package root next to `schemas/`.
 *
 * @module
 */
import { fileURLToPath } from 'node:url';

/**
 * The absolute path of a file in the package's `schemas/` folder.
 *
 * @example
 * ```ts
 * schemaPath('send-call.schema.json'); // '/.../node_modules/callfire-dialplan/schemas/send-call.schema.json'
 * ```
 */
export function schemaPath(file: string): string {
  return fileURLToPath(new URL(`../../schemas/${file}`, import.meta.url));
}
