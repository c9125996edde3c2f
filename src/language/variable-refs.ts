/**
 * Finding `${…}` references in text, attribute values and expressions, nested ones
 * included (`${choice${num}}` reads `num`, then the variable whose name that builds).
 *
 * @module
 */

/** One `${…}` reference. @category Variables */
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
  // One left-to-right pass: each `${` is pushed, each `}` closes the innermost open one.
  // Whatever is still open at the end was never closed. No recursion and no rescans, so
  // untrusted text with thousands of `${` costs linear time and constant stack. A `}` before
  // the first `$` closes nothing: the pass starts there. The two lists are the module's, used
  // up to a count and copied out at the end (nothing called meanwhile scans again): a lint run
  // scans tens of thousands of strings, and two lists grown anew for each were most of what a
  // scan allocated. (Setting a list's length to 0 would give its room back.)
  const refs = foundRefs;
  const open = openAt;
  let found = 0;
  let depth = 0;
  let nested = false;
  for (let i = s.indexOf('$'); i >= 0 && i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === DOLLAR && s.charCodeAt(i + 1) === OPEN_BRACE) {
      if (depth > 0) nested = true;
      open[depth++] = i;
      i++;
    } else if (c === CLOSE_BRACE && depth > 0) {
      const from = open[--depth]!;
      const name = s.slice(from + 2, i);
      refs[found++] = { name, start: from, end: i + 1, dynamic: name.includes('${') };
    }
  }
  // the lint run keeps each distinct string's scan, and most hold one or two references: an
  // exact copy of each list
  const list = found === 0 ? NONE_REFS : (refs.slice(0, found) as VariableReference[]);
  const unclosed = depth === 0 ? NONE_UNCLOSED : open.slice(0, depth).map((start) => ({ start }));
  // the references are the scan's now, not the module's to keep alive (a name may be a slice
  // that holds on to the whole string)
  for (let r = 0; r < found; r++) refs[r] = undefined;
  // a string with thousands of references (untrusted text) must not leave the module lists that long
  if (open.length > KEPT_ROOM) open.length = 0;
  if (refs.length > KEPT_ROOM) refs.length = 0;
  // inner references close before their outer one; report outer first, by position (without
  // nesting they closed in that order already)
  if (nested) (list as VariableReference[]).sort((a, b) => a.start - b.start || b.end - a.end);
  return { refs: list, unclosed };
}

/** The references {@link scanVariables} has found so far in the string it scans. */
const foundRefs: Array<VariableReference | undefined> = [];
/** Where the `${` it has not seen closed yet are, up to its depth. */
const openAt: number[] = [];
/** The longest the two lists stay between scans. */
const KEPT_ROOM = 256;

const DOLLAR = 0x24;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
/** The `unclosed` of every scan without one, shared. */
const NONE_UNCLOSED: readonly UnclosedRef[] = Object.freeze([]);
/** The `refs` of every scan without one, shared. */
const NONE_REFS: readonly VariableReference[] = Object.freeze([]);

/**
 * The literal text of a dynamic name around and between its `${…}` references:
 * `a${x}b${y}` → `['a', 'b', '']`. A `${` left open runs to the end. One more piece than
 * references; what {@link dynamicNamePattern} puts `.*` between.
 */
export function literalPieces(name: string): string[] {
  const pieces: string[] = [];
  let piece = '';
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
      pieces.push(piece);
      piece = '';
      i = j + 1;
    } else {
      piece += name[i]!;
      i++;
    }
  }
  pieces.push(piece);
  return pieces;
}

/**
 * A dynamic name as a regular expression over the names it can build:
 * `choice${num}` → `/^choice.*$/`.
 */
