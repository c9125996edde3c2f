/**
 * Keeps the API reference navigable: typedoc lists each entry of the package (typedoc.json's
 * entryPoints) on its own page, and a large entry's page is split into the categories of
 * typedoc.json's categoryOrder. So every export of a large entry must carry exactly one
 * `@category` that categoryOrder names (a typo would make a category of its own, placed last),
 * and every export of any entry a doc comment (typedoc's notDocumented check says the same, but
 * only as a warning).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** An entry with more exports than this is "large": its page is split into categories. */
const LARGE = 30;

interface TypedocConfig {
  readonly entryPoints: readonly string[];
  readonly categoryOrder: readonly string[];
}
const config = JSON.parse(readFileSync(`${ROOT}typedoc.json`, 'utf8')) as TypedocConfig;

interface Export {
  readonly name: string;
  /** Where it is declared, `src/file.ts:line`. */
  readonly at: string;
  readonly documented: boolean;
  readonly categories: readonly string[];
}

/** The exports of every entry, each with the doc comment typedoc reads (the one nearest its declaration). */
function entryExports(): Map<string, Export[]> {
  const parsed = ts.getParsedCommandLineOfConfigFile(`${ROOT}tsconfig.build.json`, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error('tsconfig.build.json could not be read');
  const program = ts.createProgram(config.entryPoints.map((e) => `${ROOT}${e}`), parsed.options);
  const checker = program.getTypeChecker();
  const result = new Map<string, Export[]>();
  for (const entry of config.entryPoints) {
    const file = program.getSourceFile(`${ROOT}${entry}`);
    const moduleSymbol = file && checker.getSymbolAtLocation(file);
    if (!moduleSymbol) throw new Error(`${entry}: not a module`);
    result.set(entry, checker.getExportsOfModule(moduleSymbol).map((symbol) => describeExport(checker, symbol)));
  }
  return result;
}

function describeExport(checker: ts.TypeChecker, exported: ts.Symbol): Export {
  const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const declaration = symbol.declarations?.[0];
  if (!declaration) return { name: exported.name, at: '?', documented: false, categories: [] };
  // A `const` is documented on its statement; typedoc, like TypeScript, reads the last JSDoc block before it.
  const holder = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
  const docs = ts.getJSDocCommentsAndTags(holder).filter(ts.isJSDoc);
  const doc = docs[docs.length - 1];
  const source = declaration.getSourceFile();
  const line = source.getLineAndCharacterOfPosition(declaration.getStart()).line + 1;
  return {
    name: exported.name,
    at: `${source.fileName.slice(ROOT.length)}:${line}`,
    documented: doc !== undefined && ts.getTextOfJSDocComment(doc.comment)?.trim() !== undefined && ts.getTextOfJSDocComment(doc.comment)?.trim() !== '',
    categories: (doc?.tags ?? []).filter((t) => t.tagName.text === 'category').map((t) => ts.getTextOfJSDocComment(t.comment)?.trim() ?? ''),
  };
}

describe('API reference', () => {
  const entries = entryExports();

  it('reads every entry of typedoc.json, and the large ones are the ones issue 14 names', () => {
    expect(entries.size).toBe(config.entryPoints.length);
    const large = [...entries].filter(([, exports]) => exports.length > LARGE).map(([entry]) => entry);
    expect(large).toEqual(expect.arrayContaining(['src/index.ts', 'src/entries/lint.ts', 'src/entries/broadcast.ts', 'src/entries/catalog.ts', 'src/entries/simulate.ts']));
  });

  it('documents every export of every entry', () => {
    const undocumented = [...entries].flatMap(([entry, exports]) => exports.filter((e) => !e.documented).map((e) => `${entry}: ${e.name} (${e.at})`));
    expect(undocumented).toEqual([]);
  });

  it('gives every export of a large entry one category that typedoc.json orders', () => {
    const known = new Set(config.categoryOrder);
    const wrong = [...entries]
      .filter(([, exports]) => exports.length > LARGE)
      .flatMap(([entry, exports]) =>
        exports
          .filter((e) => e.categories.length !== 1 || !known.has(e.categories[0]!))
          .map((e) => `${entry}: ${e.name} (${e.at}) has ${e.categories.length === 0 ? 'no @category' : `@category ${e.categories.join(', ')}`}`),
      );
    expect(wrong).toEqual([]);
  });

  it('uses every category it orders, so the order lists no stale names', () => {
    const used = new Set([...entries.values()].flat().flatMap((e) => e.categories));
    expect(config.categoryOrder.filter((c) => c !== '*' && !used.has(c))).toEqual([]);
  });
});
