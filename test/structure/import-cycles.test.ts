/**
 * The modules of src/ import each other without cycles (issue 14: "break the import cycles").
 * The import graph is read with the TypeScript parser: every `import`/`export … from` and
 * `import()` of a relative module, resolved to its .ts file. Two graphs are checked:
 *
 * - what runs: imports of values only (`import type`, and imports whose names are all
 *   `type`, are erased from the JavaScript). A cycle here means a module can be read before
 *   the one it needs has finished loading;
 * - everything, types included: a cycle made only of type imports is harmless at run time but
 *   still ties the modules into one unit to read and change. The groups that are still tied so
 *   are listed below with the reason; a new cycle fails, and a listed group may only shrink.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Runtime cycles not broken yet, each as its modules (relative to src/). */
const RUNTIME_CYCLES_LEFT: readonly (readonly string[])[] = [];

/** Groups tied by type imports only, as far as they still are. */
const TYPE_CYCLES_LEFT: readonly (readonly string[])[] = [];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The .ts file a relative specifier names (`./x.js` → x.ts, `./dir/index.js`), if it is in src/. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier).replace(/\.js$/, '');
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

interface Edge {
  readonly to: string;
  readonly typeOnly: boolean;
}

/** The imports of one file. */
function importsOf(file: string): Edge[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const edges: Edge[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteral(specifier)) return;
    const to = resolveSpecifier(file, specifier.text);
    if (to) edges.push({ to, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const allTypes =
        clause !== undefined &&
        (clause.isTypeOnly || (clause.name === undefined && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier, allTypes);
    } else if (ts.isExportDeclaration(node)) {
      const clause = node.exportClause;
      const allTypes = node.isTypeOnly || (clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly));
      add(node.moduleSpecifier, allTypes);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** The strongly connected components of more than one module (Tarjan), each sorted, relative to src/. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.map((f) => relative(SRC, f)).sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return out;
}

const FILES = tsFiles(SRC);
const EDGES = new Map(FILES.map((f) => [f, importsOf(f)]));
const graphOf = (withTypes: boolean) => new Map([...EDGES].map(([f, edges]) => [f, edges.filter((e) => withTypes || !e.typeOnly).map((e) => e.to)]));
/** The cycles that lie outside every allowed group. */
const unexpected = (found: string[][], allowed: readonly (readonly string[])[]) => found.filter((c) => !allowed.some((group) => c.every((f) => group.includes(f))));

describe('import cycles in src/', () => {
  it('the graph is read: files, relative imports, type-only ones told apart', () => {
    expect(FILES.length).toBeGreaterThan(100);
    const edges = [...EDGES.values()].flat();
    expect(edges.length).toBeGreaterThan(FILES.length);
    expect(edges.some((e) => e.typeOnly)).toBe(true);
    expect(edges.some((e) => !e.typeOnly)).toBe(true);
    // a cycle made up for the check is found
    const a = join(SRC, 'a.ts');
    const b = join(SRC, 'b.ts');
    expect(cycles(new Map([[a, [b]], [b, [a]]]))).toEqual([['a.ts', 'b.ts']]);
  });

  it('none among the modules that run, but those listed as left', () => {
    expect(unexpected(cycles(graphOf(false)), RUNTIME_CYCLES_LEFT)).toEqual([]);
  });

  it('none among all imports, types included, outside the groups listed as left', () => {
    expect(unexpected(cycles(graphOf(true)), [...TYPE_CYCLES_LEFT, ...RUNTIME_CYCLES_LEFT])).toEqual([]);
  });

  it('the groups listed as left are exactly the cycles still there, so one broken must leave the list', () => {
    const sorted = (groups: readonly (readonly string[])[]) => groups.map((g) => [...g].sort()).sort((a, b) => a.join().localeCompare(b.join()));
    expect(sorted(cycles(graphOf(false)))).toEqual(sorted(RUNTIME_CYCLES_LEFT));
    expect(sorted(cycles(graphOf(true)))).toEqual(sorted([...TYPE_CYCLES_LEFT, ...RUNTIME_CYCLES_LEFT]));
  });
});
