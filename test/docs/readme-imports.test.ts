/**
 * The README and the guides name each function by the entry it is imported from; this holds
 * them to the entries' real exports (values and types, read with the TypeScript checker from
 * the files package.json's exports map points at):
 *
 * - every name in the README's "Library API" table is exported by the entry of its row;
 * - a paragraph that says where its functions come from ("In the library
 *   (`callfire-dialplan/graph`): `toMermaid(plan)`, …") names only functions exported by an
 *   entry that paragraph names;
 * - every `import { … } from 'callfire-dialplan…'` in a code block of README.md or docs/*.md
 *   imports names that entry exports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGE = 'callfire-dialplan';

/** The source file of each import specifier (`callfire-dialplan/lint` → src/entries/lint.ts), from package.json's exports. */
function entrySources(): Map<string, string> {
  const { exports } = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { exports: Record<string, unknown> };
  const out = new Map<string, string>();
  for (const [key, target] of Object.entries(exports)) {
    const types = (target as { types?: string }).types;
    if (typeof types !== 'string') continue; // schemas/*, package.json
    const specifier = key === '.' ? PACKAGE : `${PACKAGE}/${key.slice(2)}`;
    out.set(specifier, `${ROOT}${types.replace(/^\.\/dist\//, 'src/').replace(/\.d\.ts$/, '.ts')}`);
  }
  return out;
}

/** The names (values and types) each entry exports. */
function entryExports(): Map<string, ReadonlySet<string>> {
  const sources = entrySources();
  const parsed = ts.getParsedCommandLineOfConfigFile(`${ROOT}tsconfig.build.json`, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error('tsconfig.build.json could not be read');
  const program = ts.createProgram([...sources.values()], parsed.options);
  const checker = program.getTypeChecker();
  const out = new Map<string, ReadonlySet<string>>();
  for (const [specifier, file] of sources) {
    const source = program.getSourceFile(file);
    const symbol = source && checker.getSymbolAtLocation(source);
    if (!symbol) throw new Error(`${file}: no module`);
    out.set(specifier, new Set(checker.getExportsOfModule(symbol).map((s) => s.name)));
  }
  return out;
}

const EXPORTS = entryExports();
const README = readFileSync(`${ROOT}README.md`, 'utf8');

/** Markdown without its fenced code blocks (their lines become empty, so paragraphs stay apart). */
const prose = (md: string) => md.replace(/^```[\s\S]*?^```/gm, (block) => block.replace(/[^\n]/g, ''));
/** The code of the fenced blocks. */
const codeBlocks = (md: string) => [...md.matchAll(/^```\w*\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
/** `name` of a code span `name`, `name(args)` or `new Name(args)`; undefined for anything else (`.toXml()`, `…`). */
const spanName = (span: string) => /^(?:new\s+)?([A-Za-z_$][\w$]*)(?:\(.*\))?$/.exec(span.trim())?.[1];
const spans = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
const specifiersIn = (text: string) => spans(text).filter((s) => s === PACKAGE || s.startsWith(`${PACKAGE}/`));

describe('README and docs name what the entries export', () => {
  it('every entry the README names exists in package.json exports', () => {
    const named = new Set(specifiersIn(prose(README)));
    expect(named.size).toBeGreaterThan(5);
    expect([...named].filter((s) => !EXPORTS.has(s))).toEqual([]);
  });

  it("the Library API table: each name is exported by its row's entry", () => {
    const section = README.slice(README.indexOf('## Library API'), README.indexOf('\n## ', README.indexOf('## Library API') + 1));
    const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| import from') && !l.startsWith('|---'));
    expect(rows.length).toBeGreaterThan(10);
    let entry = '';
    const missing: string[] = [];
    let checked = 0;
    for (const row of rows) {
      const [from = '', names = ''] = row.split('|').slice(1).map((c) => c.trim());
      if (from !== '') entry = /^`([^`]+)`$/.exec(from)?.[1] ?? from;
      const exported = EXPORTS.get(entry);
      if (!exported) {
        missing.push(`${entry}: not an entry`);
        continue;
      }
      for (const span of spans(names)) {
        const name = spanName(span);
        if (name === undefined) continue;
        checked++;
        if (!exported.has(name)) missing.push(`${entry}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  });

  it('a paragraph that names its entries names only functions they export', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const paragraph of prose(README).split(/\n\s*\n/)) {
      if (paragraph.startsWith('|')) continue; // the table, above
      const entries = specifiersIn(paragraph);
      if (entries.length === 0) continue;
      for (const span of spans(paragraph)) {
        // only calls (`name(…)`), so option names and methods (`sendCall`) mentioned beside them are not taken for exports
        if (!/^(?:new\s+)?[A-Za-z_$][\w$]*\(/.test(span)) continue;
        const name = spanName(span)!;
        if (name === 'require') continue; // Node's, as in "`require()` works too"
        checked++;
        if (!entries.some((e) => EXPORTS.get(e)?.has(name))) missing.push(`${name} (paragraph naming ${entries.join(', ')})`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(10);
  });

  const documents = ['README.md', ...readdirSync(`${ROOT}docs`).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  /** The named imports from the package in a document's code blocks, as [specifier, name]. */
  const importsOf = (file: string): Array<[string, string]> =>
    codeBlocks(readFileSync(`${ROOT}${file}`, 'utf8')).flatMap((code) =>
      [...code.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'(callfire-dialplan(?:\/[\w-]+)?)'/g)].flatMap((m) =>
        m[1]!
          .split(',')
          .map((item) => item.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!)
          .filter((name) => name !== '')
          .map((name): [string, string] => [m[2]!, name]),
      ),
    );

  it('the documents import from the package in their examples', () => {
    expect(documents.flatMap(importsOf).length).toBeGreaterThan(10);
  });

  it.each(documents)('%s: every import from the package names exports of its entry', (file) => {
    expect(importsOf(file).filter(([entry, name]) => !EXPORTS.get(entry)?.has(name)).map(([entry, name]) => `${entry}: ${name}`)).toEqual([]);
  });
});
