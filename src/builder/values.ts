/**
 * The typed values the builder takes: keypress patterns and the enumerations of the
 * language. Enumerations are read off {@link CATALOG}, so a value added there is accepted
 * here without further edits.
 *
 * @module
 */
import type { CATALOG, TagName } from '../language/catalog.js';

/** The attribute specs of a tag, as literal types. @category Tag options */
export type AttributesOf<T extends TagName> = (typeof CATALOG)[T]['attributes'];

/**
 * The values an enum attribute takes in the builder. Values the catalog marks as legacy
 * (`femaleSpanish`, `Silent`) are left out: CallFire documents them under another spelling
 * and the linter warns about them, so the builder does not write them.
 * @category Enums
 */
export type EnumValues<S> = S extends { readonly values: readonly (infer V)[] }
  ? Exclude<V, S extends { readonly legacyValues: readonly (infer L)[] } ? L : never>
  : never;

/** A decimal digit, as a keypress pattern. @category Key patterns */
export type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';

/**
 * What a `keypress` handles (`pressed`): a digit, a multi-digit entry, an inclusive range
 * `A-B`, `#`, `*`, or the `default` / `timeout` branches (either capitalisation, as both
 * appear in CallFire's samples).
 *
 * The type rules out words and symbols; the builder also checks at run time that entries
 * are plain digits (the type admits a few numeric spellings such as `1.5`).
 *
 * @example
 * ```ts
 * const patterns: KeyPattern[] = ['1', '#', '300-315', '1000000000-9999999999', 'default', 'Timeout'];
 * ```
 * @category Key patterns
 */
export type KeyPattern =
  | Digit
  | `${Digit}${number}`
  | `${number}-${number}`
  | '#'
  | '*'
  | 'default'
  | 'timeout'
  | 'Default'
  | 'Timeout';

/** The exact run-time form of a {@link KeyPattern}: the language's one key-pattern rule. */
export { KEY_PATTERN } from '../language/values.js';

/** A TTS voice for `play` (`male1`, `female1`, `female2`, `spanish1`, `frenchcanadian1`). @category Enums */
export type Voice = EnumValues<AttributesOf<'play'>['voice']>;
/** What `play` plays: TTS text, a sound URL or a CallFire sound id. @category Enums */
export type PlayType = EnumValues<AttributesOf<'play'>['type']>;
/** Hold music for `transfer` (`ringing`, `silence`, `jazz`, …). @category Enums */
export type MusicOnHold = EnumValues<AttributesOf<'transfer'>['musiconhold']>;
/** How `transfer` rings several numbers: all at once or one after the other. @category Enums */
export type TransferMode = EnumValues<AttributesOf<'transfer'>['mode']>;
/** The event a `catch` handles. @category Enums */
export type CatchType = EnumValues<AttributesOf<'catch'>['type']>;
