/**
 * CallFire's 45 real dialplans (../shared/corpus/real, read in place) open in the language
 * server with exactly the findings `dialplan lint` reports for them. Skipped where the corpus
 * folder is absent.
 */
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';
import { CORPUS_DIR, corpusFiles, corpusPresent, readCorpus } from '../util.js';
import { startServer, type Server } from './client.js';

interface LintFinding {
  readonly rule: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly line: number | null;
  readonly column: number | null;
}

describe.skipIf(!corpusPresent)('the real corpus in the editor', () => {
  let server: Server;
  let byFile: Map<string, LintFinding[]>;

  beforeAll(async () => {
    server = await startServer({ initializationOptions: { debounceMs: 0 } });
    const { stdout } = await run(['lint', '--format', 'json', ...corpusFiles], CORPUS_DIR);
    byFile = new Map((JSON.parse(stdout) as Array<{ file: string; diagnostics: LintFinding[] }>).map((r) => [r.file, r.diagnostics]));
    // a server start and a lint of 45 files: seconds on a busy machine, not a hang
  }, 60_000);
  afterAll(async () => {
    expect(await server.stop()).toBe(0);
  });

  it('has all 45 plans', () => {
    expect(corpusFiles).toHaveLength(45);
    expect(byFile.size).toBe(45);
  });

  it.each(corpusFiles)('%s: the same findings as dialplan lint', async (file) => {
    const uri = pathToFileURL(CORPUS_DIR + file).href;
    const got = server.diagnostics(uri);
    server.open(uri, readCorpus(file), 'xml');
    const diagnostics = await got;
    const expected = byFile.get(file)!;
    const key = (rule: unknown, severity: string, message: string) => `${String(rule)} ${severity} ${message}`;
    const text = (d: (typeof diagnostics)[number]) => (typeof d.message === 'string' ? d.message : d.message.value);
    expect(diagnostics.map((d) => key(d.code, d.severity === 1 ? 'error' : 'warning', text(d))).sort()).toEqual(
      expected.map((d) => key(d.rule, d.severity, d.message)).sort(),
    );
    // each at (or inside) the place lint names
    for (const d of diagnostics) {
      const lint = expected.find((e) => e.rule === d.code && e.message === text(d))!;
      if (lint.line === null) continue;
      const start = d.range.start;
      expect(start.line + 1 > lint.line || (start.line + 1 === lint.line && start.character + 1 >= (lint.column ?? 1))).toBe(true);
    }
    server.close(uri);
  });
});
