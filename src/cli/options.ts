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

/** The `--format` of a command that prints text (the default) or JSON. */
export function textOrJson(command: string, value: string | undefined): 'text' | 'json' {
  return choice(command, 'format', value, ['text', 'json'], 'text');
}

/** What a number option accepts. */
export interface NumberRange {
  readonly min: number;
  readonly max?: number;
  /** Only whole numbers (default true). */
  readonly whole?: boolean;
}

/** Reads a number option within a range; anything else is a usage error naming the option. */
export function numberOption(command: string, option: string, value: string | undefined, range: NumberRange): number | undefined {
  if (value === undefined) return undefined;
  const { min, max = Infinity, whole = true } = range;
  const n = value.trim() === '' ? NaN : Number(value);
  if (Number.isNaN(n) || (whole && !Number.isInteger(n)) || n < min || n > max) {
    const kind = whole ? 'a whole number' : 'a number';
    const bounds = max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`dialplan ${command}: --${option} takes ${kind} ${bounds}; got "${value}"`);
  }
  return n;
}
