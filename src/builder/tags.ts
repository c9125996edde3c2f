/**
 * The nodes of the action tags, made from a builder method's arguments. Every action method is
 * named like its tag, so the tag is written once and names the method in error messages too
 * (`transfer(): option 'timeout' must be …`). Nested blocks are run by callbacks the builder
 * passes in, so this module does not import the builders.
 *
 * @module
 */
import type { ElementNode, Node } from '../ast/nodes.js';
import type { ContainerTag, LeafTag } from '../language/catalog.js';
import { isSoundId, isUrl } from '../language/values.js';
import type { BlockRunner } from './bodies.js';
import { fail, show } from './checks.js';
import { attributes, content, element, leaf, optionsOf } from './element.js';

/** The values a method takes as arguments, keyed by option key (`{ varname }`). */
type Arguments = Readonly<Record<string, unknown>>;

/** The text of a leaf tag: what the method calls it in errors (`'the URL'`) and the value given. */
export interface Text {
  readonly what: string;
  readonly value: unknown;
}

/** A leaf tag: its attributes from `options` and `args`, then its text, each checked against the catalog. */
export function leafTag<T extends LeafTag>(tag: T, options: object | undefined, args?: Arguments, text?: Text): ElementNode<T> {
  const attrs = attributes(tag, tag, options, args);
  return leaf(tag, attrs, text === undefined ? undefined : content(tag, tag, text.what, text.value));
}

/** A container tag: its attributes are checked before `children` runs the body callbacks. */
export function blockTag<T extends ContainerTag>(tag: T, options: object | undefined, args: Arguments | undefined, children: () => Node[]): ElementNode<T> {
  const attrs = attributes(tag, tag, options, args);
  return element(tag, attrs, children());
}

/** `<play>`: `type` defaults to `tts` and is always written; the sound must fit the type. */
export function playTag(value: unknown, options: object | undefined): ElementNode<'play'> {
  const given = optionsOf('play', options);
  const attrs = attributes('play', 'play', { ...given, type: given?.['type'] ?? 'tts' });
  const body = content('play', 'play', 'the sound', value);
  if (attrs['type'] === 'url' && !isUrl(body)) fail('play', 'the sound', `must be an http(s) URL or a variable for type 'url', got ${show(body)}`);
  if (attrs['type'] === 'callfireid' && !isSoundId(body)) fail('play', 'the sound', `must be a CallFire sound id (digits) for type 'callfireid', got ${show(body)}`);
  return leaf('play', attrs, body);
}

/** `<if>` with its branch, and the `<else>` child when `otherwise` is given (its options in `options.else`). */
export function ifTag(expr: unknown, then: unknown, otherwise: unknown, options: object | undefined, block: BlockRunner): ElementNode<'if'> {
  const { else: elseOptions, ...ifOptions } = optionsOf('if', options) ?? {};
  if (elseOptions !== undefined && otherwise === undefined) fail('if', "option 'else'", 'needs the else branch (the third argument)');
  return blockTag('if', ifOptions, { expr }, () => {
    const nodes = block('if', then);
    if (otherwise !== undefined) nodes.push(element('else', attributes('else', 'else', elseOptions as object | undefined), block('if', otherwise)));
    return nodes;
  });
}
