/**
 * The value rules of language/values.ts where two copies used to disagree, and the layers that
 * now call them: the builder, lint, the simulator's key patterns, the broadcast number reader.
 */
import { describe, expect, it } from 'vitest';
import { dialplan } from '../../src/builder/index.js';
import { parseNumbers } from '../../src/broadcast/numbers.js';
import { CATALOG, TAG_NAMES, tagSpec } from '../../src/language/catalog.js';
import { parseKeyPattern } from '../../src/language/key-pattern.js';
import {
  currentSpelling,
  isDialableRecipient,
  isDocumentedVarName,
  isKeyPattern,
  isSoundId,
  isUrl,
  isVarName,
  normalizeKeyPattern,
  normalizeRecipient,
} from '../../src/language/values.js';
import { lint } from '../../src/validate/lint/lint.js';

const wrap = (body: string) => `<dialplan name="Root">${body}</dialplan>`;
const rules = (xml: string) => lint(xml).diagnostics.map((d) => d.rule);

describe('key patterns: the XSD and CallFire\'s pages were right, parseKeyPattern was too lenient', () => {
  it('takes Default/default and Timeout/timeout, ranges without spaces, and nothing else', () => {
    for (const p of ['1', '321', '4-6', '#', '*', 'default', 'Default', 'timeout', 'Timeout', ' 1 ']) expect(isKeyPattern(p), p).toBe(true);
    for (const p of ['DEFAULT', 'dEfault', 'TIMEOUT', '1 - 3', '1- 3', '1,2', '', 'x']) expect(isKeyPattern(p), p).toBe(false);
  });

  it('parseKeyPattern reads what isKeyPattern refuses as invalid, so lint and the simulator agree with the XSD', () => {
    expect(parseKeyPattern('DEFAULT').kind).toBe('invalid');
    expect(parseKeyPattern('1 - 3').kind).toBe('invalid');
    expect(parseKeyPattern('Default').kind).toBe('default');
    expect(parseKeyPattern('1-3')).toEqual({ kind: 'range', low: '1', high: '3' });
  });

  it('normalizeKeyPattern still gives the certain spelling for the schema fix', () => {
    expect(normalizeKeyPattern('DEFAULT')).toBe('default');
    expect(normalizeKeyPattern(' 1 - 3 ')).toBe('1-3');
    expect(normalizeKeyPattern('Timeout')).toBe('Timeout');
    expect(normalizeKeyPattern('one')).toBeUndefined();
  });

  it('a menu whose only fallback is spelled DEFAULT has no fallback for lint either', () => {
    const xml = wrap('<menu name="m"><play type="tts">Hi</play><keypress pressed="1"><hangup/></keypress><keypress pressed="DEFAULT"><goto>m</goto></keypress></menu>');
    expect(rules(xml)).toContain('menu-without-fallback');
    expect(rules(xml.replace('DEFAULT', 'default'))).not.toContain('menu-without-fallback');
  });
});

describe('URLs: the lint rule was right that a URL needs a host', () => {
  it('isUrl refuses http:/// (which the builder used to accept)', () => {
    expect(isUrl('https://example.com/x')).toBe(true);
    expect(isUrl('${base}/x')).toBe(true);
    expect(isUrl('http:///x')).toBe(false);
    expect(isUrl('www.example.com')).toBe(false);
    expect(() => dialplan().get('http:///check')).toThrow(/must be an http\(s\) URL/);
    expect(rules(wrap('<get varname="r">http:///check</get>'))).toContain('invalid-url');
  });
});

describe('sound ids: digits and variables, one rule for builder and lint', () => {
  it('takes ids made of digits and references, refuses names', () => {
    for (const v of ['123456', '${sound}', '${prefix}${n}', '1${n}']) expect(isSoundId(v), v).toBe(true);
    for (const v of ['welcome.wav', '${a b}', '12a', '']) expect(isSoundId(v), v).toBe(false);
    expect(() => dialplan().play('${prefix}${n}', { type: 'callfireid' })).not.toThrow();
    expect(rules(wrap('<play type="callfireid">${prefix}${n}</play>'))).not.toContain('invalid-sound-id');
    // lint took any ${…} text before, though a reference cannot hold a space
    expect(rules(wrap('<play type="callfireid">${a b}</play>'))).toContain('invalid-sound-id');
  });
});

describe('legacy values: the catalog holds the current spelling beside each legacy value', () => {
  it('names a current spelling, itself allowed and not legacy, for every legacy value', () => {
    let seen = 0;
    for (const tag of TAG_NAMES) {
      for (const spec of Object.values(tagSpec(tag).attributes)) {
        for (const legacy of spec.legacyValues ?? []) {
          const current = currentSpelling(spec, legacy);
          expect(current, legacy).toBeDefined();
          expect(spec.values).toContain(current);
          expect(spec.legacyValues).not.toContain(current);
          seen++;
        }
      }
    }
    expect(seen).toBeGreaterThanOrEqual(2);
    expect(currentSpelling(CATALOG.play.attributes.voice, 'female1')).toBeUndefined();
  });
});

describe('recipient numbers', () => {
  it('the reader keeps the API\'s form; the sandbox dials 10 to 15 digits', () => {
    expect(normalizeRecipient('(310) 555-1212')).toBe('3105551212');
    expect(normalizeRecipient('call me')).toBeUndefined();
    expect(parseNumbers('555\n').numbers).toEqual(['555']);
    expect(isDialableRecipient('555')).toBe(false);
    expect(isDialableRecipient('+442071234567')).toBe(true);
    expect(isDialableRecipient('1234567890123456')).toBe(false);
  });
});

describe('variable names', () => {
  it('the XSD\'s form tolerates -, the documented form (lint\'s warning) does not', () => {
    expect(isVarName('voicemail-recording')).toBe(true);
    expect(isDocumentedVarName('voicemail-recording')).toBe(false);
    expect(isDocumentedVarName('stashDNC${dnc_counter}')).toBe(true);
    expect(rules(wrap('<record varname="voicemail-recording"/>'))).toContain('invalid-variable-name');
  });
});
