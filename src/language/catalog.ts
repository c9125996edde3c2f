/**
 * The CallFire XML language, described once.
 *
 * Every tag CallFire accepts is listed here with its attributes, the kind of text it holds
 * and the children it may contain. The builder's option types, the parser, the XSD test, the
 * lint rules on values and the generated docs all read this table, so they cannot drift
 * apart. Facts come from CallFire's XML help pages (callfire.com/help/docs/callfire-xml), its
 * developer pages (developers.callfire.com/callfire_xml_*.html) and its published samples and
 * SDKs (github.com/CallFire); where they contradict each other, the table follows the samples.
 *
 * @module
 */

/** How an attribute value or a tag's text is read. @category Catalog */
export type ValueType =
  /** Free text, `${…}` variables allowed. */
  | 'string'
  /** A tag label, used as a goto target. */
  | 'name'
  /** A variable name (`[A-Za-z0-9_]`, `${…}` allowed inside). */
  | 'varname'
  /** `true` or `false`. */
  | 'boolean'
  /** A whole number. */
  | 'integer'
  /** One of {@link AttributeSpec.values}. */
  | 'enum'
  /** A JavaScript expression evaluated after `${…}` substitution. */
  | 'expression'
  /** A phone number or a variable. */
  | 'phone'
  /** The name of another tag in the plan. */
  | 'tagref'
  /** A keypress pattern: digits, `A-B` range, `#`, `*`, `default`, `timeout`. */
  | 'keypattern'
  /** An http(s) URL, `${…}` variables allowed. */
  | 'url';

/** One attribute of a tag. @category Catalog */
export interface AttributeSpec {
  readonly type: ValueType;
  /** Allowed values of an `enum` attribute. */
  readonly values?: readonly string[];
  /** Values CallFire still accepts but documents under another spelling; lint warns about them. */
  readonly legacyValues?: readonly string[];
  /** For each legacy value, the spelling that replaced it (lint's fix writes it). */
  readonly currentSpelling?: Readonly<Record<string, string>>;
  readonly required?: boolean;
  /** What CallFire assumes when the attribute is absent, where documented. */
  readonly default?: string;
  /** False where the attribute is known only from SDKs or third-party code. */
  readonly documented: boolean;
  readonly description: string;
  /** The builder's option name, where the XML name is not a JavaScript identifier. */
  readonly key?: string;
}

/**
 * What a tag holds between its start and end tags.
 * `children` means other tags; every other kind is text read as described.
 * @category Catalog
 */
export type ContentKind =
  | 'children'
  /** Nothing (whitespace allowed): hangup, record. */
  | 'empty'
  /** Text to speak or send, `${…}` allowed. */
  | 'text'
  /** A literal or a JavaScript expression (setvar, stash). */
  | 'value'
  /** A whole number (wait: seconds). */
  | 'integer'
  /** One or more phone numbers, comma-separated, `x<ext>` and variables allowed. */
  | 'phones'
  /** One phone number or a variable. */
  | 'phone'
  /** An http(s) URL. */
  | 'url'
  /** The name of the tag to jump to. */
  | 'tagref'
  /** TTS text, a sound URL or a CallFire sound id, depending on `type`. */
  | 'sound'
  /** DTMF digits to send. */
  | 'digits';

/**
 * How the allowed children of a container may be arranged. language/content-model.ts is the one
 * reader that checks a list of children against it (converter, completion, schema messages).
 * @category Catalog
 */
export type ChildrenModel =
  /** Any of the allowed tags, any number, any order. */
  | 'any'
  /** Each allowed tag exactly once, in any order (amd: live and machine). */
  | 'each-once'
  /** Any action tags, then at most one `else`, which must come last (if). */
  | 'else-last';

/** One tag of the language. @category Catalog */
export interface TagSpec {
  readonly description: string;
  /** False for SDK-only tags with no CallFire documentation or sample. */
  readonly documented: boolean;
  readonly attributes: Readonly<Record<string, AttributeSpec>>;
  readonly content: ContentKind;
  /** Whether the text content must be non-blank. */
  readonly contentRequired?: boolean;
  /** Allowed child tags, for `content: 'children'`. */
  readonly children?: readonly string[];
  readonly childrenModel?: ChildrenModel;
}

const name = {
  type: 'name',
  documented: true,
  description: 'A unique name for the tag, used as a goto target.',
} as const satisfies AttributeSpec;

