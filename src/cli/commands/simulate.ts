/**
 * `dialplan simulate`: one scripted call through a dialplan, as a transcript or JSON.
 *
 * @module
 */
import { isCallerInput } from '../../simulate/keypress.js';
import { formatTranscript } from '../../simulate/transcript.js';
import { simulate } from '../../simulate/simulate.js';
import type { Script, TransferOutcome } from '../../simulate/types.js';
import { UsageError, type Command } from '../io.js';
import { loadDialplan } from '../load-flow.js';
import { choice, numberOption, parseOptions, textOrJson } from '../options.js';

/** `name=value` options into a record. */
function assignments(command: string, option: string, values: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const i = v.indexOf('=');
    if (i <= 0) throw new UsageError(`dialplan ${command}: --${option} takes name=value; got "${v}"`);
    out[v.slice(0, i)] = v.slice(i + 1);
  }
  return out;
}

/** `--keys 1,timeout`: each one a caller input, or a usage error naming the first that is not. */
function callerKeys(option: string | undefined): string[] {
  const keys = (option ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '');
  const bad = keys.find((k) => !isCallerInput(k));
  if (bad !== undefined) {
    throw new UsageError(`dialplan simulate: --keys takes keypad keys (0-9, *, #), timeout or hangup, comma-separated; got "${bad}"`);
  }
  return keys;
}

export const command: Command = {
  name: 'simulate',
  usage: `Usage: dialplan simulate <file.xml|flow.ts> [--answer live|machine] [--keys 1,2,timeout] [--var name=value ...]
                         [--contact field=value ...] [--call name=value ...] [--clock ISO-time]
                         [--transfer answered|no-answer|busy] [--format text|json]

Runs one call through the dialplan offline, with a scripted caller, and prints what happened.
Nothing is dialled and no request leaves the machine: <get>/<post> answer 404 here (use
"dialplan test" scenarios for canned responses).

Options:
  --answer <live|machine>   What <amd> detects (default live)
  --keys <list>             The caller's inputs at each menu, comma-separated: digits ("12345#"),
                            timeout or hangup. When they run out, the caller hangs up.
  --var <name=value>        A user variable set before the call (repeatable)
  --contact <field=value>   A contact field: firstName, lastName, A..ZZ (repeatable)
  --call <name=value>       A call variable: callerid, dnis, phonenumber, id (repeatable)
  --clock <time>            Start time in UTC for \${global.*} (default 2026-01-05T15:00:00Z, a Monday)
  --transfer <outcome>      How every transfer goes (default answered)
  --max-steps <n>           Tags to run before stopping an endless loop (default 10000)
  --format <text|json>      text (default): a transcript; json: { events, variables, stashed, ended, ... }

Examples:
  dialplan simulate plan.xml --answer live --keys 1,timeout
  dialplan simulate examples/survey.ts --keys 2 --format json
  dialplan simulate transfer-by-day.xml --clock 2026-01-06T15:00:00Z

Lines in the transcript of a flow (.ts) are lines of the flow: where each builder call was made.

Exit codes: 0 the call completed, 1 a simulation error (or unreadable XML), 2 usage or I/O failure.`,
  async run(args, io) {
    const { values, positionals } = parseOptions('simulate', args, {
      answer: { type: 'string' },
      keys: { type: 'string' },
      var: { type: 'string', multiple: true },
      contact: { type: 'string', multiple: true },
      call: { type: 'string', multiple: true },
      clock: { type: 'string' },
      transfer: { type: 'string' },
      'max-steps': { type: 'string' },
      format: { type: 'string' },
    });
    const format = textOrJson('simulate', values.format);
    const answer = choice('simulate', 'answer', values.answer, ['live', 'machine'], 'live');
    const transfer = choice<TransferOutcome>('simulate', 'transfer', values.transfer, ['answered', 'no-answer', 'busy'], 'answered');
    if (positionals.length !== 1) throw new UsageError('dialplan simulate: name exactly one dialplan file');
    const maxSteps = numberOption('simulate', 'max-steps', values['max-steps'], { min: 1 });
    if (values.clock !== undefined && Number.isNaN(Date.parse(values.clock))) {
      throw new UsageError(`dialplan simulate: --clock takes a time such as 2026-01-05T15:00:00Z; got "${values.clock}"`);
    }
    const script: Script = {
      answer,
      transfer,
      keys: callerKeys(values.keys),
      vars: assignments('simulate', 'var', values.var),
      contact: assignments('simulate', 'contact', values.contact),
      call: assignments('simulate', 'call', values.call),
      ...(values.clock !== undefined ? { clock: values.clock } : {}),
    };
    // A flow is simulated as the tree it built: lines in the trace are the flow's own.
    const plan = await loadDialplan(positionals[0]!, io.cwd);
    const result = await simulate(plan, script, maxSteps === undefined ? {} : { maxSteps });
    io.stdout(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatTranscript(result));
    if (result.error && format === 'text') {
      io.stderr(`dialplan simulate: ${positionals[0]}${result.error.line ? `:${result.error.line}` : ''}: ${result.error.message}\n`);
    }
    return result.ended === 'error' ? 1 : 0;
  },
};
