/**
 * Fixes as data and `lint --fix`: fixes are exact edits, applied without overlaps, repeated
 * until none is left, and never change what the call does beyond the finding itself.
 */
import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/parse.js';
import { generateScenarios } from '../../src/simulate/generate.js';
import { simulate } from '../../src/simulate/simulate.js';
import { formatTranscript } from '../../src/simulate/transcript.js';
import type { Script } from '../../src/simulate/types.js';
import type { Diagnostic } from '../../src/validate/diagnostic.js';
import { applyFixes, fixDialplan } from '../../src/validate/lint/apply-fixes.js';
import { lint } from '../../src/validate/lint/lint.js';
import { RULES } from '../../src/validate/lint/rules/index.js';
import { formatJson } from '../../src/validate/report/json.js';
import { formatSarif } from '../../src/validate/report/sarif.js';
import { corpusFiles, corpusPresent, readCorpus } from '../util.js';
import { run } from '../cli/run.js';

const wrap = (body: string) => `<dialplan name="Root">\n${body}\n</dialplan>\n`;

const TYPOS = wrap(
  [
    '  <menu name="main" maxDigits="1" timeout="5">',
    '    <play type="tts" voice="femaleSpanish">Hola ${call.field.e}, you pressed $call.lastinput.</play>',
    '    <keypress pressed="1"><goto>mian</goto></keypress>',
    '    <keypress pressed="DEFAULT"><goto>main</goto></keypress>',
    '  </menu>',
    '  <transfer callerID="2135551212" musiconhold="Silent">2135551212</transfer>',
  ].join('\n'),
);

const FIXED = wrap(
  [
    '  <menu name="main" maxDigits="1" timeout="5">',
    '    <play type="tts" voice="spanish1">Hola ${contact.e}, you pressed ${call.lastinput}.</play>',
    '    <keypress pressed="1"><goto>main</goto></keypress>',
    '    <keypress pressed="default"><goto>main</goto></keypress>',
    '  </menu>',
    '  <transfer callerid="2135551212" musiconhold="silence">2135551212</transfer>',
  ].join('\n'),
);

describe('fixes', () => {
  it('fixes every certain finding, and only those', () => {
    const out = fixDialplan(TYPOS);
    expect(out.text).toBe(FIXED);
    expect(out.fixed.map((d) => d.rule).sort()).toEqual(['legacy-value', 'legacy-value', 'legacy-value', 'schema', 'schema', 'unknown-goto-target', 'variable-syntax']);
    expect(out.result.diagnostics.filter((d) => d.fix)).toEqual([]);
    // a second run finds nothing left to fix
    expect(fixDialplan(out.text).changed).toBe(false);
  });

  it('makes no fix where the intent is uncertain', () => {
    // two names are one typo away from "mian"; a menu without fallback; an empty range
    const xml = wrap(
      [
        '  <goto>mian</goto>',
        '  <play name="main" type="tts">A</play>',
        '  <play name="mean" type="tts">B</play>',
        '  <menu maxDigits="1"><play type="tts">Hi</play><keypress pressed="9-1"><hangup/></keypress></menu>',
      ].join('\n'),
    );
    const found = lint(xml).diagnostics;
    expect(found.map((d) => d.rule)).toEqual(expect.arrayContaining(['unknown-goto-target', 'menu-without-fallback', 'invalid-key-range']));
    expect(found.filter((d) => d.fix)).toEqual([]);
    expect(fixDialplan(xml).changed).toBe(false);
  });

  it('does not fix a value the source spells with entities or CDATA', () => {
    const xml = wrap('  <goto><![CDATA[mian]]></goto>\n  <play name="main" type="tts">A</play>');
    const d = lint(xml).diagnostics.find((x) => x.rule === 'unknown-goto-target')!;
    expect(d.data).toMatchObject({ target: 'mian', suggestion: 'main' });
    expect(d.fix).toBeUndefined();
  });

  it('defers a fix that overlaps one already taken, and keeps a byte-order mark', () => {
    const range = { start: { line: 1, column: 2 }, end: { line: 1, column: 4 } };
    const a: Diagnostic = { rule: 'a', severity: 'error', message: 'a', path: '/', fix: { description: 'a', edits: [{ range, text: 'XY' }] } };
    const b: Diagnostic = { ...a, rule: 'b', fix: { description: 'b', edits: [{ range: { start: { line: 1, column: 3 }, end: { line: 1, column: 5 } }, text: 'Z' }] } };
    const c: Diagnostic = { ...a, rule: 'c', fix: { description: 'c', edits: [{ range: { start: { line: 2, column: 1 }, end: { line: 2, column: 1 } }, text: '>' }] } };
    const out = applyFixes('\ufeffabcdef\nline two', [b, a, c]);
    expect(out.text).toBe('\ufeffaXYdef\n>line two');
    expect(out.applied.map((d) => d.rule)).toEqual(['a', 'c']);
    expect(out.deferred.map((d) => d.rule)).toEqual(['b']);
  });

  it('carries fixes in the JSON and SARIF reports', () => {
    const diagnostics = lint(TYPOS).diagnostics;
    const json = JSON.parse(formatJson([{ file: 'plans/a.xml', diagnostics }]))[0].diagnostics as Diagnostic[];
    const goto = json.find((d) => d.rule === 'unknown-goto-target')!;
    expect(goto.fix).toEqual({ description: 'Jump to "main"', edits: [{ range: { start: { line: 4, column: 33 }, end: { line: 4, column: 37 } }, text: 'main' }] });
    expect(goto.data).toEqual({ target: 'mian', via: 'goto', suggestion: 'main' });
    const sarif = JSON.parse(formatSarif([{ file: 'plans/a.xml', diagnostics }], { rules: RULES, baseDir: '.' }));
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'unknown-goto-target');
    expect(result.fixes).toEqual([
      {
        description: { text: 'Jump to "main"' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'plans/a.xml', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 4, startColumn: 33, endLine: 4, endColumn: 37 }, insertedContent: { text: 'main' } }],
          },
        ],
      },
    ]);
    expect(result.locations[0].physicalLocation.region).toEqual({ startLine: 4, startColumn: 33, endLine: 4, endColumn: 37 });
  });
});

