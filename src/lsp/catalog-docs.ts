/**
 * Markdown for tags, attributes and variables, written from the catalog and the variable
 * tables, for hover and for completion items' documentation.
 *
 * @module
 */
import { isTagName, tagSpec, type AttributeSpec } from '../language/catalog.js';
import { CALL_VARIABLES, CONTACT_FIELDS, GLOBAL_VARIABLES, isSystemVariable } from '../language/variables.js';

const UNDOCUMENTED = 'Not documented by CallFire (known from SDKs or third-party code).';

/** The documentation of a tag, or undefined for a name that is not a tag. */
export function tagDoc(tag: string): string | undefined {
  if (!isTagName(tag)) return undefined;
  const spec = tagSpec(tag);
  const lines = [`**<${tag}>**: ${spec.description}`];
  const attrs = Object.keys(spec.attributes);
  if (attrs.length > 0) lines.push(`Attributes: ${attrs.map((a) => `\`${a}\`${spec.attributes[a]!.required ? ' (required)' : ''}`).join(', ')}.`);
  if (spec.content === 'children' && spec.children) lines.push(`Holds: ${spec.children.map((c) => `\`${c}\``).join(', ')}.`);
  else lines.push(`Content: ${spec.content}${spec.contentRequired ? ' (required)' : ''}.`);
  if (!spec.documented) lines.push(UNDOCUMENTED);
  return lines.join('\n\n');
}

/** The catalog entry of an attribute, or undefined when the tag has no such attribute. */
export function attributeSpec(tag: string, attribute: string): AttributeSpec | undefined {
  if (!isTagName(tag)) return undefined;
  const attrs = tagSpec(tag).attributes;
  return Object.hasOwn(attrs, attribute) ? attrs[attribute] : undefined;
}

/** The documentation of an attribute of a tag. */
export function attributeDoc(tag: string, attribute: string): string | undefined {
  const spec = attributeSpec(tag, attribute);
  if (!spec) return undefined;
  const lines = [`**${tag}@${attribute}** (${spec.type}${spec.required ? ', required' : ''}): ${spec.description}`];
  if (spec.values) {
    const legacy = new Set(spec.legacyValues ?? []);
    lines.push(`Values: ${spec.values.map((v) => (legacy.has(v) ? `\`${v}\` (legacy)` : `\`${v}\``)).join(', ')}.`);
  }
  if (spec.default !== undefined) lines.push(`Default: \`${spec.default}\`.`);
  if (!spec.documented) lines.push(UNDOCUMENTED);
  return lines.join('\n\n');
}

/** One system variable (without `${…}`) and what it holds. */
export interface SystemVariable {
  readonly name: string;
  readonly description: string;
}

/** Every system variable CallFire provides: call.*, global.* and the contact fields. */
export const SYSTEM_VARIABLES: readonly SystemVariable[] = [
  ...Object.entries(CALL_VARIABLES).map(([k, description]) => ({ name: `call.${k}`, description })),
  ...Object.entries(GLOBAL_VARIABLES).map(([k, description]) => ({ name: `global.${k}`, description: `${description} (UTC)` })),
  ...CONTACT_FIELDS.map((f) => ({ name: `contact.${f}`, description: `The contact's ${f} field.` })),
];

/** The documentation of a variable reference's name, if it is a system variable. */
export function variableDoc(name: string): string | undefined {
  const v = SYSTEM_VARIABLES.find((s) => s.name === name);
  if (v) return `**\${${v.name}}**: ${v.description}`;
  if (name.startsWith('contact.') && isSystemVariable(name)) return `**\${${name}}**: column ${name.slice(8).toUpperCase()} of the uploaded contact sheet.`;
  return undefined;
}
