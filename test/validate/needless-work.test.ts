/**
 * Work validate() and lint() must not repeat or do in vain, counted through pass-through
 * mocks of the functions doing it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { lint } from '../../src/validate/lint/lint.js';
import { validate } from '../../src/validate/validate.js';
import { parse } from '../../src/parse/parse.js';

const calls = vi.hoisted(() => ({ parse: 0, walk: 0, scanned: [] as string[], limitScans: 0 }));

vi.mock('../../src/parse/parse.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/parse/parse.js')>();
  return { ...mod, parse: (input: string) => {
      calls.parse++;
      return mod.parse(input);
    } };
});
vi.mock('../../src/validate/xsd/over-limits.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/validate/xsd/over-limits.js')>();
  return { ...mod, refuseOverLimits: (xml: string) => {
      calls.limitScans++;
      return mod.refuseOverLimits(xml);
    } };
});
vi.mock('../../src/ast/visit.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/ast/visit.js')>();
  return { ...mod, walk: (doc: Parameters<typeof mod.walk>[0]) => {
      calls.walk++;
      return mod.walk(doc);
    } };
});

vi.mock('../../src/language/variable-refs.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/language/variable-refs.js')>();
  return { ...mod, scanVariables: (s: string) => {
      calls.scanned.push(s);
      return mod.scanVariables(s);
    } };
});

beforeEach(() => {
  calls.parse = 0;
  calls.walk = 0;
  calls.scanned = [];
  calls.limitScans = 0;
});

describe('needless work', () => {
  it('lint() parses text with schema errors once', () => {
    const r = lint('<dialplan name="Root"><keypress pressed="1"/><hangup/></dialplan>', { rules: {} });
    expect(r.diagnostics.map((d) => d.rule)).toContain('schema');
    expect(calls.parse).toBe(1);
  });

  it('lint() of text checks the shape limits once: in parse(), not again before libxml2', () => {
    expect(lint('<dialplan name="Root"><hangup/></dialplan>').diagnostics).toEqual([]);
    expect(calls.limitScans).toBe(0);
    // validate() has no tree: it scans the text, and refuses what parse() would
    expect(validate('<dialplan name="Root"><hangup/></dialplan>').ok).toBe(true);
    expect(calls.limitScans).toBe(1);
    const deep = `${'<if expr="1">'.repeat(120)}${'</if>'.repeat(120)}`;
    const refusal = lint(`<dialplan name="Root">${deep}</dialplan>`).diagnostics;
    expect(refusal).toMatchObject([{ rule: 'xml-syntax', message: expect.stringContaining('nested more than 100') }]);
  });

  it('lint() scans each distinct string for variables once, for every rule reading it', () => {
    const r = lint('<dialplan name="Root"><play type="tts">Hello ${name</play><play type="tts">Hi ${call.ani}</play></dialplan>');
    expect(r.diagnostics.map((d) => d.rule)).toContain('variable-syntax');
    expect(calls.scanned).toContain('Hi ${call.ani}');
    expect(calls.scanned).toEqual([...new Set(calls.scanned)]);
  });

  it('validate() of a valid tree does not walk it to map paths to positions', () => {
    const doc = parse('<dialplan name="Root"><play type="tts">Hi</play><hangup/></dialplan>').document!;
    calls.walk = 0;
    expect(validate(doc)).toEqual({ ok: true, diagnostics: [] });
    expect(calls.walk).toBe(0);
  });

  it('validate() of an invalid tree still points at the tree positions', () => {
    const doc = parse('<dialplan name="Root">\n  <keypress pressed="1"/>\n</dialplan>').document!;
    expect(validate(doc).diagnostics).toMatchObject([{ rule: 'schema', line: 2, column: 3, path: '/dialplan/keypress[1]' }]);
  });
});
