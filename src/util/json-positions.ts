/**
 * Where things are in a JSON text, for findings that must point at a line: the JSON Pointer of
 * each value mapped to where it was written, and the place a syntax error names. JSON.parse
 * gives neither, and a config problem at `"/rules/unknown-goto-targt"` is only useful to an
 * editor with a line and column.
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
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const readString = (): string => {
    const start = i;
    for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (pointer: string, at: number): void => {
    out.set(pointer, positionAt(starts, at)); // a repeated key: JSON.parse keeps the last, so does this
    skipSpace();
    const c = text[i];
    if (c === '{') {
      i++;
      for (;;) {
        skipSpace();
        if (i >= text.length || text[i] === '}') break;
        const keyAt = i;
        const key = readString();
        skipSpace();
        i++; // the colon
        skipSpace();
        value(`${pointer}/${escapePointer(key)}`, keyAt);
        skipSpace();
        if (text[i] === ',') i++;
      }
      i++;
    } else if (c === '[') {
      i++;
      for (let n = 0; ; n++) {
        skipSpace();
        if (i >= text.length || text[i] === ']') break;
        value(`${pointer}/${n}`, i);
        skipSpace();
        if (text[i] === ',') i++;
      }
      i++;
    } else if (c === '"') {
      readString();
    } else {
      while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
    }
  };
  skipSpace();
  value('', i);
  return out;
}

/**
 * The offset of the first character at which `text` stops being JSON, or -1 when it is JSON.
 * V8 names the offset of only some syntax errors ("Unexpected token '}', … is not valid
 * JSON" has none), so the place is found by reading the text the way the grammar does.
 */
function syntaxErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new RangeError(String(i));
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
  const string = () => {
    expect('"');
    for (;;) {
      const c = text[i];
      if (c === undefined || c < ' ') fail();
      i++;
      if (c === '"') return;
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
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          space();
          string();
          space();
          expect(':');
        }
        value();
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
    // as V8 reads them, a character at a time, so an error is placed where V8 places it
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
    value();
    space();
    if (i < text.length) fail();
    return -1;
  } catch (e) {
    if (e instanceof RangeError) return Number(e.message);
    throw e;
  }
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
  const found = syntaxErrorOffset(text);
  const named = /at position (\d+)/.exec(error.message);
  return positionAt(lineStarts(text), found >= 0 ? found : named ? Number(named[1]) : text.length);
}
