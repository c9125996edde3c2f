/**
 * Transcripts before and after: every change to the engine (its caches and fast paths most of
 * all) must leave what a simulation returns exactly as it was. The transcripts of our own plans
 * (see transcript-plans.ts) are committed in full, so a difference reads as a diff; those of
 * the real corpus beside the project are committed as digests only (the corpus is third-party
 * material and stays out of the repository) and compared when the corpus is present.
 *
 * After a change that is meant to change transcripts, rewrite both files with
 * `UPDATE_TRANSCRIPTS=1 npx vitest run test/simulate/transcripts.test.ts` and review the diff.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulate/simulate.js';
import type { SimulationResult } from '../../src/simulate/types.js';
import { corpusFiles, corpusPresent, readCorpus } from '../util.js';
import { COMMON, snapshotPlans } from './transcript-plans.js';

const UPDATE = process.env['UPDATE_TRANSCRIPTS'] === '1';
const OURS = fileURLToPath(new URL('../fixtures/simulate/transcripts.json', import.meta.url));
const CORPUS = fileURLToPath(new URL('../fixtures/simulate/corpus-transcripts.json', import.meta.url));

/** Per plan: its distinct transcripts, and which one each script gave (most plans end the same way under several scripts). */
type Transcripts = Record<string, { readonly byScript: number[]; readonly results: SimulationResult[] }>;

const readJson = <T>(path: string): T | undefined => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined);
/** The result as JSON would carry it (what the CLI prints and the snapshot holds). */
const plain = (r: SimulationResult): SimulationResult => JSON.parse(JSON.stringify(r)) as SimulationResult;
/** One transcript a line: small enough to commit, and a change shows as the lines of the transcripts it changed. */
const format = (t: Transcripts): string =>
  `{\n${Object.entries(t)
    .map(([name, { byScript, results }]) => ` ${JSON.stringify(name)}: {"byScript": ${JSON.stringify(byScript)}, "results": [\n${results.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n ]}`)
    .join(',\n')}\n}\n`;
const digest = (r: SimulationResult): string => createHash('sha256').update(JSON.stringify(r)).digest('hex');

describe('transcripts stay the same', () => {
  it('of our own plans: examples, fixtures, the benchmark plan, every way of writing an expression', async () => {
    const now: Transcripts = {};
    for (const plan of snapshotPlans()) {
      const seen = new Map<string, number>();
      const entry: Transcripts[string] = { byScript: [], results: [] };
      for (const script of plan.scripts) {
        const r = plain(await simulate(plan.xml, script));
        const key = JSON.stringify(r);
        if (!seen.has(key)) seen.set(key, entry.results.push(r) - 1);
        entry.byScript.push(seen.get(key)!);
      }
      now[plan.name] = entry;
    }
    if (UPDATE) writeFileSync(OURS, format(now));
    const before = readJson<Transcripts>(OURS);
    expect(before, `${OURS} is missing: write it with UPDATE_TRANSCRIPTS=1`).toBeDefined();
    expect(Object.keys(now)).toEqual(Object.keys(before!));
    for (const name of Object.keys(now)) expect(now[name], name).toEqual(before![name]);
  }, 120_000);

  it.skipIf(!corpusPresent)('of the real corpus (compared by digest)', async () => {
    const now: Record<string, string[]> = {};
    /** How each call ended, to say more than a digest when one differs. */
    const endings: Record<string, string[]> = {};
    for (const file of corpusFiles) {
      const xml = readCorpus(file);
      const digests: string[] = [];
      endings[file] = [];
      for (const script of COMMON) {
        const r = await simulate(xml, script);
        digests.push(digest(r));
        endings[file].push(`${JSON.stringify(script)}: ${r.ended}${r.error ? ` (${r.error.message})` : ''}, ${r.events.length} events`);
      }
      now[file] = digests;
    }
    if (UPDATE) writeFileSync(CORPUS, `${JSON.stringify(now, null, 1)}\n`);
    const before = readJson<Record<string, string[]>>(CORPUS);
    expect(before, `${CORPUS} is missing: write it with UPDATE_TRANSCRIPTS=1`).toBeDefined();
    expect(Object.keys(now)).toEqual(Object.keys(before!));
    for (const file of Object.keys(now)) {
      for (const [i, d] of now[file]!.entries()) expect(d, `${file}, ${endings[file]![i]}`).toBe(before![file]![i]);
    }
  }, 120_000);
});