describe('dialplan lint --fix', () => {
  const setUp = () => {
    const dir = mkdtempSync(join(tmpdir(), 'dialplan-fix-'));
    writeFileSync(join(dir, 'typos.xml'), TYPOS);
    writeFileSync(join(dir, 'clean.xml'), FIXED);
    // a file the fix leaves alone keeps this modification time; writing it would reset it
    utimesSync(join(dir, 'clean.xml'), 1, 1);
    return dir;
  };

  it('rewrites only the files that changed and reports what it fixed and what remains', async () => {
    const dir = setUp();
    const r = await run(['lint', '--fix', 'typos.xml', 'clean.xml'], dir);
    expect(readFileSync(join(dir, 'typos.xml'), 'utf8')).toBe(FIXED);
    expect(statSync(join(dir, 'clean.xml')).mtimeMs).toBe(1000);
    expect(r.stdout).toContain('typos.xml: fixed 7 findings');
    expect(r.stdout).toContain('fixed unknown-goto-target (line 4): Jump to "main"');
    expect(r.stdout).not.toContain('clean.xml: fixed');
    expect(r.code).toBe(0);
  });

  it('--fix-dry-run prints the diff and writes nothing', async () => {
    const dir = setUp();
    const r = await run(['lint', '--fix-dry-run', 'typos.xml'], dir);
    expect(readFileSync(join(dir, 'typos.xml'), 'utf8')).toBe(TYPOS);
    expect(r.stdout).toContain('--- a/typos.xml\n+++ b/typos.xml\n');
    expect(r.stdout).toContain('\n-    <keypress pressed="1"><goto>mian</goto></keypress>\n');
    expect(r.stdout).toContain('\n+    <keypress pressed="1"><goto>main</goto></keypress>\n');
    expect(r.stdout).toContain('typos.xml: would fix 7 findings');
    // what remains is the lint of the fixed text: nothing in this plan
    expect(r.code).toBe(0);
  });

  it('keeps the JSON report parseable: the summary goes to stderr', async () => {
    const dir = setUp();
    const r = await run(['lint', '--fix-dry-run', '--format', 'json', 'typos.xml'], dir);
    expect(JSON.parse(r.stdout)[0].diagnostics).toEqual([]);
    expect(r.stderr).toContain('would fix 7 findings');
  });
});

describe.skipIf(!corpusPresent)('fixes on the real dialplans keep every call the same', () => {
  const scripts: Script[] = [{}, { answer: 'machine' }, { keys: ['1', '1', '1'] }, { keys: ['2', '2', '2'] }, { keys: ['timeout', 'timeout', 'timeout'] }];
  // contact columns, so a fix of how a column is read would show in what is said
  const contact = { e: 'Tuesday', d: '10 am', FirstName: 'Homer' };

  it.each(corpusFiles)('%s', async (file) => {
    const before = readCorpus(file);
    const out = fixDialplan(before);
    // every fix leaves a well-formed plan with no new error
    expect(parse(out.text).document).toBeDefined();
    expect(out.result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    if (!out.changed) return;
    expect(out.fixed.length).toBeGreaterThan(0);
    const generated = (await generateScenarios(parse(before).document!, { maxRuns: 150 })).scenarios.map((s) => s.script);
    for (const script of [...scripts, ...generated]) {
      const s = { ...script, contact };
      expect(formatTranscript(await simulate(out.text, s)), `${file} ${JSON.stringify(script)}`).toBe(formatTranscript(await simulate(before, s)));
    }
  });
});

describe.skipIf(!corpusPresent)('fixes on the real dialplans with typos put in undo exactly the typos', () => {
  /** Misspellings the fixes know, put into a real plan: pressed in capitals, attribute names in the wrong case. */
  const typos = (xml: string) =>
    xml
      .replace(/pressed="(default|timeout)"/g, (_, k: string) => `pressed="${k.toUpperCase()}"`)
      .replace(/\bmaxDigits="/g, 'maxdigits="')
      .replace(/<play type="tts"/g, '<play type="TTS"');

  it.each(corpusFiles)('%s', async (file) => {
    const original = readCorpus(file);
    const broken = typos(original);
    if (broken === original) return;
    // the typos are schema errors; every one of them has its fix
    const errors = lint(broken).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.filter((d) => !d.fix)).toEqual([]);
    const out = fixDialplan(broken);
    // back to the original plan, apart from fixes the original itself has
    expect(out.text).toBe(fixDialplan(original).text);
    // the calls are the original's (contact columns given, so reading e as ${call.field.e} or ${contact.e} says the same)
    for (const script of [{}, { keys: ['1', '1'] }, { keys: ['timeout', '2'] }] as Script[]) {
      const s = { ...script, contact: { e: 'Tuesday', d: '10 am' } };
      expect(formatTranscript(await simulate(out.text, s))).toBe(formatTranscript(await simulate(original, s)));
    }
  });
});
