/**
 * Shared test helpers. Others may add to this file.
 */


type WithoutLoc<T> = T extends readonly (infer E)[] ? readonly WithoutLoc<E>[] : T extends object ? { [K in keyof T as K extends 'loc' ? never : K]: WithoutLoc<T[K]> } : T;

/** A deep copy of a syntax tree (or any node or value) without the `loc` fields `parse()` adds. */
export function stripLoc<T>(value: T): WithoutLoc<T> {
  if (Array.isArray(value)) return value.map((v: unknown) => stripLoc(v)) as WithoutLoc<T>;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== 'loc') out[k] = stripLoc(v);
    return out as WithoutLoc<T>;
  }
  return value as WithoutLoc<T>;
}

