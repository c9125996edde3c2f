/**
 * The CLI's own package metadata, read from package.json once: `dialplan --version` and the
 * SARIF tool version of `dialplan lint` print the same number.
 *
 * @module
 */
import { readFileSync } from 'node:fs';

let version: string | undefined;

/** The version in the package's package.json (two folders up, from src/cli or dist/cli). */
export function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}
