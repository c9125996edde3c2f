/**
 * Keeps the code of docs/dsl.md correct: every ```ts block is a module importing from
 * 'callfire-dialplan'; all of them must type-check under strict settings in one tsc run
 * (compile errors shown on purpose carry `// @ts-expect-error`), run without throwing (their
 * `assert`s included), and those that `export default` a plan must be valid and lint without
 * errors. An ```xml block right after a ```ts block must be exactly that plan's output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFlow } from '../../src/cli/load-flow.js';
import { compile } from '../../src/compile/compile.js';
import { lint } from '../../src/validate/lint/lint.js';
import { validate } from '../../src/validate/validate.js';

const GUIDE = fileURLToPath(new URL('../../docs/dsl.md', import.meta.url));
const INDEX = fileURLToPath(new URL('../../src/index.ts', import.meta.url));
const PACKAGE = 'callfire-dialplan';

interface Block {
  readonly lang: string;
  readonly code: string;
  /** Line of the opening fence, 1-based. */
  readonly line: number;
}

/** The fenced code blocks of a Markdown text, in order. */
function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    if (i >= lines.length) throw new Error(`docs/dsl.md:${start + 1}: code block is not closed`);
    blocks.push({ lang: open[1]!, code: `${body.join('\n')}\n`, line: start + 1 });
  }
  return blocks;
}

const blocks = fencedBlocks(readFileSync(GUIDE, 'utf8'));
const tsBlocks = blocks.filter((b) => b.lang === 'ts');
const dir = mkdtempSync(join(tmpdir(), 'dsl-guide-'));
const fileOf = (b: Block) => join(dir, `block-line-${b.line}.ts`);
const exportsPlan = (b: Block) => /^export default /m.test(b.code);

writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
for (const b of tsBlocks) {
  const code = b.code.replaceAll(`from '${PACKAGE}'`, `from ${JSON.stringify(INDEX)}`);
  writeFileSync(fileOf(b), code);
}

/** The XML shown right after a ts block: the next fenced block, when it is ```xml. */
const shownXml = new Map<Block, Block>();
for (let i = 0; i + 1 < blocks.length; i++) {
  if (blocks[i]!.lang === 'ts' && blocks[i + 1]!.lang === 'xml') shownXml.set(blocks[i]!, blocks[i + 1]!);
}

describe('docs/dsl.md', () => {
  it('has ts examples, each a self-contained module importing from callfire-dialplan', () => {
    expect(tsBlocks.length).toBeGreaterThan(10);
    for (const b of tsBlocks) {
      expect(b.code, `block at line ${b.line}`).toContain(`from '${PACKAGE}'`);
      const specifiers = [...b.code.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
      for (const s of specifiers) expect([PACKAGE, 'node:assert/strict'], `import at line ${b.line}`).toContain(s);
    }
  });

  it('type-checks every ts example under strict settings', () => {
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          noImplicitOverride: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          lib: ['ES2023'],
          noEmit: true,
          allowImportingTsExtensions: true,
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [fileURLToPath(new URL('../../node_modules/@types', import.meta.url))],
        },
        include: ['*.ts'],
      }),
    );
    const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
    const r = spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8', timeout: 120_000 });
    // Point failures at the guide's lines: block-line-<fence>.ts(<n>,…) is line fence + n of dsl.md.
    const output = (r.stdout + r.stderr).replace(/[^\s(]*block-line-(\d+)\.ts\((\d+),(\d+)\)/g, (_, fence: string, n: string, col: string) => `docs/dsl.md:${Number(fence) + Number(n)}:${col}`);
    expect(output).toBe('');
    expect(r.status).toBe(0);
  }, 150_000);

  describe.each(tsBlocks.map((b) => [b.line, b] as const))('the example at line %i', (_line, block) => {
    if (exportsPlan(block)) {
      it('builds a plan that is valid and lints without errors', async () => {
        const doc = await loadFlow(fileOf(block));
        expect(validate(doc).diagnostics).toEqual([]);
        expect(lint(doc).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      });
      const xml = shownXml.get(block);
      if (xml) {
        it(`compiles to the XML shown after it (line ${xml.line})`, async () => {
          expect(compile(await loadFlow(fileOf(block)))).toBe(xml.code);
        });
      }
    } else {
      it('runs without throwing', async () => {
        const { tsImport } = await import('tsx/esm/api');
        await tsImport(pathToFileURL(fileOf(block)).href, import.meta.url);
      });
      it('is followed by no XML (only plans show their output)', () => {
        expect(shownXml.has(block)).toBe(false);
      });
    }
  });
});
