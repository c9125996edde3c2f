/**
 * Dependencies loaded on first use instead of at import.
 *
 * Importing the package (to build a plan with the DSL, say) should not load the SOAP stack,
 * the XML writer or the schema validators it may never call: together they took most of the
 * half second an `import 'callfire-dialplan'` used to cost. Each of these is a CommonJS
 * package, so a synchronous `require` serves callers that are synchronous themselves.
 *
 * @module
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A function that loads the package `name` on its first call and returns it from then on.
 *
 * @example
 * ```ts
 * import type * as Xmlbuilder2 from 'xmlbuilder2';
 * const xmlbuilder2 = onDemand<typeof Xmlbuilder2>('xmlbuilder2');
 * xmlbuilder2().create();
 * ```
 */
export function onDemand<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
