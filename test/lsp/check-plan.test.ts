/**
 * The server's phased check gives exactly what `lint()` gives (it is lint() taken apart so
 * the editor can see syntax and schema findings first and stop superseded checks).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPlan, type CheckTimings } from '../../src/lsp/check-plan.js';
import { lint } from '../../src/validate/lint/lint.js';
import type { Diagnostic } from '../../src/validate/diagnostic.js';
import { root } from './client.js';

/** Every XML fixture of the lint and XSD tests. */
function fixtures(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.xml'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
const files = [...fixtures(join(root, 'test/fixtures/lint')), ...fixtures(join(root, 'test/fixtures/xsd'))];

const handMade: Record<string, string> = {
  'a schema finding and a rule finding': '<dialplan name="Root"><play type="tts" voice="robot">Hi</play><goto>mian</goto><hangup name="main"/></dialplan>',
  'a schema finding turned off by a comment': '<dialplan name="Root"><!-- dialplan-disable-next-line schema --><play type="tts" colour="red">Hi</play><goto>mian</goto><hangup name="main"/></dialplan>',
  'every finding turned off': '<dialplan name="Root"><!-- dialplan-disable --><play type="tts" colour="red">Hi</play><goto>mian</goto></dialplan>',
  'not well-formed': '<dialplan name="Root"><menu name="m"><keypress pressed="1"></menu></dialplan>',
  empty: '   ',
  'another root': '<plan><hangup/></plan>',
  'a doctype': '<!DOCTYPE dialplan [<!ENTITY x "y">]><dialplan name="Root">&x;</dialplan>',
};

describe('checkPlan', () => {
  it('has fixtures to compare', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((f) => [f.slice(root.length), f]))('%s: the findings of lint()', (_, file) => {
    const text = readFileSync(file, 'utf8');
    expect(checkPlan(text, {}, {})).toEqual(lint(text).diagnostics);
  });

  it.each(Object.entries(handMade))('%s: the findings of lint()', (_, text) => {
    expect(checkPlan(text, {}, {})).toEqual(lint(text).diagnostics);
    const settings = { 'unknown-goto-target': 'off', 'legacy-value': 'error' } as const;
    expect(checkPlan(text, settings, {})).toEqual(lint(text, { rules: settings }).diagnostics);
  });

  it('gives the syntax and schema findings before the rules run, and says where the time went', () => {
    const text = handMade['a schema finding and a rule finding']!;
    const early: Array<readonly Diagnostic[]> = [];
    const timings: CheckTimings = {};
    const found = checkPlan(text, {}, timings, { early: (d) => early.push(d) })!;
    expect(early).toHaveLength(1);
    expect(early[0]!.map((d) => d.rule)).toEqual(['schema']);
    expect(found.map((d) => d.rule)).toContain('unknown-goto-target');
    expect(found.filter((d) => d.rule === 'schema')).toEqual(early[0]);
    expect(Object.keys(timings).sort()).toEqual(['parse', 'rules', 'xsd']);
  });

  it('has no early findings where no rules follow (the XML is not well-formed)', () => {
    const early: unknown[] = [];
    const found = checkPlan(handMade['not well-formed']!, {}, {}, { early: (d) => early.push(d) });
    expect(early).toEqual([]);
    expect(found!.map((d) => d.rule)).toEqual(['xml-syntax']);
  });

  it('stops between phases once cancelled', () => {
    const text = handMade['a schema finding and a rule finding']!;
    let asked = 0;
    const timings: CheckTimings = {};
    // cancelled at the second question: after the schema check, before the rules
    expect(checkPlan(text, {}, timings, { cancelled: () => ++asked === 2 })).toBeUndefined();
    expect(timings.rules).toBeUndefined();
    expect(checkPlan(text, {}, {}, { cancelled: () => true })).toBeUndefined();
  });
});