// Generic over `extra` so that literal types (`key: 'continueAfter'`, `type: 'boolean'`) survive
// for the builder's option types, which are derived from this table.
const bool = <const E extends Partial<AttributeSpec> = Record<never, never>>(description: string, documented: boolean, extra?: E) =>
  ({ type: 'boolean', documented, description, ...extra }) as { readonly type: 'boolean'; readonly documented: boolean; readonly description: string } & E;

/** A free-text attribute known only from SDK code. */
const sdkText = (description: string) => ({ type: 'string', documented: false, description }) as const;

/** TTS voices for `play@voice` (CallFire's play page); `femaleSpanish` is HELP-play's older spelling. @category Enums */
export const VOICES = ['male1', 'female1', 'female2', 'spanish1', 'frenchcanadian1'] as const;
/** Voice spellings CallFire documented once and no sample uses. @category Enums */
export const LEGACY_VOICES = ['femaleSpanish'] as const;
/** Hold music for `transfer@musiconhold` (CallFire's transfer page, "subject to change"). @category Enums */
export const MUSIC_ON_HOLD = [
  'ringing', 'default', 'silence', 'alternative', 'blues', 'celtic', 'classical', 'country',
  'instrumental', 'jazz', 'neopunk', 'new_age', 'pop', 'rock', 'swing', 'techno',
] as const;
/** `Silent` appears in old wiki examples only. @category Enums */
export const LEGACY_MUSIC_ON_HOLD = ['Silent'] as const;
/** Values of `play@type`: TTS text, a sound URL or a CallFire sound id. @category Enums */
export const PLAY_TYPES = ['tts', 'url', 'callfireid'] as const;
/** Values of `transfer@mode`: `ringall` rings every number at once, `waterfall` one at a time. @category Enums */
export const TRANSFER_MODES = ['ringall', 'waterfall'] as const;
/** Values of `catch@type`, the event a `catch` waits for. @category Enums */
export const CATCH_TYPES = ['hangup', 'digit'] as const;

/**
 * Tags that perform an action and may stand in any block of actions: the body of
 * `dialplan`, `keypress`, `live`, `machine`, `if`, `else`, `equal`, `notEqual`, `catch`
 * and (with `keypress`) `menu`.
 * @category Catalog
 */
export const ACTION_TAGS = [
  'play', 'menu', 'amd', 'transfer', 'hangup', 'goto', 'record', 'setvar', 'stash', 'if',
  'equal', 'notEqual', 'get', 'post', 'dnc', 'sms', 'wait', 'catch',
  'gotoXML', 'dtmf', 'analytics', 'gtalk', 'text',
] as const;

const block = { content: 'children', children: ACTION_TAGS, childrenModel: 'any' } as const;

/** `equal` and `notEqual`: the same attributes and body, a different test. */
const comparison = (description: string) =>
  ({
    description,
    documented: true,
    attributes: {
      name,
      var: { type: 'string', required: true, documented: true, description: 'A variable or value to compare.' },
      expr: { type: 'expression', required: true, documented: true, description: 'The expression to compare with.' },
    },
    ...block,
  }) as const;

/**
 * The catalog: every tag, keyed by its exact (case-sensitive) XML name.
 *
 * @example
 * ```ts
 * import { CATALOG } from 'callfire-dialplan';
 * CATALOG.transfer.attributes.mode.values; // ['ringall', 'waterfall']
 * ```
 * @category Catalog
 */
