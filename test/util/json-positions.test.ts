/**
 * json-positions against the JSON the project reads: every value of generated documents is
 * found where it was written, and a syntax error is placed where V8 places it whenever V8
 * names the offset (and, where it names none, still inside the text).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineStarts } from '../../src/util/line-starts.js';
import { jsonPositions, jsonSyntaxPosition } from '../../src/util/json-positions.js';

/** The 0-based offset of a 1-based line and column. */
const offsetOf = (text: string, p: { line: number; column: number }) => lineStarts(text)[p.line - 1]! + p.column - 1;

/** Every JSON Pointer of a value with the value there, and, for a member, its key. */
function pointers(value: unknown, pointer = '', key?: string): { pointer: string; value: unknown; key: string | undefined }[] {
  const here = { pointer, value, key };
  if (Array.isArray(value)) return [here, ...value.flatMap((v, i) => pointers(v, `${pointer}/${i}`))];
  if (value !== null && typeof value === 'object') {
    return [here, ...Object.entries(value).flatMap(([k, v]) => pointers(v, `${pointer}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`, k))];
  }
  return [here];
}

describe('jsonPositions', () => {
  it('puts a member at its key and an array item at its first character, in compact and indented text', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(0, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const found = jsonPositions(text);
        for (const p of pointers(JSON.parse(text) as unknown)) {
          const at = found.get(p.pointer);
          expect(at, p.pointer).toBeDefined();
          const rest = text.slice(offsetOf(text, at!));
          if (p.key !== undefined) expect(rest.startsWith(`${JSON.stringify(p.key)}:`), p.pointer).toBe(true);
          else expect(rest[0], p.pointer).toBe(JSON.stringify(p.value)[0]);
        }
      }),
    );
  });

  it('answers for the last of repeated keys, the one JSON.parse keeps', () => {
    expect(jsonPositions('{"a": 1,\n "a": 2}').get('/a')).toEqual({ line: 2, column: 2 });
  });
});

describe('jsonSyntaxPosition', () => {
  const broken = fc
    .tuple(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(0, 2), fc.nat(), fc.constantFrom('', ',', '}', ']', ':', '"', 'x', '\n', '{', '[', '1', '\\'))
    .map(([value, indent, cut, insert]) => {
      const text = JSON.stringify(value, null, indent);
      const at = cut % (text.length + 1);
      return text.slice(0, at) + insert + text.slice(at + (insert === '' ? 1 : 0));
    });

  it('agrees with V8 wherever V8 names the offset, and stays inside the text', () => {
    fc.assert(
      fc.property(broken, (text) => {
        let error: Error | undefined;
        try {
          JSON.parse(text);
        } catch (e) {
          error = e as Error;
        }
        fc.pre(error !== undefined);
        const mine = offsetOf(text, jsonSyntaxPosition(text, error!));
        const named = /at position (\d+)/.exec(error!.message);
        if (named) expect(mine).toBe(Number(named[1]));
        expect(mine).toBeGreaterThanOrEqual(0);
        expect(mine).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 500 },
    );
  });

  it('finds the place V8 does not name', () => {
    const text = '{\n  "rules": {\n    "a": tru\n  }\n}';
    expect(() => JSON.parse(text)).toThrow(/is not valid JSON/);
    // V8 says "Unexpected token" for the newline after the unfinished `true`, without an offset
    expect(jsonSyntaxPosition(text, new SyntaxError('Unexpected token'))).toEqual({ line: 3, column: 13 });
  });
});
