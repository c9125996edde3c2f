/**
 * A recognizer for the expressions most plans write (`_v0_ > 1000`, `_v0_ == 'yes' && _v1_`),
 * so that they need not go through acorn: a plan of thousands of distinct conditions would
 * otherwise pay a full parse for each (and outgrow any cache of answers).
 *
 * It accepts only a small, certainly valid subset of JavaScript: operands (a name with
 * `.name` members, a plain decimal number, a quoted string without escapes), each optionally
 * preceded by `!`, joined by binary operators, with spaces or tabs between tokens. Anything
 * else (parentheses, keywords, line breaks, `++`, comments…) answers false and is left to
 * acorn, so a false answer never means the text is wrong.
 *
 * {@link isPlainTemplate} reads the same subset in the expression as written, before the
 * `${…}` references are replaced, so that most conditions need no substituted copy at all.
 *
 * @module
 */

/** Words that cannot be taken for plain names (keywords, and the ones sloppy mode treats specially). */
const KEYWORDS = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with let static yield await ' +
    'implements interface package private protected public arguments eval async of get set undefined'
  ).split(' '),
);

const SPACE = 0x20;
const TAB = 0x09;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isNameStart = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x24;
const isNamePart = (c: number): boolean => isNameStart(c) || isDigit(c);

/**
 * Whether `js` (a substituted expression, see `withPlaceholders`) is certainly valid
 * JavaScript by the subset above. True means acorn would parse it; false means "ask acorn".
 */
export function isPlainComparison(js: string): boolean {
  return scan(js, false);
}

/**
 * Whether `source`, an expression still holding `${…}` references, is certainly valid once
 * they are replaced: true only when `isPlainComparison(withPlaceholders(source))` is true
 * (a property test holds this). A reference counts as a name (the placeholder it becomes)
 * only where an operand starts, closed by the first `}` with no `${` before it and followed
 * by neither a name character nor a digit; any other `${` (in a name, after a number, in a
 * string, nested) answers false, and the caller substitutes and asks again.
 */
export function isPlainTemplate(source: string): boolean {
  return scan(source, true);
}

/** The recognizer; `templates` reads `${…}` at an operand's start as a name. */
function scan(js: string, templates: boolean): boolean {
  const n = js.length;
  let i = skipSpace(js, 0);
  for (;;) {
    // an operand, with any number of `!` before it
    while (i < n && js.charCodeAt(i) === 0x21) i = skipSpace(js, i + 1);
    const end = templates && js.charCodeAt(i) === DOLLAR && js.charCodeAt(i + 1) === OPEN_BRACE ? referenceEnd(js, i) : operandEnd(js, i, templates);
    if (end < 0) return false;
    i = skipSpace(js, end);
    if (i === n) return true;
    const op = operatorAt(js, i);
    if (op === 0) return false;
    i = skipSpace(js, i + op);
    // `a + +b`, `a - -b` and `a / /x/` lex differently when written together: not ours
    const next = js.charCodeAt(i);
    if (next === 0x2b || next === 0x2d || next === 0x2f || next === 0x2a) return false;
  }
}

const DOLLAR = 0x24;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** `${` at `i`: a dollar sign followed by an opening brace. */
const opensReference = (js: string, i: number): boolean => js.charCodeAt(i) === DOLLAR && js.charCodeAt(i + 1) === OPEN_BRACE;

/**
 * The end of the operand made of the reference `${…}` at `i` (its placeholder `_v<n>_`, with
 * any `.name` members after it), or -1 when that is not certain: unclosed, nested, or
 * followed by what would join the placeholder's name.
 */
function referenceEnd(js: string, i: number): number {
  const n = js.length;
  let j = i + 2;
  for (; j < n; j++) {
    const c = js.charCodeAt(j);
    if (c === CLOSE_BRACE) break;
    if (c === DOLLAR && js.charCodeAt(j + 1) === OPEN_BRACE) return -1;
  }
  if (j >= n) return -1;
  j++;
  if (j < n && isNamePart(js.charCodeAt(j))) return -1;
  return js.charCodeAt(j) === 0x2e ? membersEnd(js, j + 1, true) : j;
}

function skipSpace(js: string, i: number): number {
  while (i < js.length) {
    const c = js.charCodeAt(i);
    if (c !== SPACE && c !== TAB) break;
    i++;
  }
  return i;
}

/**
 * The length of the binary operator at `i`, 0 when there is none: `===`, `!==`, `==`, `!=`,
 * `<=`, `>=`, `&&`, `||`, `<`, `>`, `+`, `-`, `*`, `/`, `%`, the longest that fits (`=`, `!`,
 * `&` and `|` alone are not among them).
 */
function operatorAt(js: string, i: number): number {
  const c = js.charCodeAt(i);
  const d = js.charCodeAt(i + 1);
  switch (c) {
    case 0x3d: // =
    case 0x21: // !
      return d === 0x3d ? (js.charCodeAt(i + 2) === 0x3d ? 3 : 2) : 0;
    case 0x3c: // <
    case 0x3e: // >
      return d === 0x3d ? 2 : 1;
    case 0x26: // &
    case 0x7c: // |
      return d === c ? 2 : 0;
    case 0x2b: // +
    case 0x2d: // -
    case 0x2a: // *
    case 0x2f: // /
    case 0x25: // %
      return 1;
    default:
      return 0;
  }
}

/** The end of the operand starting at `i`, or -1 when none of the accepted forms starts there. */
function operandEnd(js: string, i: number, templates: boolean): number {
  const n = js.length;
  if (i >= n) return -1;
  const c = js.charCodeAt(i);
  if (isDigit(c)) {
    // 0 or a number without a leading zero (no legacy octals), optionally with decimals
    let j = i + 1;
    if (c !== 0x30) while (j < n && isDigit(js.charCodeAt(j))) j++;
    if (js.charCodeAt(j) === 0x2e) {
      const k = j + 1;
      j = k;
      while (j < n && isDigit(js.charCodeAt(j))) j++;
      if (j === k) return -1;
    }
    // `1x`, `1.2.3`, `1_000`, `0x1`: not a plain number
    return j < n && (isNamePart(js.charCodeAt(j)) || js.charCodeAt(j) === 0x2e) ? -1 : j;
  }
  if (c === 0x27 || c === 0x22) {
    for (let j = i + 1; j < n; j++) {
      const d = js.charCodeAt(j);
      if (d === c) return j + 1;
      if (d === 0x5c || d === 0x0a || d === 0x0d || d === 0x2028 || d === 0x2029) return -1;
      // a reference in a string is replaced with the quotes around it: substitute and ask again
      if (templates && d === DOLLAR && js.charCodeAt(j + 1) === OPEN_BRACE) return -1;
    }
    return -1;
  }
  return membersEnd(js, i, templates);
}

/** The end of a name with `.name` members, from `i` (where a name must start), or -1. */
function membersEnd(js: string, i: number, templates: boolean): number {
  const n = js.length;
  let j = i;
  for (;;) {
    const start = j;
    if (j >= n || !isNameStart(js.charCodeAt(j))) return -1;
    j++;
    while (j < n && isNamePart(js.charCodeAt(j))) j++;
    // a `${` inside a name joins the placeholder to it: substitute and ask again
    if (templates && opensReference(js, j - 1)) return -1;
    // every keyword starts with a lower-case letter: other names need no look-up
    const first = js.charCodeAt(start);
    if (first >= 0x61 && first <= 0x7a && KEYWORDS.has(js.slice(start, j))) return -1;
    if (js.charCodeAt(j) !== 0x2e) return j;
    j++;
  }
}
