/**
 * Option parsing for every command: node's strict `parseArgs`, with its errors turned into
 * {@link UsageError}s that name the command.
 *
 * @module
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `args` for `command`; unknown options and missing values become usage errors. */
export function parseOptions<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    const message = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '.');
    throw new UsageError(`dialplan ${command}: ${message}`);
  }
}

/** Reads an option that must be one of `choices`. */
export function choice<T extends string>(command: string, option: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`dialplan ${command}: --${option} must be one of ${choices.join(', ')}; got "${value}".`);
}
