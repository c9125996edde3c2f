/**
 * In-file suppression with XML comments, in the spirit of ESLint's directive comments:
 *
 * - `<!-- dialplan-disable-next-line rule-a rule-b -->`: findings on the next line (XML), or on
 *   the next tag (plans without positions);
 * - `<!-- dialplan-disable rule-a -->` … `<!-- dialplan-enable rule-a -->`: findings in between.
 *
 * Without rule names a directive applies to every rule. Names may be separated by spaces or
 * commas; text after a free-standing ` - ` is a note (XML comments may not contain `--`).
 *
 * @module
 */
import type { AnyElement, CommentNode, DocumentNode, Node } from '../../ast/nodes.js';
import { isElement } from '../../ast/nodes.js';
import { indexPlan } from '../../ast/plan-index.js';
import { childSteps } from '../../ast/visit.js';
import { firstNotBefore } from '../../util/binary-search.js';
import type { Diagnostic } from '../diagnostic.js';

/**
 * Whether any comment of the document is a directive. Most plans have none, and many no
 * comment at all, so this runs on every lint: it reads the children of the elements the
 * document's index lists already (lint builds that index for the rules) with plain loops,
 * and allocates nothing until it meets a comment.
 */
function hasDirective(doc: DocumentNode): boolean {
  for (const c of doc.prolog) if (parseDirective(c.text)) return true;
  for (const c of doc.epilog) if (parseDirective(c.text)) return true;
  const elements = indexPlan(doc).all;
  for (let e = 0; e < elements.length; e++) {
    const children = elements[e]!.children;
    for (let c = 0; c < children.length; c++) {
      const child = children[c]!;
      if (child.kind === '#comment' && parseDirective(child.text)) return true;
    }
  }
  return false;
}

/** A parsed directive comment. */
export interface Directive {
  readonly kind: 'disable-next-line' | 'disable' | 'enable';
  /** Rule names; empty means all rules. */
  readonly rules: readonly string[];
}

const ALL = '*';

/** Reads a comment's directive, if it is one. */
export function parseDirective(text: string): Directive | undefined {
  const m = /^\s*dialplan-(disable-next-line|disable|enable)(?:\s+([\s\S]*?))?\s*$/.exec(text.split(/\s[-\u2014]\s/)[0] ?? '');
  if (!m) return undefined;
  const rules = (m[2] ?? '').split(/[\s,]+/).filter((r) => r !== '');
  return { kind: m[1] as Directive['kind'], rules };
}

/** One directive with where it stands. */
interface Placed {
  readonly directive: Directive;
  /** Line the comment ends on, when known. */
  readonly endLine: number | undefined;
  /** Index in document order of all nodes (comments and elements). */
  readonly order: number;
}

/** The directives by what they can match, built on the first question. */
interface SuppressionIndex {
  /** disable-next-line directives by the line they end on. */
  readonly nextLine: ReadonlyMap<number, readonly Placed[]>;
  /** disable-next-line directives by the path of the tag after them. */
  readonly nextPath: ReadonlyMap<string, readonly Placed[]>;
  /** disable and enable directives by rule name (`*` for those naming no rule or every rule), in document order. */
  readonly ranges: ReadonlyMap<string, readonly Placed[]>;
}

/** Decides, for each finding, whether a directive comment turns it off. */
export class Suppressions {
  private readonly placed: Placed[] = [];
  private readonly elementOrder = new Map<string, number>();
  /** Path of the element that follows each node index, for next-line on plans without lines. */
  private readonly nextElementPath = new Map<number, string>();

