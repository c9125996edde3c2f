/**
 * Coverage of a plan by a set of simulated calls: which tags ran, and which branches were
 * taken: each keypress, each `<amd>` answer, the then/else of each `<if>`, the true/false of
 * each `<equal>`/`<notEqual>`, and each `<catch type="hangup">` firing.
 *
 * @module
 */
import type { ElementNode, PlanSource } from '../ast/nodes.js';
import { elementChildren } from '../ast/nodes.js';
import { indexPlan } from '../ast/plan-index.js';
import { planTree } from '../parse/plan-tree.js';
import { catchesHangup } from './catch.js';
import type { SimulationResult } from './types.js';

/** One branch of the plan and how often the calls took it. @category Coverage */
export interface BranchCoverage {
  /** The id results carry in `branches`: a keypress path, or `<path>#then` and the like. */
  readonly id: string;
  readonly path: string;
  readonly line?: number;
  readonly kind: 'keypress' | 'amd' | 'if' | 'equal' | 'notEqual' | 'catch';
  /** `pressed="1"`, `live`, `then`, `else`, `true`, `false`, `hangup`. */
  readonly label: string;
  readonly hits: number;
}

/** A tag no call reached. @category Coverage */
export interface MissedTag {
  readonly path: string;
  readonly line?: number;
  readonly tag: string;
}

/** Coverage figures; percentages are 100 when there is nothing to cover. @category Coverage */
export interface CoverageReport {
  readonly tags: { readonly total: number; readonly covered: number; readonly percent: number; readonly missed: readonly MissedTag[] };
  readonly branches: { readonly total: number; readonly covered: number; readonly percent: number; readonly items: readonly BranchCoverage[] };
}

const pct = (covered: number, total: number) => (total === 0 ? 100 : Math.round((covered / total) * 1000) / 10);

/**
 * The branches a plan has, in document order. `plan` is a plan built with the DSL, a syntax
 * tree, or XML text (XML that does not parse is a SyntaxError, anything else a TypeError).
 * @category Coverage
 */
export function planBranches(plan: PlanSource): Array<Omit<BranchCoverage, 'hits'>> {
  const index = indexPlan(planTree(plan, 'planBranches()'));
  const out: Array<Omit<BranchCoverage, 'hits'>> = [];
  for (const node of index.elements) {
    const path = index.placement.get(node)!.path;
    const at = (id: string, kind: BranchCoverage['kind'], label: string) => out.push({ id, path, kind, label, ...(node.loc ? { line: node.loc.line } : {}) });
    switch (node.kind) {
      case 'keypress':
        if (index.placement.get(node)!.parent?.kind === 'menu') at(path, 'keypress', `pressed="${node.attributes['pressed'] ?? ''}"`);
        break;
      case 'amd':
        for (const c of elementChildren(node)) if (c.kind === 'live' || c.kind === 'machine') at(`${path}#${c.kind}`, 'amd', c.kind);
        break;
      case 'if':
        at(`${path}#then`, 'if', 'then');
        at(`${path}#else`, 'if', 'else');
        break;
      case 'equal':
      case 'notEqual':
        at(`${path}#true`, node.kind, 'true');
        at(`${path}#false`, node.kind, 'false');
        break;
      case 'catch':
        if (catchesHangup(node)) at(`${path}#hangup`, 'catch', 'hangup');
        break;
      default:
    }
  }
  return out;
}

/**
 * Measures how much of `plan` the simulated calls reached. `plan` is a plan built with the
 * DSL, a syntax tree, or XML text, the one the calls ran (XML that does not parse is a
 * SyntaxError, anything else a TypeError); exported as `callCoverage`.
 *
 * @example
 * ```ts
 * const report = coverage(doc, [await simulate(doc, { keys: ['1'] }), await simulate(doc, { keys: ['2'] })]);
 * report.branches.percent; // 66.7
 * ```
 * @category Coverage
 */
export function coverage(plan: PlanSource, results: readonly SimulationResult[]): CoverageReport {
  // once: a DSL plan's toAst() and XML's parse give a new tree each time
  const document = planTree(plan, 'callCoverage()');
  const index = indexPlan(document);
  const reached = new Set(results.flatMap((r) => r.reached));
  const hits = new Map<string, number>();
  for (const r of results) for (const b of r.branches) hits.set(b, (hits.get(b) ?? 0) + 1);
  const missed: MissedTag[] = [];
  for (const node of index.elements as ElementNode[]) {
    const path = index.placement.get(node)!.path;
    if (!reached.has(path)) missed.push({ path, tag: node.kind, ...(node.loc ? { line: node.loc.line } : {}) });
  }
  const items = planBranches(document).map((b) => ({ ...b, hits: hits.get(b.id) ?? 0 }));
  const coveredBranches = items.filter((b) => b.hits > 0).length;
  const total = index.elements.length;
  return {
    tags: { total, covered: total - missed.length, percent: pct(total - missed.length, total), missed },
    branches: { total: items.length, covered: coveredBranches, percent: pct(coveredBranches, items.length), items },
  };
}

/**
 * Coverage as a table: the summary, every branch with its hit count, then the tags never reached.
 *
 * @example
 * ```ts
 * console.log(formatCoverage(coverage(doc, results), 'survey.xml'));
 * // Coverage of survey.xml: tags 40/44 (90.9%), branches 10/11 (90.9%) …
 * ```
 * @category Coverage
 */
export function formatCoverage(report: CoverageReport, title = 'plan'): string {
  const { tags, branches } = report;
  const lines = [`Coverage of ${title}: tags ${tags.covered}/${tags.total} (${tags.percent}%), branches ${branches.covered}/${branches.total} (${branches.percent}%)`];
  if (branches.items.length > 0) {
    const rows = branches.items.map((b) => [b.hits > 0 ? '✓' : '✗', String(b.line ?? ''), `${b.kind} ${b.label}`, b.path, String(b.hits)]);
    const head = [' ', 'line', 'branch', 'path', 'hits'];
    // reduce, not Math.max(...rows): a plan with 100,000 branches would overflow the stack as arguments
    const widths = head.map((h, i) => rows.reduce((w, r) => Math.max(w, r[i]!.length), h.length));
    const fmt = (r: string[]) => '  ' + r.map((c, i) => (i === 1 || i === 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
    lines.push(fmt(head));
    for (const r of rows) lines.push(fmt(r));
  }
  if (tags.missed.length > 0) {
    lines.push('  tags never reached:');
    const w = tags.missed.reduce((n, m) => Math.max(n, String(m.line ?? '?').length), 0);
    for (const m of tags.missed) lines.push(`    line ${String(m.line ?? '?').padStart(w)}  <${m.tag}>  ${m.path}`);
  }
  return lines.join('\n') + '\n';
}
