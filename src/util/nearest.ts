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
    const score = c.toLowerCase() === word.toLowerCase() ? 0.5 : osaDistance(word, c);
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return bestScore <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}
