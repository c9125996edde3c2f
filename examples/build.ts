/**
 * Compiles every example flow to the XML checked in next to it:
 *
 *     npx tsx examples/build.ts
 *
 * test/examples.test.ts compares the two, so run this after changing an example.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plan } from '../src/index.js';
import { compile } from '../src/index.js';

/** The examples, by file name without extension. */
export const EXAMPLES = ['appointment-reminder', 'survey', 'inbound-tree', 'account-check', 'delivery'] as const;

/** Loads an example's plan (its default export). */
export async function loadExample(name: (typeof EXAMPLES)[number]): Promise<Plan> {
  const mod = (await import(`./${name}.js`)) as { default: Plan };
  return mod.default;
}

async function main(): Promise<void> {
  for (const name of EXAMPLES) {
    const xml = compile((await loadExample(name)).toAst());
    const file = new URL(`./${name}.xml`, import.meta.url);
    await writeFile(file, xml);
    process.stdout.write(`wrote examples/${name}.xml\n`);
  }
}

// Run as a script (not when imported by the tests).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