export function dynamicNamePattern(name: string): RegExp {
  return new RegExp(`^${literalPieces(name).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
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
 * Whether any of `names` fits each dynamic name (`menu_${lang}`) asked about. The dynamic
 * names are indexed (see {@link DynamicNameSet}) and every name is run through the index once,
 * on the first question, so many dynamic gotos against many names do not compare every pair.
 */
export class DynamicNameMatcher {
  private fitted: ReadonlySet<string> | undefined;

  /**
   * @param names The plain names.
   * @param dynamicNames Every dynamic name that will be asked about.
   */
  constructor(
    private readonly names: Iterable<string>,
    private readonly dynamicNames: Iterable<string>,
  ) {}

  /** Whether some name fits `dynamic` (one of the dynamic names given). */
  anyFits(dynamic: string): boolean {
    this.fitted ??= new DynamicNameSet(this.dynamicNames).fittedBy(this.names);
    return this.fitted.has(dynamic);
  }
}

/** A trie node over UTF-16 code units; `id` marks where a stored string ends. */
interface TrieNode {
  readonly next: Map<number, TrieNode>;
  id: number;
}

const trieNode = (): TrieNode => ({ next: new Map(), id: -1 });

/** The id of `s` in the trie (added when new); `reverse` stores it back to front. */
function trieId(root: TrieNode, s: string, reverse: boolean, count: { n: number }): number {
  let node = root;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(reverse ? s.length - 1 - k : k);
    let child = node.next.get(c);
    if (!child) node.next.set(c, (child = trieNode()));
    node = child;
  }
  if (node.id < 0) node.id = count.n++;
  return node.id;
}

/** What `.` in a regular expression does not match: the line terminators. */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/** Dynamic names with the same first and last piece. */
interface Group {
  /** The names with nothing between the two pieces: any of them fits what the ends fit. */
  readonly open: string[];
  /** The others, with their middle pieces. */
  readonly middles: Array<{ readonly name: string; readonly pieces: readonly string[] }>;
}

/**
 * Many dynamic names (`choice${n}`, `menu_${lang}_${step}`) indexed so that whether some of
 * them can build a plain name is the answer of `dynamicNamePattern(d).test(name)` for any `d`,
 * without testing every pattern against every name. A dynamic name is its literal pieces with
 * anything but a line terminator (as `.` in the pattern) between them; the names are grouped by
 * their first and last piece, kept in a trie each (the last one reversed), so a name walks both
 * tries once and meets only the groups whose two ends it has. In a group, names with one
 * reference fit as soon as the ends do; only those with pieces in the middle are matched one
 * by one (names with two or more references that share both ends).
 */
export class DynamicNameSet {
  private readonly firsts = trieNode();
  private readonly lasts = trieNode();
  /** First-piece id → last-piece id → group. */
  private readonly groups = new Map<number, Map<number, Group>>();
  private readonly answers = new Map<string, boolean>();
  /** Names without a reference, which only build themselves. */
  private readonly exact = new Set<string>();
  /** How many dynamic names were added. */
  readonly size: number;

  constructor(dynamicNames: Iterable<string>) {
    const firstCount = { n: 0 };
    const lastCount = { n: 0 };
    let size = 0;
    for (const d of dynamicNames) {
      size++;
      const pieces = literalPieces(d);
      if (pieces.length === 1) {
        this.exact.add(d);
        continue;
      }
      const first = trieId(this.firsts, pieces[0]!, false, firstCount);
      const last = trieId(this.lasts, pieces[pieces.length - 1]!, true, lastCount);
      let byLast = this.groups.get(first);
      if (!byLast) this.groups.set(first, (byLast = new Map()));
      let group = byLast.get(last);
      if (!group) byLast.set(last, (group = { open: [], middles: [] }));
      if (pieces.length === 2) group.open.push(d);
      else group.middles.push({ name: d, pieces: pieces.slice(1, -1) });
    }
    this.size = size;
  }

  /** Whether some dynamic name of the set can build `name`. */
  fits(name: string): boolean {
    if (this.size === 0) return false;
    let answer = this.answers.get(name);
    if (answer === undefined) {
      answer = this.exact.has(name) || this.someGroup(name, (group, fitsBetween) => (group.open.length > 0 && fitsBetween([])) || group.middles.some((m) => fitsBetween(m.pieces)));
      this.answers.set(name, answer);
    }
    return answer;
  }

  /**
   * The dynamic names of the set that at least one of `names` can build. Within the call, a
   * group whose open names fitted once is not looked at for them again, and a middle name
   * that fitted is not tried again; the set itself is left as it was, so it can be asked again.
   */
  fittedBy(names: Iterable<string>): Set<string> {
    const fitted = new Set<string>();
    // per group, what is still to be found in this call: the open names (until they fitted) and the middles left
    const left = new Map<Group, { open: boolean; middles: Group['middles'] }>();
    for (const name of names) {
      if (this.exact.has(name)) fitted.add(name);
      this.someGroup(name, (group, fitsBetween) => {
        let todo = left.get(group);
        if (!todo) left.set(group, (todo = { open: group.open.length > 0, middles: group.middles }));
        if (todo.open && fitsBetween([])) {
          for (const d of group.open) fitted.add(d);
          todo.open = false;
        }
        if (todo.middles.length > 0) {
          const rest: Group['middles'] = [];
          for (const m of todo.middles) {
            if (fitsBetween(m.pieces)) fitted.add(m.name);
            else rest.push(m);
          }
          todo.middles = rest;
        }
        return false;
      });
    }
    return fitted;
  }

  /**
   * Calls `visit` for each group whose first piece starts `name` and whose last piece ends it
   * (without overlapping), until it returns true; `fitsBetween` says whether middle pieces
   * occur in order between the two ends with no line terminator where a reference stands.
   */
  private someGroup(name: string, visit: (group: Group, fitsBetween: (middle: readonly string[]) => boolean) => boolean): boolean {
    const m = name.length;
    const starts: Array<[number, number]> = [];
    let node: TrieNode | undefined = this.firsts;
    for (let k = 0; node; k++) {
      if (node.id >= 0) starts.push([node.id, k]);
      node = k < m ? node.next.get(name.charCodeAt(k)) : undefined;
    }
    if (starts.length === 0) return false;
    const ends: Array<[number, number]> = [];
    node = this.lasts;
    for (let k = 0; node; k++) {
      if (node.id >= 0) ends.push([node.id, k]);
      node = k < m ? node.next.get(name.charCodeAt(m - 1 - k)) : undefined;
    }
    // line terminators counted once, so whether a stretch holds one is a subtraction
    let clear = (_from: number, _to: number): boolean => true;
    if (LINE_TERMINATOR.test(name)) {
      const before = new Uint32Array(m + 1);
      for (let k = 0; k < m; k++) before[k + 1] = before[k]! + (LINE_TERMINATOR.test(name[k]!) ? 1 : 0);
      clear = (from, to) => before[to] === before[from];
    }
    for (const [first, from] of starts) {
      const byLast = this.groups.get(first)!;
      for (const [last, length] of ends) {
        const to = m - length;
        const group = to >= from ? byLast.get(last) : undefined;
        // the leftmost place of each middle piece leaves the most room for the next
        if (
          group &&
          visit(group, (middle) => {
            let at = from;
            for (const piece of middle) {
              const i = name.indexOf(piece, at);
              if (i < 0 || i + piece.length > to || !clear(at, i)) return false;
              at = i + piece.length;
            }
            return clear(at, to);
          })
        )
          return true;
      }
    }
    return false;
  }
}
