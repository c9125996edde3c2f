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
