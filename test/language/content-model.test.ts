/**
 * Holds language/content-model.ts against schemas/dialplan.xsd, read by libxmljs2: for every
 * container tag and every child sequence up to a length over a small alphabet (two action tags,
 * the tags that only some parents take, and an unknown tag), contentViolations() finds nothing
 * exactly when the XSD accepts the container, and its first violation is the child libxml2
 * reports first (or the container itself for a missing child). insertableChildren() is held the
 * same way: a tag may be written at a position exactly when the XSD accepts the result, possibly
 * once children are added at the end. The callers (codegen, completion, schema diagnostics) read
 * only these functions, so they agree with the XSD too; the cases where they did not before are
 * at the end.
 *
 * libxmljs2 compiles the schema on every validate() call, so the sequences of one container are
 * written into a few documents, each sequence on lines of its own, and libxml2's errors are
 * sorted back to them by line.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Libxml from 'libxmljs2';
import { describe, expect, it } from 'vitest';
import { ConversionError, toTypeScript } from '../../src/codegen/typescript.js';
import { ACTION_TAGS, TAG_NAMES, tagSpec, type ContainerTag, type TagName } from '../../src/language/catalog.js';
import { contentViolations, insertableChildren, requiredChildren, type ContentViolation } from '../../src/language/content-model.js';
import { allowedChildren } from '../../src/lsp/completion.js';
import { parse } from '../../src/parse/parse.js';
import { validate } from '../../src/validate/validate.js';
import { dialplanSchemaPath } from '../../src/validate/xsd/schema-path.js';

const libxml = createRequire(import.meta.url)('libxmljs2') as typeof Libxml;
const schema = libxml.parseXml(readFileSync(dialplanSchemaPath(), 'utf8'));

/** Each child tried, as a minimal element valid on its own. */
const CHILD = {
  hangup: '<hangup/>',
  record: '<record/>',
  else: '<else/>',
  keypress: '<keypress pressed="1"/>',
  live: '<live/>',
  machine: '<machine/>',
  nosuch: '<nosuch/>',
} as const;
type Child = keyof typeof CHILD;
const ALPHABET = Object.keys(CHILD) as Child[];

/** Where a container can stand in a plan: what comes before its start tag and after its end tag. */
interface Host {
  readonly open: string;
  readonly attributes: string;
  readonly close: string;
}
/** Every container but the root (which needs a document of its own); a new container tag must be added here. */
const HOSTS: Record<Exclude<ContainerTag, 'dialplan'>, Host> = {
  menu: { open: '', attributes: '', close: '' },
  keypress: { open: '<menu>', attributes: ' pressed="1"', close: '</menu>' },
  if: { open: '', attributes: ' expr="true"', close: '' },
  else: { open: '<if expr="true">', attributes: '', close: '</if>' },
  equal: { open: '', attributes: ' var="a" expr="1"', close: '' },
  notEqual: { open: '', attributes: ' var="a" expr="1"', close: '' },
  amd: { open: '', attributes: '', close: '' },
  live: { open: '<amd>', attributes: '', close: '<machine/></amd>' },
  machine: { open: '<amd><live/>', attributes: '', close: '</amd>' },
  catch: { open: '', attributes: ' type="hangup" goto="target"', close: '' },
};
const CONTAINERS = Object.keys(HOSTS) as Array<keyof typeof HOSTS>;

/** What libxml2 says about one sequence: whether it is accepted, and the line of its first error (1 = the container, 2 + i = child i). */
interface Verdict {
  readonly ok: boolean;
  readonly firstErrorLine?: number;
}

/**
 * The XSD's verdict on each sequence inside `parent`, from one validation: each sequence is
 * written as the container's start tag on one line, then one child per line.
 */
