/**
 * Shared test helpers.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { DocumentNode } from '../src/ast/nodes.js';
import { parse } from '../src/parse/parse.js';
import type { SimulationResult } from '../src/simulate/types.js';

/**
 * CallFire's real dialplans beside the project (`../shared/corpus/real`: third-party data, read
 * in place, never copied). Where the folder is absent the corpus tests report themselves
 * skipped; test/conformance/corpus.test.ts checks that all 45 are listed where it is present.
 */
export const CORPUS_DIR = fileURLToPath(new URL('../../shared/corpus/real/', import.meta.url));
/** Whether the corpus folder is there. */
export const corpusPresent = existsSync(CORPUS_DIR);
/** The corpus file names, sorted; empty where the folder is absent. */
export const corpusFiles: readonly string[] = corpusPresent ? readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.xml')).sort() : [];
/** The text of one corpus file. */
export const readCorpus = (file: string): string => readFileSync(CORPUS_DIR + file, 'utf8');

/** Parses XML that must be a well-formed dialplan, failing the test otherwise. */
export function parsedDocument(xml: string): DocumentNode {
  const r = parse(xml);
  expect(r.diagnostics).toEqual([]);
  return r.document!;
}

/** What the IVR said during a simulated call, in order. */
export const said = (r: SimulationResult): string[] => r.events.flatMap((e) => (e.type === 'play' ? [e.text] : []));


type WithoutLoc<T> = T extends readonly (infer E)[] ? readonly WithoutLoc<E>[] : T extends object ? { [K in keyof T as K extends 'loc' | 'span' ? never : K]: WithoutLoc<T[K]> } : T;

/** A deep copy of a syntax tree (or any node or value) without the `loc` and `span` fields `parse()` adds. */
export function stripLoc<T>(value: T): WithoutLoc<T> {
  if (Array.isArray(value)) return value.map((v: unknown) => stripLoc(v)) as WithoutLoc<T>;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== 'loc' && k !== 'span') out[k] = stripLoc(v);
    return out as WithoutLoc<T>;
  }
  return value as WithoutLoc<T>;
}

