/**
 * The JSON Schema of `.dialplanrc.json`, generated from the rule registry so a new rule is
 * known to the config check (and to editors, through `schemas/dialplanrc.schema.json`)
 * without further edits.
 *
 * @module
 */
import { RULES } from './rules/index.js';

/** The schema's `$id`, also what a config's `"$schema"` may point at. */
export const CONFIG_SCHEMA_ID = 'https://callfire-dialplan.dev/schemas/dialplanrc.schema.json';

/**
 * Builds the JSON Schema (draft-07) of a lint configuration.
 *
 * @example
 * ```ts
 * const schema = configSchema();
 * Object.keys(schema.definitions.rules.properties); // every rule name
 * ```
 * @category Lint configuration
 */
export function configSchema() {
  const setting = {
    description: '"off" turns the rule off; "warn" and "error" set the severity of its findings.',
    enum: ['off', 'warn', 'error'],
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: CONFIG_SCHEMA_ID,
    title: 'dialplan lint configuration (.dialplanrc.json)',
    description:
      'Rule settings for `dialplan lint` and layout settings for `dialplan fmt`. The file is looked up from each linted file\'s folder upwards; the nearest one applies. Generated from the rule metadata by `npm run docs:rules`.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'The schema this file follows (for editors).' },
      files: {
        type: 'array',
        minItems: 1,
        items: { type: 'string', minLength: 1 },
        description:
          'The plans of the project, as globs relative to the folder of the config file (`flows/*.ts`, `plans/**/*.xml`): what `dialplan lint` and `dialplan fmt` check when no file is named.',
      },
      rules: { $ref: '#/definitions/rules' },
      fmt: {
        type: 'object',
        description: 'Settings of `dialplan fmt`.',
        additionalProperties: false,
        properties: {
          indent: {
            description: 'Spaces per nesting level (0 to 8), or "tab". Default: 2.',
            oneOf: [{ type: 'integer', minimum: 0, maximum: 8 }, { const: 'tab' }],
          },
        },
      },
      overrides: {
        type: 'array',
        description: 'Settings for some files only; later entries win over earlier ones and over `rules`.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files', 'rules'],
          properties: {
            files: {
              type: 'array',
              minItems: 1,
              items: { type: 'string', minLength: 1 },
              description: 'Globs relative to the folder of the config file (`inbound/**/*.xml`); a glob without "/" also matches the file name in any folder.',
            },
            rules: { $ref: '#/definitions/rules' },
          },
        },
      },
    },
    definitions: {
      rules: {
        type: 'object',
        description: 'Rule name → "off" | "warn" | "error".',
        additionalProperties: false,
        properties: Object.fromEntries(
          RULES.map((r) => [r.name, { ...setting, description: `${r.description} Default: ${r.severity === 'warning' ? 'warn' : 'error'}.` }]),
        ),
      },
    },
  };
}
