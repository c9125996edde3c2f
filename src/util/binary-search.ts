/**
 * Binary search over a list ordered so that a test holds for a prefix of it and fails for the
 * rest, for the passes that look things up in sorted lists instead of scanning them.
 *
 * @module
 */

/**
 * The index of the first entry for which `before` is false (the list's length when it holds
 * for all), where `before` holds for a prefix of the list and for nothing after it.
 *
 * @example
 * ```ts
 * firstNotBefore([1, 3, 5, 7], (x) => x < 5); // 2
 * ```
 */
export function firstNotBefore<T>(list: readonly T[], before: (entry: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(list[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
