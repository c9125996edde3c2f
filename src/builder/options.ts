/**
 * Option types of the builder, derived from {@link CATALOG} with mapped types so that the
 * DSL cannot drift from the language description: an attribute added to the catalog
 * becomes an option, an enum value added there becomes an accepted literal.
 *
 * Mapping: the option key is the attribute name, or the catalog's `key` where the XML name
 * is not an identifier (`continue-after` → `continueAfter`); `enum` attributes take the
 * union of their values, `boolean` a boolean, `integer` a number, everything else a string.
 *
 * @module
 */
import type { AttributeName, TagName } from '../language/catalog.js';
import type { AttributesOf, EnumValues } from './values.js';

/** Flattens an intersection so editors show one object type. @category Tag options */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The option key of attribute `A` with spec `S`. @category Tag options */
export type OptionKey<A extends string, S> = S extends { readonly key: infer K extends string } ? K : A;

/** The builder's value type for an attribute spec. @category Tag options */
export type AttributeValue<S> = S extends { readonly type: 'enum' }
  ? EnumValues<S>
  : S extends { readonly type: 'boolean' }
    ? boolean
    : S extends { readonly type: 'integer' }
      ? number
      : string;

/** Whether an attribute spec is marked `required`. @category Tag options */
export type IsRequired<S> = S extends { readonly required: true } ? true : false;

/**
 * Every attribute of tag `T` as an option: required attributes are required keys, the
 * others optional.
 *
 * @example
 * ```ts
 * type T = TagOptions<'transfer'>;
 * // { name?: string; callerid?: string; calleridalpha?: string; musiconhold?: MusicOnHold;
 * //   continueAfter?: boolean; mode?: TransferMode; timeout?: number; whisperTts?: string; screen?: boolean }
 * ```
 * @category Tag options
 */
export type TagOptions<T extends TagName> = Simplify<
  {
    -readonly [A in AttributeName<T> as IsRequired<AttributesOf<T>[A]> extends true ? OptionKey<A, AttributesOf<T>[A]> : never]: AttributeValue<
      AttributesOf<T>[A]
    >;
  } & {
    -readonly [A in AttributeName<T> as IsRequired<AttributesOf<T>[A]> extends true ? never : OptionKey<A, AttributesOf<T>[A]>]?: AttributeValue<
      AttributesOf<T>[A]
    >;
  }
>;

/** The options of tag `T` minus those a method takes as positional arguments. @category Tag options */
export type OptionsWithout<T extends TagName, K extends string> = Simplify<Omit<TagOptions<T>, K>>;

/** Options of `dialplan()`. @category Tag options */
export type DialplanOptions = TagOptions<'dialplan'>;
/** Options of `menu()`: `name`, `maxDigits`, `timeout`. @category Tag options */
export type MenuOptions = TagOptions<'menu'>;
/** Options of `keypress()` besides the pattern. @category Tag options */
export type KeypressOptions = OptionsWithout<'keypress', 'pressed'>;
/** Options of `play()`: `type` defaults to `'tts'` and is always written. @category Tag options */
export type PlayOptions = Simplify<OptionsWithout<'play', 'type'> & Partial<Pick<TagOptions<'play'>, 'type'>>>;
/** Options of `transfer()`. @category Tag options */
export type TransferOptions = TagOptions<'transfer'>;
/** Options of `hangup()`. @category Tag options */
export type HangupOptions = TagOptions<'hangup'>;
/** Options of `goto()`. @category Tag options */
export type GotoOptions = TagOptions<'goto'>;
/** Options of `record()`. @category Tag options */
export type RecordOptions = TagOptions<'record'>;
/** Options of `setvar()` besides the variable name. @category Tag options */
export type SetvarOptions = OptionsWithout<'setvar', 'varname'>;
/** Options of `stash()` besides the report key. @category Tag options */
export type StashOptions = OptionsWithout<'stash', 'varname'>;
/** Options of the `<else>` branch of `if()`. @category Tag options */
export type ElseOptions = TagOptions<'else'>;
/** Options of `if()` besides the expression; `else` holds the options of the `<else>` branch. @category Tag options */
export type IfOptions = Simplify<OptionsWithout<'if', 'expr'> & { else?: ElseOptions }>;
/** Options of `equal()` besides `var` and `expr`. @category Tag options */
export type EqualOptions = OptionsWithout<'equal', 'var' | 'expr'>;
/** Options of `notEqual()` besides `var` and `expr`. @category Tag options */
export type NotEqualOptions = OptionsWithout<'notEqual', 'var' | 'expr'>;
/** Options of `get()`. @category Tag options */
export type GetOptions = TagOptions<'get'>;
/** Options of `post()`. @category Tag options */
export type PostOptions = TagOptions<'post'>;
/** Options of `amd()`. @category Tag options */
export type AmdOptions = TagOptions<'amd'>;
/** Options of `live()`. @category Tag options */
export type LiveOptions = TagOptions<'live'>;
/** Options of `machine()`. @category Tag options */
export type MachineOptions = TagOptions<'machine'>;
/** Options of `dnc()`. @category Tag options */
export type DncOptions = TagOptions<'dnc'>;
/** Options of `sms()` besides the recipient. @category Tag options */
export type SmsOptions = OptionsWithout<'sms', 'to'>;
/** Options of `wait()`. @category Tag options */
export type WaitOptions = TagOptions<'wait'>;
/** Options of `catch()`: `type` and `goto` are required. @category Tag options */
export type CatchOptions = TagOptions<'catch'>;
/** Options of `gotoXML()`. @category Tag options */
export type GotoXmlOptions = TagOptions<'gotoXML'>;
/** Options of `dtmf()`. @category Tag options */
export type DtmfOptions = TagOptions<'dtmf'>;
/** Options of `analytics()`. @category Tag options */
export type AnalyticsOptions = TagOptions<'analytics'>;
/** Options of `gtalk()` besides the recipient. @category Tag options */
export type GtalkOptions = OptionsWithout<'gtalk', 'to'>;
/** Options of `text()` besides the recipient. @category Tag options */
export type TextOptions = OptionsWithout<'text', 'to'>;
