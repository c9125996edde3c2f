/**
 * Completion at the cursor, all from the catalog: the tags allowed where the cursor is, their
 * attributes, enum values, key patterns, goto targets, `${…}` variables, and two snippets.
 *
 * @module
 */
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Range,
} from 'vscode-languageserver';
import { isTagName, tagSpec } from '../language/catalog.js';
import { insertableChildren } from '../language/content-model.js';
import { currentValues, isKeyPattern } from '../language/values.js';
import { scanVariables } from '../language/variable-refs.js';
import { attributeDoc, attributeSpec, SYSTEM_VARIABLES, tagDoc } from './catalog-docs.js';
import { cursorContext, type CursorContext } from './cursor.js';
import type { PlanFacts } from './plan-state.js';
import { rangeOf, type OffsetMap } from './positions.js';

/** `documentation` of an item, or nothing when there is none. */
const documented = (value: string | undefined) => (value === undefined ? {} : { documentation: { kind: MarkupKind.Markdown, value } });

/**
 * Snippets for the two tags that are never written alone: a menu with its keypresses and an
 * amd with both branches. The text follows the `<` the user typed.
 */
const SNIPPETS: Readonly<Record<string, { readonly label: string; readonly body: string }>> = {
  menu: {
    label: 'menu with keypresses',
    body: [
      'menu name="${1:main}" maxDigits="1" timeout="5000">',
      '\t<play type="tts">${2:Press 1 to continue.}</play>',
      '\t<keypress pressed="1">',
      '\t\t$0',
      '\t</keypress>',
      '\t<keypress pressed="default">',
      '\t\t<goto>${1:main}</goto>',
      '\t</keypress>',
      '</menu>',
    ].join('\n'),
  },
  amd: {
    label: 'amd with live and machine',
    body: ['amd>', '\t<live>', '\t\t$1', '\t</live>', '\t<machine>', '\t\t$0', '\t</machine>', '</amd>'].join('\n'),
  },
};

/** Candidate `pressed` values; each is kept only if the one key-pattern rule accepts it. */
const KEY_PATTERNS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '#', '*', 'default', 'timeout', '1-9'].filter(
  (p) => isKeyPattern(p),
);

/**
 * Tags allowed as a child of the innermost open element (`dialplan` at the top), between the
 * `siblings` already written before the cursor and the `following` ones after it: in `amd` each
 * branch once, in `if` one `else` and nothing after it ({@link insertableChildren}).
 */
export function allowedChildren(stack: readonly string[], siblings: readonly string[] = [], following: readonly string[] = []): readonly string[] {
  const parent = stack.at(-1);
  if (parent === undefined) return ['dialplan'];
  if (!isTagName(parent)) return [];
  return insertableChildren(parent, siblings, following);
}

function tagItems(ctx: Extract<CursorContext, { kind: 'tag-name' }>, range: Range): CompletionItem[] {
  if (ctx.closing) {
    const open = ctx.stack.at(-1);
    return open ? [{ label: open, kind: CompletionItemKind.Class, textEdit: { range, newText: `${open}>` } }] : [];
  }
  const out: CompletionItem[] = [];
  for (const tag of allowedChildren(ctx.stack, ctx.siblings, ctx.following)) {
    const spec = isTagName(tag) ? tagSpec(tag) : undefined;
    out.push({
      label: tag,
      kind: CompletionItemKind.Class,
      detail: spec && !spec.documented ? 'undocumented tag' : 'tag',
      ...documented(tagDoc(tag)),
      textEdit: { range, newText: tag },
      ...(spec && !spec.documented ? { tags: [CompletionItemTag.Deprecated] } : {}),
    });
    const snippet = SNIPPETS[tag];
    if (snippet) {
      out.push({
        label: snippet.label,
        kind: CompletionItemKind.Snippet,
        detail: 'snippet',
        filterText: tag,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range, newText: snippet.body },
      });
    }
  }
  return out;
}

