/**
 * Where things are in a JSON text, for findings that must point at a line: the JSON Pointer of
 * each value mapped to where it was written, and the place a syntax error names. JSON.parse
 * gives neither, and a config problem at `"/rules/unknown-goto-targt"` is only useful to an
 * editor with a line and column.
 *
 * Both answers come from one reading of the text by JSON's grammar ({@link readJson}): with a
 * listener it reports each value as it passes, and it stops where the text stops being JSON.
 *
 * @module
 */
import { lineStarts, positionAt } from './line-starts.js';

/** A 1-based line and column (UTF-16 code units). */
export interface JsonPosition {
  readonly line: number;
  readonly column: number;
}

const escapePointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** Thrown inside {@link readJson} at the first character that does not fit the grammar. */
class NotJson {
  constructor(readonly offset: number) {}
}

/**
 * Reads `text` as JSON's grammar does and answers the offset of the first character at which
 * it stops being JSON, or -1 when it is JSON. With `onValue`, each value is reported as it is
 * reached, by its JSON Pointer and the offset it is placed at (a member at its key's opening
 * quote, anything else at its first character); keys are decoded only then.
 *
 * V8 names the offset of only some syntax errors ("Unexpected token '}', … is not valid
 * JSON" has none), so literals and numbers are read a character at a time, as V8 reads them,
 * for an error to be placed where V8 places it.
 */
function readJson(text: string, onValue?: (pointer: string, offset: number) => void): number {
  let i = 0;
  const fail = (): never => {
    throw new NotJson(i);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (c: string) => {
    if (text[i] !== c) fail();
    i++;
  };
  const isDigit = () => text[i] !== undefined && text[i]! >= '0' && text[i]! <= '9';
  /** One digit or more. */
  const digits = () => {
    if (!isDigit()) fail();
    while (isDigit()) i++;
  };
  /** A string; its offset (the opening quote). */
  const string = (): number => {
    const start = i;
    expect('"');
    for (;;) {
      const c = text[i];
      if (c === undefined || c < ' ') fail();
      i++;
      if (c === '"') return start;
      if (c === '\\') {
        const e = text[i];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) fail();
        i++;
      }
    }
  };
  /** A value; `pointer` is undefined when nobody listens. */
  const value = (pointer: string | undefined, placeAt?: number): void => {
    space();
    // a repeated key is reported again: a listener keeping the last answer agrees with JSON.parse
    if (pointer !== undefined) onValue!(pointer, placeAt ?? i);
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        let inner: string | undefined;
        let keyAt: number | undefined;
        if (c === '{') {
          space();
          keyAt = string();
          if (pointer !== undefined) inner = `${pointer}/${escapePointer(JSON.parse(text.slice(keyAt, i)) as string)}`;
          space();
          expect(':');
        } else if (pointer !== undefined) inner = `${pointer}/${n}`;
        value(inner, keyAt);
        space();
        if (text[i] === close) {
          i++;
          return;
        }
        expect(',');
      }
    }
    if (c === '"') {
      string();
      return;
    }
    const word = c === 't' ? 'true' : c === 'f' ? 'false' : c === 'n' ? 'null' : undefined;
    if (word !== undefined) {
      for (const w of word) expect(w);
      return;
    }
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  try {
    value(onValue ? '' : undefined);
    space();
    if (i < text.length) fail();
    return -1;
  } catch (e) {
    if (e instanceof NotJson) return e.offset;
    throw e;
  }
}

/**
 * The position of every value of a JSON text (which must parse) by its JSON Pointer: a member
 * at its key's opening quote (so an unknown or misspelt key is pointed at), an array item at
 * its first character, the whole document (`''`) at its first character.
 *
 * @example
 * ```ts
 * jsonPositions('{\n  "rules": { "a": "warn" }\n}').get('/rules/a'); // { line: 2, column: 14 }
 * ```
 */
export function jsonPositions(text: string): Map<string, JsonPosition> {
  const starts = lineStarts(text);
  const out = new Map<string, JsonPosition>();
  readJson(text, (pointer, offset) => out.set(pointer, positionAt(starts, offset)));
  return out;
}

/**
 * Where JSON.parse stopped in `text` (whose `error` it threw): the first character that does
 * not fit JSON's grammar; should that reading disagree and find none, the offset V8's message
 * names, else the end of the text.
 *
 * @example
 * ```ts
 * jsonSyntaxPosition('{\n  "a": tru\n}', error); // { line: 2, column: 8 }
 * ```
 */
export function jsonSyntaxPosition(text: string, error: Error): JsonPosition {
  const found = readJson(text);
  const named = /at position (\d+)/.exec(error.message);
  return positionAt(lineStarts(text), found >= 0 ? found : named ? Number(named[1]) : text.length);
}

/**
 * A JSON syntax error as a finding tells it: where (see {@link jsonSyntaxPosition}) and V8's
 * words without what the position says better, the offset and a copy of the whole text; a
 * newline named as the unexpected token is written `\n`.
 *
 * @example
 * ```ts
 * jsonSyntaxError('{\n  "a": 1,\n}', error); // { line: 3, column: 1, reason: 'Expected double-quoted property name' }
 * ```
 */
export function jsonSyntaxError(text: string, error: Error): JsonPosition & { readonly reason: string } {
  const reason = error.message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '')
    .replace(/[\n\r\t]/g, (c) => JSON.stringify(c).slice(1, -1));
  return { ...jsonSyntaxPosition(text, error), reason };
}
