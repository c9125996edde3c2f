/**
 * Reads the `<!-- expect: rule-a rule-b -->` marks of a lint fixture (see README.md).
 */

/** One expected finding: a rule on a line. */
export interface Mark {
  readonly rule: string;
  readonly line: number;
}

/** The findings a fixture marks: each rule named in an expect comment, on the line after the comment's end. */
export function marks(xml: string): Mark[] {
  const out: Mark[] = [];
  const re = /<!--\s*expect:([\s\S]*?)-->/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const endLine = xml.slice(0, m.index + m[0].length).split('\n').length;
    for (const rule of m[1]!.trim().split(/\s+/)) if (rule) out.push({ rule, line: endLine + 1 });
  }
  return out;
}

/** `rule@line` keys, sorted, so two lists compare as multisets. */
export function keys(list: readonly Mark[]): string[] {
  return list.map((m) => `${m.rule}@${m.line}`).sort();
}
