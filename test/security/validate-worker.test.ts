/**
 * validate() in worker threads (issue 15, item 11; `lint --jobs` needs it): libxmljs2 is not
 * a context-aware addon, and used to fail in every thread after the first with "Module did
 * not self-register". Real Workers, each loading the project from source through tsx.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/validate/validate.js';
import { compiledSchemaUnavailable } from '../../src/validate/xsd/compiled-schema.js';

const GOOD = '<dialplan name="x"><play type="tts">hi</play></dialplan>';
const BAD = '<dialplan name="x"><bogus/></dialplan>';
const SOURCE = new URL('../../src/validate/validate.ts', import.meta.url).href;
const ENGINE = new URL('../../src/validate/xsd/compiled-schema.ts', import.meta.url).href;

/** Validates `plans` in a fresh worker thread; resolves what it found, or its error. */
function inWorker(plans: readonly string[]): Promise<unknown> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    import('tsx/esm/api')
      .then((tsx) => { tsx.register(); return Promise.all([import(workerData.source), import(workerData.engine)]); })
      .then(([m, engine]) => parentPort.postMessage({
        results: workerData.plans.map((p) => { const r = m.validate(p); return { ok: r.ok, messages: r.diagnostics.map((d) => d.message) }; }),
        fast: engine.compiledSchemaUnavailable() === undefined,
      }))
      .catch((e) => parentPort.postMessage({ error: String(e && e.message) }));`;
  const worker = new Worker(code, { eval: true, workerData: { plans, source: SOURCE, engine: ENGINE } });
  return new Promise((resolve) => {
    worker.once('message', (m) => void worker.terminate().then(() => resolve(m)));
    worker.once('error', (e: Error) => resolve({ error: e.message }));
  });
}

describe('validate() in worker threads', () => {
  it('gives the same answers in the main thread and in several workers, before and after each other', async () => {
    const expected = [GOOD, BAD].map((p) => {
      const r = validate(p);
      return { ok: r.ok, messages: r.diagnostics.map((d) => d.message) };
    });
    expect(expected[0]!.ok).toBe(true);
    expect(expected[1]!.ok).toBe(false);
    const fast = compiledSchemaUnavailable() === undefined;
    const [a, b] = await Promise.all([inWorker([GOOD, BAD]), inWorker([BAD, GOOD])]);
    expect(a).toEqual({ results: expected, fast });
    expect(b).toEqual({ results: [expected[1], expected[0]], fast });
    // A later worker, after the first ones ended, and the main thread still work.
    expect(await inWorker([BAD])).toEqual({ results: [expected[1]], fast });
    expect(validate(BAD).diagnostics.map((d) => d.message)).toEqual(expected[1]!.messages);
  }, 60_000);
});
