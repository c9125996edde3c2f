/**
 * "Did you mean …?" suggestions: the candidate closest to a misspelled word, for command
 * names, rule names, goto targets and variable names. Uses the optimal-string-alignment
 * distance (Levenshtein plus adjacent transpositions), because swapped letters (`mian` for
 * `main`) are the most common typo in short names and plain Levenshtein counts them twice.
 *
 * @module
 */

/** Edit distance with insertions, deletions, substitutions and adjacent transpositions, each costing 1. */
export function osaDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate closest to `word`, when close enough to be a likely typo: at most a third of
 * the word's length away (at least 1); a difference in case only counts as half an edit.
 *
 * @example
 * ```ts
 * nearest('mian', ['main', 'menu']); // 'main'
 * ```
 */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    const score = typoScore(word, c);
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return bestScore <= typoLimit(word) ? best : undefined;
}

/** How far `candidate` is from `word`: the edit distance, or 0.5 when only the case differs. */
function typoScore(word: string, candidate: string): number {
  return candidate.toLowerCase() === word.toLowerCase() ? 0.5 : osaDistance(word, candidate);
}

/** The farthest a likely typo of `word` may be: a third of its length, at least 1. */
function typoLimit(word: string): number {
  return Math.max(1, Math.floor(word.length / 3));
}

/**
 * Every candidate close enough to `word` to be a likely typo (as for {@link nearest}), once
 * each. When there is exactly one, a fix may take it without guessing.
 *
 * @example
 * ```ts
 * closeMatches('mian', ['main', 'menu', 'mean']); // ['main', 'mean']
 * ```
 */
export function closeMatches(word: string, candidates: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const c of candidates) if (c !== word && typoScore(word, c) <= typoLimit(word)) out.add(c);
  return [...out];
}

/**
 * Candidates indexed for many look-ups, as lint asks once per unknown goto target or variable:
 * the answers are those of {@link nearest} and {@link closeMatches}, found faster. A likely typo
 * is at most `typoLimit(word)` edits away and the distance is at least the difference in
 * length, so only candidates of a near length are compared, each within that bound only
 * (a band of the distance table); answers are remembered per word. `budget` caps the table
 * cells computed over the index's life: once spent, look-ups suggest nothing, so a plan with
 * tens of thousands of near-identical names cannot stall a run for a "did you mean".
 */
export class TypoIndex {
  private readonly byLength = new Map<number, Array<{ readonly word: string; readonly order: number }>>();
  private readonly answers = new Map<string, { readonly nearest: string | undefined; readonly close: readonly string[] }>();
  private spent = 0;

  constructor(
    candidates: Iterable<string>,
    private readonly budget = Infinity,
  ) {
    const seen = new Set<string>();
    let order = 0;
    for (const c of candidates) {
      if (seen.has(c)) continue;
      seen.add(c);
      const list = this.byLength.get(c.length);
      if (list) list.push({ word: c, order: order++ });
      else this.byLength.set(c.length, [{ word: c, order: order++ }]);
    }
  }

  /** As {@link nearest}`(word, candidates)`, or undefined once the budget is spent. */
  nearest(word: string): string | undefined {
    return this.lookUp(word).nearest;
  }

  /** As {@link closeMatches}`(word, candidates)`, or none once the budget is spent. */
  closeMatches(word: string): readonly string[] {
    return this.lookUp(word).close;
  }

  private lookUp(word: string): { readonly nearest: string | undefined; readonly close: readonly string[] } {
    const known = this.answers.get(word);
    if (known) return known;
    const limit = typoLimit(word);
    let best: { word: string; order: number } | undefined;
    let bestScore = Infinity;
    const close: Array<{ word: string; order: number }> = [];
    let spentOut = false;
    // the band of the distance table one comparison may compute, charged against the budget
    const cost = (word.length + 1) * (2 * limit + 1);
    for (let len = Math.max(0, word.length - limit); len <= word.length + limit && !spentOut; len++) {
      for (const c of this.byLength.get(len) ?? []) {
        if (c.word === word) continue;
        if (this.spent + cost > this.budget) {
          spentOut = true;
          break;
        }
        this.spent += cost;
        const score = c.word.toLowerCase() === word.toLowerCase() ? 0.5 : osaWithin(word, c.word, limit);
        if (score > limit) continue;
        close.push(c);
        if (score < bestScore || (score === bestScore && c.order < best!.order)) {
          best = c;
          bestScore = score;
        }
      }
    }
    const answer = spentOut
      ? { nearest: undefined, close: [] }
      : { nearest: best?.word, close: close.sort((a, b) => a.order - b.order).map((c) => c.word) };
    this.answers.set(word, answer);
    return answer;
  }
}

/**
 * {@link osaDistance} when it is at most `k`, else `k + 1`: only the cells within `k` of the
 * diagonal are computed, and the search stops when a whole row exceeds `k`.
 */
export function osaWithin(a: string, b: string, k: number): number {
  const la = a.length;
  const lb = b.length;
  const big = k + 1;
  if (Math.abs(la - lb) > k) return big;
  // three rolling rows; cells next to each row's band are set to `big` before they are read
  let prev2 = new Int32Array(lb + 2).fill(big);
  let prev = new Int32Array(lb + 2).fill(big);
  let cur = new Int32Array(lb + 2).fill(big);
  for (let j = 0; j <= Math.min(lb, k); j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    const from = Math.max(1, i - k);
    const to = Math.min(lb, i + k);
    cur[from - 1] = from === 1 ? (i <= k ? i : big) : big;
    let rowMin = cur[from - 1]!;
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = Math.min(v, big);
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (to + 1 <= lb) cur[to + 1] = big;
    if (rowMin >= big) return big;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[lb]!, big);
}
