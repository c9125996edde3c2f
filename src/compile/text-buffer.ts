/**
 * A growing buffer of UTF-16 code units that the XML writer copies its text into, escaping as
 * it copies, and turns into one string at the end. Concatenating strings instead made about a
 * hundred thousand short-lived string pieces for a 1,000-menu flow, and collecting them cost as
 * much as building the plan (issue 13); the buffer makes one string.
 *
 * Code units are copied as they are, lone surrogates included, so the string read back is the
 * one written, unit for unit.
 *
 * @module
 */
import { Buffer } from 'node:buffer';

// Buffers up to this many code units are kept for the next document; bigger ones are left to
// the garbage collector, so one huge plan does not hold its memory for the process's life.
const KEEP_UNITS = 1 << 20;
let spare: Uint16Array | undefined;

/** For each code unit up to `>`, what to write instead of it, if anything. */
type Entities = readonly (readonly number[] | undefined)[];

function entities(replacements: Readonly<Record<string, string>>): Entities {
  return Array.from({ length: 0x3f }, (_, c) => {
    const entity = replacements[String.fromCharCode(c)];
    return entity === undefined ? undefined : Array.from(entity, (ch) => ch.charCodeAt(0));
  });
}

const TEXT_ENTITIES = entities({ '&': '&amp;', '<': '&lt;', '>': '&gt;' });
const ATTRIBUTE_ENTITIES = entities({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' });
// Code units per String.fromCharCode call, for text a UTF-16 decoder would change.
const CHUNK = 8192;
// The units are in the machine's byte order; the decoder reads little-endian. ignoreBOM: a
// leading U+FEFF is text here, not a byte-order mark to drop.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/** Text being written. Not reusable after {@link TextBuffer.finish}. */
export class TextBuffer {
  #units: Uint16Array;
  #length = 0;
  // every unit ORed together: above 0xFF means the text is not Latin-1
  #seen = 0;

  constructor() {
    this.#units = spare ?? new Uint16Array(1 << 16);
    spare = undefined; // a document written while this one is (a getter calling compile) gets its own
  }

  /** The buffer, with room for `n` more units. */
  #room(n: number): Uint16Array {
    const units = this.#units;
    if (this.#length + n <= units.length) return units;
    let size = units.length * 2;
    while (size < this.#length + n) size *= 2;
    const grown = new Uint16Array(size);
    grown.set(units.subarray(0, this.#length));
    this.#units = grown;
    return grown;
  }

  /** Appends `s` as it is. */
  raw(s: string): void {
    const n = s.length;
    const u = this.#room(n);
    let at = this.#length;
    let seen = 0;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      seen |= c;
      u[at++] = c;
    }
    this.#length = at;
    this.#seen |= seen;
  }

  /** Appends text content: `&`, `<` and `>` as entities. */
  text(s: string): void {
    this.#escaped(s, TEXT_ENTITIES);
  }

  /**
   * Appends an attribute value for double quotes: `&`, `<`, `>` and `"` as entities, tab, line
   * feed and carriage return as character references (a reader turns raw ones into spaces).
   */
  attribute(s: string): void {
    this.#escaped(s, ATTRIBUTE_ENTITIES);
  }

  /** Appends `s` with the code units `replace` names written as their replacements. */
  #escaped(s: string, replace: Entities): void {
    const n = s.length;
    let u = this.#room(n); // room for the text as it is; an entity makes more when it needs it
    let at = this.#length;
    let seen = 0;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      const replacement = c > 0x3e ? undefined : replace[c];
      if (replacement === undefined) {
        seen |= c;
        u[at++] = c;
      } else {
        const rest = n - i - 1;
        if (at + replacement.length + rest > u.length) {
          this.#length = at;
          u = this.#room(replacement.length + rest);
        }
        for (const r of replacement) u[at++] = r;
      }
    }
    this.#length = at;
    this.#seen |= seen;
  }

  /** Drops what was written and hands the buffer on (the writer gave up on the document). */
  discard(): void {
    if (this.#units.length <= KEEP_UNITS) spare = this.#units;
  }

  /** The text written, as one string; the buffer is handed on to the next document. */
  finish(): string {
    const units = this.#units.subarray(0, this.#length);
    let out: string;
    if (this.#seen <= 0xff) {
      // all Latin-1: one byte a unit, read as Latin-1 (not TextDecoder's 'latin1', which is windows-1252)
      const bytes = new Uint8Array(units);
      out = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
    } else if (LITTLE_ENDIAN && wellFormed(units)) {
      out = UTF16.decode(units);
    } else {
      // lone surrogates (which a decoder would replace) or a big-endian machine: unit by unit
      out = '';
      for (let i = 0; i < units.length; i += CHUNK) out += String.fromCharCode.apply(null, units.subarray(i, i + CHUNK) as unknown as number[]);
    }
    this.discard();
    return out;
  }
}

/** Whether every surrogate in `units` is half of a pair, so a UTF-16 decoder keeps the text as it is. */
function wellFormed(units: Uint16Array): boolean {
  for (let i = 0; i < units.length; i++) {
    const c = units[i]!;
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c > 0xdbff) return false;
    const next = units[i + 1];
    if (next === undefined || next < 0xdc00 || next > 0xdfff) return false;
    i++;
  }
  return true;
}
