import { describe, expect, it } from 'vitest';
import { DynamicNameSet, replaceVariables, scanVariables } from '../../src/language/variable-refs.js';
import type { DocumentNode } from '../../src/ast/nodes.js';
import { lint, lintDocument } from '../../src/validate/lint/lint.js';
import { LIMITS } from '../../src/validate/limits.js';
import { parsedDocument } from '../util.js';

describe('scanVariables with a `${` that is never closed', () => {
  it('lists each inner reference once', () => {
    const scan = scanVariables('${a${b}');
    expect(scan.refs.map((r) => [r.name, r.start, r.end])).toEqual([['b', 3, 7]]);
    expect(scan.unclosed).toEqual([{ start: 0 }]);
  });

  it('reports every open `${` and the references closed inside them', () => {
    const scan = scanVariables('${x ${y} ${z');
    expect(scan.refs.map((r) => r.name)).toEqual(['y']);
    expect(scan.unclosed).toEqual([{ start: 0 }, { start: 9 }]);
  });

  it('ignores a stray `}` and keeps nested names dynamic', () => {
    const scan = scanVariables('} ${a${b}} }');
    expect(scan.refs.map((r) => [r.name, r.dynamic])).toEqual([
      ['a${b}', true],
      ['b', false],
    ]);
    expect(scan.unclosed).toEqual([]);
  });

  it('handles thousands of open `${` without overflowing the stack', () => {
    const text = '${'.repeat(16_000) + 'x}';
    const scan = scanVariables(text);
    expect(scan.refs).toEqual([{ name: 'x', start: 31_998, end: 32_002, dynamic: false }]);
    expect(scan.unclosed).toHaveLength(15_999);
    expect(replaceVariables(text, () => '#')).toBe('${'.repeat(15_999) + '#');
  });

  it('lets lint refuse the text at the nesting limit instead of an internal error', () => {
    const text = '${'.repeat(16_000) + 'x}';
    const xml = `<dialplan><play type="tts">${text}</play></dialplan>`;
    expect(lint(xml).diagnostics).toEqual([
      expect.objectContaining({ rule: 'xml-syntax', line: 1, column: 11, message: expect.stringContaining(`more than ${LIMITS.referenceNesting} deep`) }),
    ]);
    // a tree built in code is refused the same way
    const doc: DocumentNode = { kind: '#document', prolog: [], epilog: [], root: { kind: 'dialplan', attributes: {}, children: [{ kind: 'play', attributes: { type: 'tts' }, children: [{ kind: '#text', text }] }] } };
    expect(lintDocument(doc)).toEqual([expect.objectContaining({ rule: 'xml-syntax', path: '/dialplan/play[1]' })]);
  });

  it('lets lint report unclosed references within the limits', () => {
    const diagnostics = lintDocument(parsedDocument(`<dialplan><play type="tts">${'${a '.repeat(LIMITS.referenceNesting)}</play></dialplan>`));
    expect(diagnostics.filter((d) => d.rule === 'variable-syntax')).toHaveLength(LIMITS.referenceNesting);
  });
});

describe('DynamicNameSet', () => {
  it('answers the same after fittedBy(): asking which names fit does not use the set up', () => {
    const set = new DynamicNameSet(['choice${n}', 'menu_${lang}_${step}', 'plain']);
    const first = set.fittedBy(['choice1', 'menu_en_2', 'plain', 'other']);
    expect([...first].sort()).toEqual(['choice${n}', 'menu_${lang}_${step}', 'plain']);
    // the same question again, and single questions after it, get the same answers
    expect(set.fittedBy(['choice2', 'menu_fr_1'])).toEqual(new Set(['choice${n}', 'menu_${lang}_${step}']));
    expect([set.fits('choice9'), set.fits('menu_de_3'), set.fits('other')]).toEqual([true, true, false]);
  });
});
