/**
 * System variables and typed helpers to write `${…}` references without remembering spellings
 * (CallFire XML help, System Variables: callfire.com/help/docs/callfire-xml/system-variables).
 *
 * @module
 */

/** Call variables CallFire sets, with their meaning. @category Variables */
export const CALL_VARIABLES = {
  callerid: 'Caller ID of the call (blocked, restricted, unknown or anonymous when hidden).',
  'callerid.alpha': 'Alphanumeric caller ID of an incoming call.',
  dnis: 'The number dialed, for an incoming call.',
  id: 'The unique id of the call.',
  lastinput: 'The digits the caller entered last.',
  path: 'Internal node path of the action being performed.',
  phonenumber: 'The number called, for an outbound call.',
  lastTransfer: 'Result of the last transfer (seen in third-party code only).',
} as const;

/** Date and time variables, in UTC. @category Variables */
export const GLOBAL_VARIABLES = {
  date: 'The date: month, day, year.',
  time: 'The time: hour:minutes:seconds.',
  'time.hour': 'The hour (12-hour clock).',
  'time.hour.military': 'The hour, 0 to 23.',
  'date.month': 'The month.',
  'date.day': 'The day of the month.',
  'date.dayOfWeek': 'The day of the week, Sunday = 1 to Saturday = 7.',
  'date.year': 'The year.',
} as const;

/** Contact fields linked to the account's contacts. @category Variables */
export const CONTACT_FIELDS = ['firstName', 'lastName', 'zipcode', 'workPhone', 'mobilePhone', 'homePhone'] as const;

/** A letter of a contact sheet column (see {@link ContactColumn}). @category Variables */
export type ColumnLetter =
  | 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M'
  | 'N' | 'O' | 'P' | 'Q' | 'R' | 'S' | 'T' | 'U' | 'V' | 'W' | 'X' | 'Y' | 'Z';
/** A column of the uploaded contact sheet, `A` to `ZZ` (either case works on CallFire). @category Variables */
export type ContactColumn = ColumnLetter | `${ColumnLetter}${ColumnLetter}` | Lowercase<ColumnLetter> | Lowercase<`${ColumnLetter}${ColumnLetter}`>;

/** A `${…}` reference, as a string type. @category Variables */
export type VariableRef<N extends string = string> = `\${${N}}`;

/**
 * A reference to any variable: `ref('Counter')` is `'${Counter}'`.
 *
 * @example
 * ```ts
 * dialplan().setvar('Counter', `${ref('Counter')}+1`);
 * ```
 * @category Variables
 */
export function ref<N extends string>(name: N): VariableRef<N> {
  return `\${${name}}`;
}

/** The type of {@link call}: one reference per call variable, a dotted name in camel case (`call.calleridAlpha` is `'${call.callerid.alpha}'`). @category Variables */
export type CallVariableRefs = { readonly [K in keyof typeof CALL_VARIABLES as K extends `${infer A}.${infer B}` ? `${A}${Capitalize<B>}` : K]: VariableRef<`call.${K & string}`> };

/**
 * The call variables as ready-made references.
 *
 * @example
 * ```ts
 * k.dnc(call.callerid); // <dnc>${call.callerid}</dnc>
 * ```
 * @category Variables
 */
export const call = Object.freeze(
  Object.fromEntries(
    Object.keys(CALL_VARIABLES).map((k) => [k.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase()), ref(`call.${k}`)]),
  ),
) as CallVariableRefs;

/**
 * Date and time variables (UTC) as references: `global.date.dayOfWeek` is
 * `'${global.date.dayOfWeek}'`; `global.time.hourMilitary` is `'${global.time.hour.military}'`.
 * @category Variables
 */
export const global = Object.freeze({
  date: Object.freeze({
    value: ref('global.date'),
    month: ref('global.date.month'),
    day: ref('global.date.day'),
    dayOfWeek: ref('global.date.dayOfWeek'),
    year: ref('global.date.year'),
  }),
  time: Object.freeze({
    value: ref('global.time'),
    hour: ref('global.time.hour'),
    hourMilitary: ref('global.time.hour.military'),
  }),
});

/** The type of {@link contact}: one reference per contact field, and `column()` for a column of the uploaded sheet. @category Variables */
export type ContactVariableRefs = { readonly [K in (typeof CONTACT_FIELDS)[number]]: VariableRef<`contact.${K}`> } & {
  /** A column of the uploaded sheet: `contact.column('C')` is `'${contact.C}'`. */
  column<C extends ContactColumn>(column: C): VariableRef<`contact.${C}`>;
};

/** Contact fields and sheet columns as references. @category Variables */
export const contact: ContactVariableRefs = Object.freeze({
  ...(Object.fromEntries(CONTACT_FIELDS.map((f) => [f, ref(`contact.${f}`)])) as {
    [K in (typeof CONTACT_FIELDS)[number]]: VariableRef<`contact.${K}`>;
  }),
  column: <C extends ContactColumn>(column: C) => ref(`contact.${column}` as `contact.${C}`),
});

/** The rule for user variable names (CallFire XML help, The Basics): letters, digits and underscore. */
export const USER_VARIABLE_NAME = /^[A-Za-z0-9_]+$/;

/** A contact column read the old way, `call.field.X` (now `contact.X`); group 1 is the column. */
export const LEGACY_CONTACT_FIELD = /^call\.field\.([A-Za-z]{1,2})$/;

/** Whether a dotted name is a variable CallFire provides (call.*, global.*, contact.*, legacy call.field.*). @category Variables */
export function isSystemVariable(name: string): boolean {
  if (name.startsWith('call.')) return Object.hasOwn(CALL_VARIABLES, name.slice(5)) || LEGACY_CONTACT_FIELD.test(name);
  if (name.startsWith('global.')) return Object.hasOwn(GLOBAL_VARIABLES, name.slice(7));
  if (name.startsWith('contact.')) {
    const rest = name.slice(8);
    return (CONTACT_FIELDS as readonly string[]).includes(rest) || /^[A-Za-z]{1,2}$/.test(rest);
  }
  return false;
}