function xsdVerdicts(parent: keyof typeof HOSTS, sequences: readonly (readonly Child[])[]): Verdict[] {
  // libxml2 keeps a node's line in 16 bits (65535 and beyond read as 65535): a document per 8,000 sequences
  const chunk = 8000;
  if (sequences.length > chunk) {
    const out: Verdict[] = [];
    for (let from = 0; from < sequences.length; from += chunk) out.push(...xsdVerdicts(parent, sequences.slice(from, from + chunk)));
    return out;
  }
  const host = HOSTS[parent];
  // the first line holds the tag that catch@goto names
  const lines = ['<dialplan><hangup name="target"/>'];
  const starts: number[] = [];
  for (const seq of sequences) {
    starts.push(lines.length + 1);
    lines.push(`${host.open}<${parent}${host.attributes}>`, ...seq.map((c) => CHILD[c]), `</${parent}>${host.close}`);
  }
  lines.push('</dialplan>');
  const doc = libxml.parseXml(lines.join('\n'));
  doc.validate(schema);
  const errors = new Map<number, number>();
  for (const e of doc.validationErrors) {
    const line = e.line ?? 0;
    // the sequence whose lines hold the error: the last one starting at or before it
    let s = starts.length - 1;
    while (s >= 0 && starts[s]! > line) s--;
    expect(s, `an error outside the sequences: ${e.message}`).toBeGreaterThanOrEqual(0);
    if (!errors.has(s)) errors.set(s, line - starts[s]! + 1);
  }
  return sequences.map((_, s) => (errors.has(s) ? { ok: false, firstErrorLine: errors.get(s)! } : { ok: true }));
}

/** The XSD's verdict on a sequence directly in `<dialplan>` (one document each: the root cannot repeat). */
function rootVerdict(seq: readonly Child[]): Verdict {
  const doc = libxml.parseXml(['<dialplan>', ...seq.map((c) => CHILD[c]), '</dialplan>'].join('\n'));
  if (doc.validate(schema)) return { ok: true };
  return { ok: false, firstErrorLine: Math.min(...doc.validationErrors.map((e) => e.line ?? 0)) };
}

/** Every sequence over the alphabet of length 0 to `max`. */
function sequences(max: number): Child[][] {
  let level: Child[][] = [[]];
  const out = [...level];
  for (let n = 0; n < max; n++) {
    level = level.flatMap((s) => ALPHABET.map((c) => [...s, c]));
    out.push(...level);
  }
  return out;
}

/** Where contentViolations' first violation is, in the lines of xsdVerdicts. */
const lineOf = (v: ContentViolation) => (v.kind === 'missing' ? 1 : v.index + 2);

describe('the content model', () => {
  it('tries every tag that only some containers take, and an action tag', () => {
    const special = TAG_NAMES.filter((t) => !(ACTION_TAGS as readonly string[]).includes(t) && TAG_NAMES.some((p) => (tagSpec(p).children ?? []).includes(t)));
    expect(special.filter((t) => !ALPHABET.includes(t as Child))).toEqual([]);
    expect(ALPHABET.filter((c) => (ACTION_TAGS as readonly string[]).includes(c)).length).toBeGreaterThanOrEqual(2);
  });

  for (const parent of CONTAINERS) {
    it(`finds a violation in <${parent}> exactly when the XSD rejects it, and the same child first`, () => {
      const all = sequences(4);
      const verdicts = xsdVerdicts(parent, all);
      all.forEach((seq, i) => {
        const found = contentViolations(parent, seq);
        const xsd = verdicts[i]!;
        expect({ seq, ok: found.length === 0 }).toEqual({ seq, ok: xsd.ok });
        if (found[0]) expect({ seq, line: lineOf(found[0]) }).toEqual({ seq, line: xsd.firstErrorLine });
      });
    });
  }

  it('finds a violation in <dialplan> exactly when the XSD rejects it', () => {
    for (const seq of sequences(2)) {
      const found = contentViolations('dialplan', seq);
      const xsd = rootVerdict(seq);
      expect({ seq, ok: found.length === 0 }).toEqual({ seq, ok: xsd.ok });
      if (found[0]) expect({ seq, line: lineOf(found[0]) }).toEqual({ seq, line: xsd.firstErrorLine });
    }
  });

  for (const parent of CONTAINERS) {
    it(`offers a tag at a place in <${parent}> exactly when the XSD accepts it there`, () => {
      // A sequence "fits" when the XSD accepts it as it is or once up to two children are added
      // at its end (a branch of <amd> still missing can always be written last; an undeclared
      // tag never completes anything, so it is not tried there).
      const known = ALPHABET.filter((c) => c !== 'nosuch');
      const completions = (seq: readonly Child[]): Array<readonly Child[]> => [
        seq,
        ...known.map((c) => [...seq, c]),
        ...known.flatMap((c) => known.map((d) => [...seq, c, d])),
      ];
      const bases = sequences(2);
      const candidates = bases.flatMap((seq) => seq.map((_, i) => i).concat(seq.length).flatMap((i) => ALPHABET.map((t) => ({ seq, i, t }))));
      const wanted = new Map<string, readonly Child[]>();
      for (const seq of [...bases, ...candidates.map(({ seq, i, t }) => [...seq.slice(0, i), t, ...seq.slice(i)])]) {
        for (const s of completions(seq)) wanted.set(s.join(' '), s);
      }
      const keys = [...wanted.keys()];
      const verdicts = xsdVerdicts(parent, [...wanted.values()]);
      const accepted = new Set(keys.filter((_, i) => verdicts[i]!.ok));
      const fits = (seq: readonly Child[]) => completions(seq).some((s) => accepted.has(s.join(' ')));
      let tried = 0;
      for (const { seq, i, t } of candidates) {
        // problems the sequence already has are not the tag's: only sequences that fit are asked
        if (!fits(seq)) continue;
        tried++;
        const offered = insertableChildren(parent, seq.slice(0, i), seq.slice(i)).includes(t);
        expect({ seq, i, t, offered }).toEqual({ seq, i, t, offered: fits([...seq.slice(0, i), t, ...seq.slice(i)]) });
      }
      expect(tried).toBeGreaterThan(0);
    });
  }

  it('requires the branches of <amd> and nothing elsewhere', () => {
    for (const parent of TAG_NAMES.filter(isContainer)) {
      expect({ parent, required: requiredChildren(parent) }).toEqual({
        parent,
        required: contentViolations(parent, []).map((v) => v.tag),
      });
    }
    expect(requiredChildren('amd')).toEqual(['live', 'machine']);
  });
});

