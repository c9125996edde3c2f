/**
 * A bound for the module-level memo caches (value readings, expression parses): a long-lived
 * process (the LSP, `lint` over thousands of plans) sees many distinct values, and a cache
 * that empties itself when full makes every later look-up a miss at once, so a plan with more
 * distinct values than the bound pays the full price for all of them. Dropping the oldest
 * entry instead (a Map iterates in insertion order) keeps the recent ones.
 *
 * @module
 */

/**
 * Stores `value` under `key` in `cache`, first dropping the oldest entry when the cache already
 * holds `max` entries, and returns `value`. A key already present is replaced in place (its age
 * is unchanged), so the cache never holds more than `max`.
 *
 * @example
 * ```ts
 * const cache = new Map<string, number>();
 * remember(cache, 'a', 1, 2);
 * remember(cache, 'b', 2, 2);
 * remember(cache, 'c', 3, 2); // drops 'a'
 * ```
 */
export function remember<K, V>(cache: Map<K, V>, key: K, value: V, max: number): V {
  if (cache.size >= max && !cache.has(key)) cache.delete(cache.keys().next().value as K);
  cache.set(key, value);
  return value;
}