export const CATALOG = {
  dialplan: {
    description: 'The root of every dialplan; its children run top to bottom.',
    documented: true,
    attributes: {
      name: { ...name, description: 'Name of the dialplan ("Root" by convention).' },
      loggingEnabled: bool('Enables call logging (undocumented; seen in third-party code).', false),
    },
    ...block,
  },
  menu: {
    description: 'Plays prompts and collects the caller\'s keypad input; the matching keypress runs.',
    documented: true,
    attributes: {
      name,
      maxDigits: { type: 'integer', documented: true, description: 'The maximum number of digits the caller may enter.' },
      timeout: {
        type: 'integer',
        documented: true,
        description: 'How long to wait for input: seconds, or milliseconds when over 1000.',
      },
    },
    content: 'children',
    children: [...ACTION_TAGS, 'keypress'],
    childrenModel: 'any',
  },
  keypress: {
    description: 'One branch of a menu: runs its children when the caller\'s input matches `pressed`.',
    documented: true,
    attributes: {
      name,
      pressed: {
        type: 'keypattern',
        required: true,
        documented: true,
        description: 'The input handled: digits, a range `A-B`, `#`, `*`, `default` or `timeout`.',
      },
    },
    ...block,
  },
  play: {
    description: 'Speaks TTS text or plays a sound file (by URL or CallFire sound id).',
    documented: true,
    attributes: {
      name,
      type: {
        type: 'enum',
        values: PLAY_TYPES,
        required: true,
        documented: true,
        description: 'What the text is: TTS text, a sound URL or a CallFire sound id.',
      },
      voice: {
        type: 'enum',
        values: [...VOICES, ...LEGACY_VOICES],
        legacyValues: LEGACY_VOICES,
        currentSpelling: { femaleSpanish: 'spanish1' },
        documented: true,
        description: 'The TTS voice.',
      },
      cache: bool('Whether the sound is fetched again at each call.', true),
    },
    content: 'sound',
    contentRequired: true,
  },
  transfer: {
    description: 'Transfers the call to one or more phone numbers (comma-separated).',
    documented: true,
    attributes: {
      name,
      callerid: {
        type: 'phone',
        default: '${call.callerid}',
        documented: true,
        description: 'The caller ID shown to the called party.',
      },
      calleridalpha: {
        type: 'string',
        documented: false,
        description: 'An alphanumeric caller ID (SDK and third-party code only).',
      },
      musiconhold: {
        type: 'enum',
        values: [...MUSIC_ON_HOLD, ...LEGACY_MUSIC_ON_HOLD],
        legacyValues: LEGACY_MUSIC_ON_HOLD,
        currentSpelling: { Silent: 'silence' },
        default: 'ringing',
        documented: true,
        description: 'Music the caller hears while the transfer rings.',
      },
      'continue-after': bool('Return to the dialplan after the transferred call hangs up.', true, {
        default: 'false',
        key: 'continueAfter',
      }),
      mode: {
        type: 'enum',
        values: TRANSFER_MODES,
        default: 'ringall',
        documented: true,
        description: '`ringall` rings every number at once; `waterfall` one at a time.',
      },
      timeout: {
        type: 'integer',
        documented: true,
        description: 'Seconds to ring before giving up and returning to the dialplan.',
      },
      'whisper-tts': {
        type: 'string',
        documented: true,
        key: 'whisperTts',
        description: 'TTS played to the called party just before the caller is connected.',
      },
      screen: bool('Ask the called party to accept the call (third-party code only; needs whisper-tts).', false, {
        default: 'false',
      }),
    },
    content: 'phones',
    contentRequired: true,
  },
  hangup: {
    description: 'Ends the call.',
    documented: true,
    attributes: { name },
    content: 'empty',
  },
  goto: {
    description: 'Jumps to the tag with the given name and continues from there.',
    documented: true,
    attributes: { name },
    content: 'tagref',
    contentRequired: true,
  },
  record: {
    description: 'Records the caller (until # or hang-up); the recording\'s URL goes into `varname`.',
    documented: true,
    attributes: {
      name: { ...name, description: 'A unique name; also the recording\'s file name.' },
      varname: { type: 'varname', documented: true, description: 'The variable that receives the recording\'s URL.' },
      background: bool('Record in the background while the plan goes on (SDK and third-party code).', false),
      timeout: { type: 'integer', documented: false, description: 'The maximum recording length in milliseconds.' },
    },
    content: 'empty',
  },
  setvar: {
    description: 'Sets a variable to a literal value or the result of a JavaScript expression.',
    documented: true,
    attributes: {
      name,
      varname: { type: 'varname', required: true, documented: true, description: 'The variable to set.' },
    },
    content: 'value',
  },
  stash: {
    description: 'Stores a value in the call\'s report (QuestionResponse); it is not readable later.',
    documented: true,
    attributes: {
      name,
      varname: { type: 'varname', required: true, documented: true, description: 'The report key.' },
    },
    content: 'value',
  },
  if: {
    description: 'Runs its children when the JavaScript expression is true, else its `else` child.',
    documented: true,
    attributes: {
      name,
      expr: { type: 'expression', required: true, documented: true, description: 'The condition (JavaScript).' },
    },
    content: 'children',
    children: [...ACTION_TAGS, 'else'],
    childrenModel: 'else-last',
  },
  else: {
    description: 'The branch of an `if` that runs when its condition is false.',
    documented: true,
    attributes: { name },
    ...block,
  },
  equal: comparison('Runs its children when `var` equals the result of `expr`.'),
  notEqual: comparison('Runs its children when `var` differs from the result of `expr`.'),
  get: {
    description: 'Sends an HTTP GET; the response body goes into `varname`.',
    documented: true,
    attributes: {
      name,
      varname: { type: 'varname', documented: true, description: 'The variable that receives the response body.' },
    },
    content: 'url',
    contentRequired: true,
  },
  post: {
    description: 'Sends an HTTP POST; the response body goes into `varname`.',
    documented: true,
    attributes: {
      name,
      varname: { type: 'varname', documented: true, description: 'The variable that receives the response body.' },
    },
    content: 'url',
    contentRequired: true,
  },
  amd: {
    description: 'Answering-machine detection (outbound only): runs `live` or `machine`.',
    documented: true,
    attributes: { name },
    content: 'children',
    children: ['live', 'machine'],
    childrenModel: 'each-once',
  },
  live: {
    description: 'The branch of `amd` run when a person answers.',
    documented: true,
    attributes: { name },
    ...block,
  },
  machine: {
    description: 'The branch of `amd` run when an answering machine answers.',
    documented: true,
    attributes: { name },
    ...block,
  },
  dnc: {
    description: 'Adds a phone number to the account\'s Do-Not-Call list.',
    documented: true,
    attributes: {
      name,
      loggingEnabled: bool('Undocumented (PHP SDK only).', false),
    },
    content: 'phone',
    contentRequired: true,
  },
  sms: {
    description: 'Sends a text message during the call.',
    documented: true,
    attributes: {
      name,
      to: { type: 'phone', required: true, documented: true, description: 'The recipient.' },
    },
    content: 'text',
    contentRequired: true,
  },
  wait: {
    description: 'Pauses for a number of seconds.',
    documented: true,
    attributes: { name },
    content: 'integer',
    contentRequired: true,
  },
  catch: {
    description: 'Runs its children; if the event (caller hang-up) happens meanwhile, jumps to `goto`.',
    documented: true,
    attributes: {
      name,
      type: { type: 'enum', values: CATCH_TYPES, required: true, documented: true, description: 'The event to catch.' },
      value: sdkText('The digit, for `type="digit"` (undocumented).'),
      goto: { type: 'tagref', required: true, documented: true, description: 'The tag to jump to when the event fires.' },
    },
    ...block,
  },
  gotoXML: {
    description: 'Continues with another CallFire XML document fetched from a URL (SDK only).',
    documented: false,
    attributes: { name },
    content: 'url',
    contentRequired: true,
  },
  dtmf: {
    description: 'Sends DTMF digits (SDK only).',
    documented: false,
    attributes: { name },
    content: 'digits',
    contentRequired: true,
  },
  analytics: {
    description: 'Tracks an analytics event (SDK only).',
    documented: false,
    attributes: {
      name,
      account: sdkText('Analytics account id.'),
      domain: sdkText('Analytics domain.'),
      category: sdkText('Event category.'),
      action: sdkText('Event action.'),
      label: sdkText('Event label.'),
      value: sdkText('Event value.'),
    },
    content: 'empty',
  },
  gtalk: {
    description: 'Sends a Google Talk message (SDK only).',
    documented: false,
    attributes: {
      name,
      username: sdkText('Sender account.'),
      password: sdkText('Sender password.'),
      to: sdkText('Recipient.'),
    },
    content: 'text',
  },
  text: {
    description: 'Sends a text message (SDK only; `sms` is the documented form).',
    documented: false,
    attributes: {
      name,
      to: { type: 'phone', documented: false, description: 'The recipient.' },
    },
    content: 'text',
    contentRequired: true,
  },
} as const satisfies Record<string, TagSpec>;

/** The name of a CallFire XML tag. @category Catalog */
export type TagName = keyof typeof CATALOG;
/** Tags that hold other tags. @category Catalog */
export type ContainerTag = { [T in TagName]: (typeof CATALOG)[T]['content'] extends 'children' ? T : never }[TagName];
/** Tags that hold text (or nothing). @category Catalog */
export type LeafTag = Exclude<TagName, ContainerTag>;
/** The attribute names of a tag. @category Catalog */
export type AttributeName<T extends TagName> = keyof (typeof CATALOG)[T]['attributes'] & string;

/** Every tag name, in catalog order. @category Catalog */
export const TAG_NAMES = Object.keys(CATALOG) as TagName[];

/** Whether `name` is a tag of the language (exact, case-sensitive). @category Catalog */
export function isTagName(name: string): name is TagName {
  return Object.hasOwn(CATALOG, name);
}

/** The spec of a tag, typed loosely for generic passes. @category Catalog */
export function tagSpec(tag: TagName): TagSpec {
  return CATALOG[tag];
}
