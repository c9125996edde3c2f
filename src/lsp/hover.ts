/**
 * Hover: a tag's, attribute's or system variable's documentation from the catalog, and on a
 * finding the description of the rule that reported it.
 *
 * @module
 */
import { MarkupKind, type Diagnostic as LspDiagnostic, type Hover, type Position, type Range } from 'vscode-languageserver';
import { scanVariables } from '../language/variable-refs.js';
import { RULES_BY_NAME } from '../validate/lint/rules/index.js';
import { attributeDoc, tagDoc, variableDoc } from './catalog-docs.js';
import { cursorContext } from './cursor.js';
import { rangeOf, type OffsetMap } from './positions.js';

function contains(d: LspDiagnostic, p: Position): boolean {
  const { start, end } = d.range;
  const after = p.line > start.line || (p.line === start.line && p.character >= start.character);
  const before = p.line < end.line || (p.line === end.line && p.character <= end.character);
  return after && before;
}

/** The descriptions of the rules behind the findings at the position. */
function ruleHover(diagnostics: readonly LspDiagnostic[], p: Position): string[] {
  const out: string[] = [];
  for (const d of diagnostics) {
    if (!contains(d, p) || typeof d.code !== 'string') continue;
    const rule = RULES_BY_NAME.get(d.code);
    if (!rule) continue;
    const link = d.codeDescription ? ` ([${rule.name}](${d.codeDescription.href}))` : ` (${rule.name})`;
    out.push(`**${rule.name}**${link}: ${rule.description}`);
  }
  return out;
}

/**
 * The hover at `offset` of `text`, or null when there is nothing to say.
 *
 * @param diagnostics the findings currently shown for the document
 */
export function hoverAt(text: string, offset: number, doc: OffsetMap, diagnostics: readonly LspDiagnostic[]): Hover | null {
  const position = doc.positionAt(offset);
  const parts = ruleHover(diagnostics, position);
  const ctx = cursorContext(text, offset);
  let range: Range | undefined;
  if (ctx.kind === 'tag-name' || (ctx.kind === 'attribute-name' && ctx.start < ctx.end)) {
    const word = text.slice(ctx.start, ctx.end);
    const found = ctx.kind === 'tag-name' ? tagDoc(word) : attributeDoc(ctx.tag, word);
    if (found) {
      parts.push(found);
      range = rangeOf(doc, ctx.start, ctx.end);
    }
  } else if (ctx.kind === 'attribute-value' || ctx.kind === 'text') {
    // the whole run (to a value's closing quote, to the text's next tag), not just to the cursor
    const run = text.slice(ctx.start, ctx.end);
    const inside = scanVariables(run).refs.filter((r) => ctx.start + r.start <= offset && offset < ctx.start + r.end).at(-1);
    const v = inside && variableDoc(inside.name);
    if (v && inside) {
      parts.push(v);
      range = rangeOf(doc, ctx.start + inside.start, ctx.start + inside.end);
    } else if (ctx.kind === 'attribute-value') {
      const a = attributeDoc(ctx.tag, ctx.attribute);
      if (a) parts.push(a);
    }
  }
  if (parts.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, ...(range ? { range } : {}) };
}