function attributeItems(ctx: Extract<CursorContext, { kind: 'attribute-name' }>, range: Range): CompletionItem[] {
  if (!isTagName(ctx.tag)) return [];
  const present = new Set(ctx.present);
  return Object.entries(tagSpec(ctx.tag).attributes)
    .filter(([name]) => !present.has(name))
    .map(([name, spec]) => {
      const values = spec.values ? currentValues(spec) : spec.type === 'boolean' ? ['true', 'false'] : undefined;
      // snippet choices cannot hold `,` `|` or `$` unescaped; the catalog's values have none
      const value = values ? `\${1|${values.join(',')}|}` : '$1';
      return {
        label: name,
        kind: CompletionItemKind.Property,
        detail: spec.required ? 'required attribute' : spec.documented ? 'attribute' : 'undocumented attribute',
        ...documented(attributeDoc(ctx.tag, name)),
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range, newText: `${name}="${value}"` },
        ...(spec.documented ? {} : { tags: [CompletionItemTag.Deprecated] }),
      };
    });
}

function nameItems(facts: PlanFacts, range: Range): CompletionItem[] {
  return facts.names.map((n) => ({ label: n, kind: CompletionItemKind.Reference, detail: 'tag name', textEdit: { range, newText: n } }));
}

function variableItems(facts: PlanFacts, range: Range, closeBrace: boolean): CompletionItem[] {
  const close = closeBrace ? '}' : '';
  const items: CompletionItem[] = SYSTEM_VARIABLES.map((v) => ({
    label: v.name,
    kind: CompletionItemKind.Variable,
    detail: 'system variable',
    documentation: v.description,
    textEdit: { range, newText: v.name + close },
  }));
  const seen = new Set(SYSTEM_VARIABLES.map((v) => v.name));
  for (const [names, detail] of [
    [facts.variablesSet, 'variable set in this plan'],
    [facts.stashed, 'stashed report key (not readable later)'],
  ] as const) {
    for (const n of names) {
      if (seen.has(n)) continue;
      seen.add(n);
      items.push({ label: n, kind: CompletionItemKind.Variable, detail, textEdit: { range, newText: n + close } });
    }
  }
  return items;
}

/** `${…}` items when the cursor is inside an unclosed `${` of the text between `start` and the cursor. */
function variableItemsAt(text: string, start: number, offset: number, doc: OffsetMap, facts: PlanFacts): CompletionItem[] | undefined {
  const open = scanVariables(text.slice(start, offset)).unclosed.at(-1);
  if (!open) return undefined;
  const from = start + open.start + 2;
  return variableItems(facts, rangeOf(doc, from, offset), text[offset] !== '}');
}

function valueItems(values: readonly string[], range: Range, legacy: readonly string[] = []): CompletionItem[] {
  return values.map((v) => ({
    label: v,
    kind: CompletionItemKind.EnumMember,
    textEdit: { range, newText: v },
    ...(legacy.includes(v) ? { tags: [CompletionItemTag.Deprecated], detail: 'legacy spelling' } : {}),
  }));
}

/**
 * The completion items at `offset` of `text`.
 *
 * @param facts names and variables of the plan (from its last version that parsed)
 */
export function completionsAt(text: string, offset: number, doc: OffsetMap, facts: PlanFacts): CompletionItem[] {
  const ctx = cursorContext(text, offset);
  switch (ctx.kind) {
    case 'tag-name':
      return tagItems(ctx, rangeOf(doc, ctx.start, ctx.end));
    case 'attribute-name':
      return attributeItems(ctx, rangeOf(doc, ctx.start, ctx.end));
    case 'attribute-value': {
      const vars = variableItemsAt(text, ctx.start, offset, doc, facts);
      if (vars) return vars;
      const spec = attributeSpec(ctx.tag, ctx.attribute);
      const range = rangeOf(doc, ctx.start, ctx.end);
      if (!spec) return [];
      if (spec.values) return valueItems(spec.values, range, spec.legacyValues);
      if (spec.type === 'boolean') return valueItems(['true', 'false'], range);
      if (spec.type === 'keypattern') return valueItems(KEY_PATTERNS, range);
      if (spec.type === 'tagref') return nameItems(facts, range);
      return [];
    }
    case 'text': {
      const vars = variableItemsAt(text, ctx.start, offset, doc, facts);
      if (vars) return vars;
      const parent = ctx.stack.at(-1);
      if (parent !== undefined && isTagName(parent) && tagSpec(parent).content === 'tagref') {
        // replace the whole target, surrounding white space kept
        const raw = text.slice(ctx.start, ctx.end);
        const from = ctx.start + (raw.length - raw.trimStart().length);
        const to = Math.max(from, ctx.start + raw.trimEnd().length);
        return nameItems(facts, rangeOf(doc, Math.min(from, offset), Math.max(to, offset)));
      }
      return [];
    }
    default:
      return [];
  }
}
