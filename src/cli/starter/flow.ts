/**
 * The starter flow `dialplan init` writes: examples/delivery.ts and its scenarios, the one copy
 * (the package ships both for this), so the example's tests are the starter's tests. The flow
 * is an outbound delivery confirmation that uses answering-machine detection, a menu with a
 * bounded retry, a transfer and stashed answers, so every part of the toolkit has something to
 * work on.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../../util/package-root.js';

/** How the example imports the DSL, and where its scenarios find it: the two things init changes. */
const EXAMPLE_IMPORT = "from '../src/index.js';";
const EXAMPLE_PLAN = 'plan: ../delivery.ts';

async function example(path: string, from: string, to: string): Promise<string> {
  const file = join(packageRoot(), 'examples', path);
  const text = await readFile(file, 'utf8');
  // the example and this module change together: a missing anchor is the package's bug, not the user's
  if (!text.includes(from)) throw new Error(`${file} no longer holds "${from}"`);
  return text.replace(from, to);
}

/** The flow module, importing the DSL from `importFrom`. */
export function starterFlow(importFrom: string): Promise<string> {
  return example('delivery.ts', EXAMPLE_IMPORT, `from '${importFrom}';`);
}

/** Its scenario file, one scenario per branch, for flows/delivery.scenarios.yaml beside the flow. */
export function starterScenarios(): Promise<string> {
  return example('scenarios/delivery.scenarios.yaml', EXAMPLE_PLAN, 'plan: ./delivery.ts');
}