  /**
   * @param doc The document whose comments are read.
   * @param source The XML text `doc` was parsed from, when there is one. Every comment of a
   *   parsed document was written `<!-- … -->` in it, so a text without `-->` holds none and
   *   no element needs to be read (a search of the text costs far less than a walk of the tree).
   */
  constructor(doc: DocumentNode, source?: string) {
    // Most plans have no directive: then the paths and orders below are never needed.
    if ((source !== undefined && !source.includes('-->')) || !hasDirective(doc)) return;
    let order = 0;
    const pendingNext: number[] = [];
    const visitComment = (c: CommentNode) => {
      const directive = parseDirective(c.text);
      const at = order++;
      if (!directive) return;
      const endLine = c.loc ? c.loc.line + (c.text.match(/\n/g)?.length ?? 0) : undefined;
      this.placed.push({ directive, endLine, order: at });
      if (directive.kind === 'disable-next-line') pendingNext.push(at);
    };
    const visitElement = (el: AnyElement, path: string) => {
      const at = order++;
      this.elementOrder.set(path, at);
      for (const p of pendingNext.splice(0)) this.nextElementPath.set(p, path);
      const steps = new Map(childSteps(el));
      for (const child of el.children as readonly Node[]) {
        if (child.kind === '#comment') visitComment(child);
        else if (isElement(child)) visitElement(child, `${path}/${steps.get(child)!}`);
      }
    };
    for (const c of doc.prolog) visitComment(c);
    visitElement(doc.root, '/dialplan');
    for (const c of doc.epilog) visitComment(c);
  }

  /** Whether any directive exists (to skip the work when none does). */
  get empty(): boolean {
    return this.placed.length === 0;
  }

  /** Whether the finding is turned off by a directive comment. */
  suppressed(d: Diagnostic): boolean {
    const index = (this.index ??= this.buildIndex());
    const matches = (dir: Directive) => dir.rules.length === 0 || dir.rules.includes(d.rule) || dir.rules.includes(ALL);
    // disable-next-line: the directives ending on the line before, or placed before the finding's tag
    const next = d.line !== undefined ? index.nextLine.get(d.line - 1) : undefined;
    if (next?.some((p) => matches(p.directive))) return true;
    if (index.nextPath.get(d.path)?.some((p) => (d.line === undefined || p.endLine === undefined) && matches(p.directive))) return true;
    // disable ... enable ranges: the last matching directive before the finding decides.
    // "Before" compares (line, document order): a directive earlier on the finding's own line
    // counts, as it must in a plan written on one line.
    const order = this.elementOrder.get(d.path) ?? Infinity;
    const before = (p: Placed) =>
      d.line !== undefined && p.endLine !== undefined ? p.endLine < d.line || (p.endLine === d.line && p.order < order) : p.order < order;
    // Only the directives naming the finding's rule, or all rules, can decide; in each list
    // (document order) the last one before the finding is found by binary search, so a plan
    // with thousands of directives and findings costs a logarithm per finding, not a scan.
    const last = (list: readonly Placed[] | undefined): Placed | undefined => {
      return list?.[firstNotBefore(list, before) - 1];
    };
    const a = last(index.ranges.get(d.rule));
    const b = last(index.ranges.get(ALL));
    const decider = a && b ? (a.order > b.order ? a : b) : (a ?? b);
    return decider?.directive.kind === 'disable';
  }

  private index: SuppressionIndex | undefined;

  private buildIndex(): SuppressionIndex {
    const nextLine = new Map<number, Placed[]>();
    const nextPath = new Map<string, Placed[]>();
    const ranges = new Map<string, Placed[]>();
    const add = <K>(map: Map<K, Placed[]>, key: K, p: Placed) => {
      const list = map.get(key);
      if (list) list.push(p);
      else map.set(key, [p]);
    };
    for (const p of this.placed) {
      if (p.directive.kind === 'disable-next-line') {
        if (p.endLine !== undefined) add(nextLine, p.endLine, p);
        const path = this.nextElementPath.get(p.order);
        if (path !== undefined) add(nextPath, path, p);
      } else if (p.directive.rules.length === 0 || p.directive.rules.includes(ALL)) {
        add(ranges, ALL, p);
      } else {
        for (const rule of new Set(p.directive.rules)) add(ranges, rule, p);
      }
    }
    return { nextLine, nextPath, ranges };
  }
}
