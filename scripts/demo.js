#!/usr/bin/env node
// `npm run demo`: the main job on built-in defaults. Builds the example flows with the DSL,
// validates them and prints a summary. Runs from a fresh clone after `npm ci` (which builds dist/).
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile, validate } from '../dist/index.js';
import { loadFlow } from '../dist/cli/load-flow.js';

const examples = fileURLToPath(new URL('../examples/', import.meta.url));
const flows = (await readdir(examples)).filter((f) => f.endsWith('.ts')).sort();
let failed = 0;
for (const file of flows) {
  const doc = await loadFlow(`${examples}${file}`);
  const xml = compile(doc);
  const { ok, diagnostics } = validate(doc);
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${file.padEnd(28)} ${String(xml.split('\n').length).padStart(4)} lines of DialplanXml`);
  for (const d of diagnostics) console.log(`      ${d.severity} ${d.path}: ${d.message} (${d.rule})`);
}
console.log(`\n${flows.length} flows built and validated against schemas/dialplan.xsd${failed ? `, ${failed} with errors` : ''}.`);
process.exitCode = failed ? 1 : 0;
