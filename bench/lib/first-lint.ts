/**
 * The child process of bench/lint.ts's "first lint in a fresh process" row: lints the files
 * named on the command line once each, in a process that has linted nothing before, and
 * prints `{"cpu": ms, "wall": ms}` of that work as one JSON line.
 *
 * The modules are imported (tsx transpiling them) before the clock starts, so the figure is
 * lint's own first run: the XSD compiled and libxml2 loaded on the first call, every
 * function run for the first time (interpreted, compiled lazily), the caches empty. The
 * files are read before it too, as xmllint's reading is a few microseconds of its time.
 */
import { readFileSync } from 'node:fs';
import { lint } from '../../src/validate/lint/lint.js';
import { inProcess } from '../measure.js';

const texts = process.argv.slice(2).map((f) => readFileSync(f, 'utf8'));
let findings = 0;
const cost = inProcess(() => {
  for (const t of texts) findings += lint(t).diagnostics.length;
});
// the count goes out too, so the work cannot be skipped and the parent can check it
console.log(JSON.stringify({ ...cost, findings }));
