/**
 * Hostile dialplans of a chosen size, one generator per shape issue 15 names: deep nesting,
 * wide siblings, many attributes, many and nested `${…}` references, and the shapes that make
 * a pass compare every pair (typo suggestions, duplicate names, keypresses, loops, directives).
 * The sizes the tests pick are where a quadratic or recursive pass fails visibly.
 */

const plan = (body: string) => `<dialplan name="Root">${body}</dialplan>`;

/** Every shape, by name: `n` is the size that matters for it (levels, siblings, references…). */
export const SHAPES = {
  /** `<if>` inside `<if>`, `n` levels. */
  deepIf: (n: number) => plan('<if expr="1">'.repeat(n) + '<hangup/>' + '</if>'.repeat(n)),
  /** Unknown tags nested `n` levels. */
  deepUnknown: (n: number) => plan('<x>'.repeat(n) + '</x>'.repeat(n)),
  /** `n` sibling prompts. */
  wide: (n: number) => plan('<play type="tts">Hi</play>'.repeat(n)),
  /** `n` siblings, each with two schema errors and a lint finding, all on one line. */
  wideInvalid: (n: number) => plan('<play type="bogus" voice="x">${</play>'.repeat(n)),
  /** One element with `n` attributes. */
  attributes: (n: number) => {
    let a = '';
    for (let i = 0; i < n; i++) a += ` a${i}="v"`;
    return plan(`<hangup${a}/>`);
  },
  /** `n` references in one text. */
  references: (n: number) => plan(`<play type="tts">${'${a}'.repeat(n)}</play>`),
  /** `n` references in one expression. */
  expressionReferences: (n: number) => plan(`<if expr="${'${a} + '.repeat(n)}1"><hangup/></if>`),
  /** `n` references nested in each other. */
  nestedReferences: (n: number) => plan(`<play type="tts">${'${'.repeat(n)}a${'}'.repeat(n)}</play>`),
  /** `n` references that are never closed. */
  unterminatedReferences: (n: number) => plan(`<play type="tts">${'${'.repeat(n)}</play>`),
  /** `n` gotos to names that do not exist, beside `n` names they nearly match. */
  gotoTypos: (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += `<play name="menu${i}x" type="tts">Hi</play><goto>menu${i}y</goto>`;
    return plan(s);
  },
  /** `n` tags with the same name. */
  duplicateNames: (n: number) => plan('<play name="same" type="tts">Hi</play>'.repeat(n)),
  /** One menu with `n` distinct keypresses. */
  keypresses: (n: number) => {
    let s = '<menu name="m"><play type="tts">Pick</play>';
    for (let i = 0; i < n; i++) s += `<keypress pressed="${i}"><hangup/></keypress>`;
    return plan(s + '</menu>');
  },
  /** One menu with `n` key ranges that do not overlap (`0-5`, `10-15`, …), then a key the first range already takes. */
  keyRanges: (n: number) => {
    let s = '<menu name="m"><play type="tts">Pick</play>';
    for (let i = 0; i < n; i++) s += `<keypress pressed="${10 * i}-${10 * i + 5}"><hangup/></keypress>`;
    return plan(s + '<keypress pressed="3"><hangup/></keypress></menu>');
  },
  /** `n` variables set under names built from `${…}` (`x${call.callerid}_7`), then `n` reads of long names none of them builds, and one it does. */
  dynamicVariables: (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += `<setvar varname="x\${call.callerid}_${i}">1</setvar>`;
    for (let i = 0; i < n; i++) s += `<play type="tts">\${x${'a'.repeat(40)}u${i}}</play>`;
    return plan(s + '<play type="tts">${xyz_7}</play>');
  },
  /** `n` gotos to names built from `${…}` (`${call.callerid}_7`) beside `n` tags after a hangup, with long names none of them builds, and one it does. */
  dynamicTargets: (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += `<if expr="1"><goto>\${call.callerid}_${i}</goto></if>`;
    for (let i = 0; i < n; i++) s += `<if expr="1"><hangup/><play name="${'a'.repeat(40)}u${i}" type="tts">Hi</play></if>`;
    return plan(s + '<if expr="1"><hangup/><play name="zz_7" type="tts">Hi</play></if>');
  },
  /** `n` menus whose default each jumps to the next, the last back to the first: one big loop. */
  gotoRing: (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += `<menu name="m${i}"><play type="tts">Hi</play><keypress pressed="default"><goto>m${(i + 1) % n}</goto></keypress></menu>`;
    return plan(s);
  },
  /** `n` suppression directives, each on the line before a finding (a goto to no tag), with `n` range directives around. */
  directives: (n: number) =>
    plan('\n<!-- dialplan-disable unknown-goto-target --><!-- dialplan-enable unknown-goto-target -->\n<!-- dialplan-disable-next-line unknown-goto-target -->\n<goto>nowhere</goto>'.repeat(n)),
  /** `n` variables set and read. */
  variables: (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += `<setvar varname="v${i}">1</setvar><play type="tts">\${v${i}} \${u${i}}</play>`;
    return plan(s);
  },
  /** One long attribute value quoted by the findings of `n` tags. */
  quotedValue: (n: number) => {
    const long = 'x'.repeat(n);
    return plan(`<play name="${long}" type="tts">Hi</play>` + `<goto>${long}y</goto>`.repeat(20));
  },
  /** A text of `n` lines, each ended by a different line terminator (CR, LF, CRLF, U+2028, U+2029, NEL). */
  lineTerminators: (n: number) => {
    const ends = ['\r', '\n', '\r\n', '\u2028', '\u2029', '\u0085'];
    let s = '';
    for (let i = 0; i < n; i++) s += `<play type="tts">l${i}</play>${ends[i % ends.length]}`;
    return plan(s);
  },
  /** `n` entity and character references in one text. */
  entities: (n: number) => plan(`<play type="tts">${'&amp;&#233;&lt;&#x1F600;'.repeat(n)}</play>`),
  /** `n` CDATA sections alternating with text in one prompt. */
  cdataRuns: (n: number) => plan(`<play type="tts">${'a<![CDATA[b]]>'.repeat(n)}</play>`),
} as const satisfies Record<string, (n: number) => string>;

/** A shape's name. */
export type ShapeName = keyof typeof SHAPES;