describe('the callers name the child the XSD names first', () => {
  // Before the content model had one home, the TypeScript converter checked every child's tag
  // before order and count, and <amd>'s branches in catalog order: on content wrong twice over it
  // named another child than the XSD does (in brackets, what it said before).
  const cases: Array<{ xml: string; xsd: string; codegen: { message: string; path: string } }> = [
    // (before: "<amd> needs a <live>" at /dialplan/amd[1])
    {
      xml: '<dialplan><amd><machine/><machine/></amd></dialplan>',
      xsd: '/dialplan/amd[1]/machine[2]',
      codegen: { message: '<amd> holds only one <machine>', path: '/dialplan/amd[1]/machine[2]' },
    },
    // (before: "<hangup> cannot stand inside <amd>" at /dialplan/amd[1]/hangup[1])
    {
      xml: '<dialplan><amd><live/><live/><hangup/></amd></dialplan>',
      xsd: '/dialplan/amd[1]/live[2]',
      codegen: { message: '<amd> holds only one <live>', path: '/dialplan/amd[1]/live[2]' },
    },
    // (before: "<if> holds only one <else>" at else[2]); the converter names the <else> that is not last
    {
      xml: '<dialplan><if expr="1"><else/><hangup/><else/></if></dialplan>',
      xsd: '/dialplan/if[1]/hangup[1]',
      codegen: { message: '<else> must be the last tag in its <if>', path: '/dialplan/if[1]/else[1]' },
    },
  ];
  for (const { xml, xsd, codegen } of cases) {
    it(xml, () => {
      const found = validate(xml).diagnostics;
      expect(found.map((d) => d.path)).toEqual([xsd]);
      expect(() => toTypeScript(parse(xml).document!)).toThrow(new ConversionError(codegen.message, codegen.path, 1));
    });
  }

  it('completion offers what insertableChildren offers after the siblings written', () => {
    expect(allowedChildren(['dialplan', 'amd'], ['live', 'live'])).toEqual(['machine']);
    expect(allowedChildren(['dialplan', 'if'], ['else'])).toEqual([]);
    expect(allowedChildren(['dialplan', 'if'], ['hangup'])).toEqual(insertableChildren('if', ['hangup']));
    expect(allowedChildren(['dialplan', 'hangup'], [])).toEqual([]);
  });
});

function isContainer(t: TagName): t is ContainerTag {
  return tagSpec(t).content === 'children';
}
