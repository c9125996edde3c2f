/**
 * Finding `${…}` references in text, attribute values and expressions, nested ones
 * included (`${choice${num}}` reads `num`, then the variable whose name that builds).
 *
 * @module
 */
import { firstNotBefore } from '../util/binary-search.js';

/** One `${…}` reference. */
export interface VariableReference {
  /** The text between `${` and the matching `}`, as written (may contain `${…}`). */
  readonly name: string;
  /** Offset of the `$` in the scanned string. */
  readonly start: number;
  /** Offset just past the closing `}`. */
  readonly end: number;
  /** Whether the name is built from other variables (`choice${num}`). */
  readonly dynamic: boolean;
}

/** A `${` with no matching `}`. */
export interface UnclosedRef {
  readonly start: number;
}

/** What {@link scanVariables} finds. */
export interface VariableScan {
  /** Every reference, outer ones before the inner ones they contain. */
  readonly refs: readonly VariableReference[];
  readonly unclosed: readonly UnclosedRef[];
}

/**
 * Scans a string for `${…}` references. Braces nest: the reference ends at the `}` that
 * closes its own `${`.
 *
 * @example
 * ```ts
 * scanVariables('${choice${num}}').refs.map((r) => r.name); // ['choice${num}', 'num']
 * ```
 */
export function scanVariables(s: string): VariableScan {
  const refs: VariableReference[] = [];
  // One left-to-right pass: each `${` is pushed, each `}` closes the innermost open one.
  // Whatever is still open at the end was never closed. No recursion and no rescans, so
  // untrusted text with thousands of `${` costs linear time and constant stack.
  const open: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '$' && s[i + 1] === '{') {
      open.push(i);
      i++;
    } else if (s[i] === '}' && open.length > 0) {
      const from = open.pop()!;
      const name = s.slice(from + 2, i);
      refs.push({ name, start: from, end: i + 1, dynamic: name.includes('${') });
    }
  }
  // inner references close before their outer one; report outer first, by position
  refs.sort((a, b) => a.start - b.start || b.end - a.end);
  return { refs, unclosed: open.map((start) => ({ start })) };
}

/**
 * A dynamic name as a regular expression over the names it can build:
 * `choice${num}` → `/^choice.*$/`.
 */
export function dynamicNamePattern(name: string): RegExp {
  let out = '';
  let i = 0;
  while (i < name.length) {
    if (name[i] === '$' && name[i + 1] === '{') {
      let depth = 0;
      let j = i;
      for (; j < name.length; j++) {
        if (name[j] === '$' && name[j + 1] === '{') {
          depth++;
          j++;
        } else if (name[j] === '}' && --depth === 0) break;
      }
      out += '.*';
      i = j + 1;
    } else {
      out += name[i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i++;
    }
  }
  return new RegExp(`^${out}$`);
}

/**
 * Replaces every outermost `${…}` by what `replace` returns for it, for checks that need
 * the text around the references (expressions, phone numbers, URLs).
 */
export function replaceVariables(s: string, replace: (ref: VariableReference, index: number) => string): string {
  const { refs } = scanVariables(s);
  let out = '';
  let at = 0;
  let n = 0;
  for (const r of refs) {
    if (r.start < at) continue; // inside an outer reference already replaced
    out += s.slice(at, r.start) + replace(r, n++);
    at = r.end;
  }
  return out + s.slice(at);
}

/**
 * Whether any of `names` fits the dynamic name `pattern` (`menu_${lang}`), answered per
 * pattern: the names are sorted once and only those starting with the pattern's literal
 * prefix are tried, so many dynamic gotos against many names do not compare every pair.
 */
export class DynamicNameMatcher {
  private readonly sorted: readonly string[];
  private readonly answers = new Map<string, boolean>();

  constructor(names: Iterable<string>) {
    this.sorted = [...names].sort();
  }

  /** Whether some name fits `dynamic` (a name containing `${…}`). */
  anyFits(dynamic: string): boolean {
    let answer = this.answers.get(dynamic);
    if (answer === undefined) {
      const pattern = dynamicNamePattern(dynamic);
      const prefix = dynamic.slice(0, Math.max(0, dynamic.indexOf('${')));
      answer = false;
      for (let i = firstNotBefore(this.sorted, (n) => n < prefix); i < this.sorted.length && this.sorted[i]!.startsWith(prefix); i++) {
        if (pattern.test(this.sorted[i]!)) {
          answer = true;
          break;
        }
      }
      this.answers.set(dynamic, answer);
    }
    return answer;
  }
}
