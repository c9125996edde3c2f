/**
 * A simulated call as a readable transcript, one event a line, with the XML line on the left,
 * then the simulator's warnings, each written as every finding is written on one line
 * (`formatCompact`, as in a SOAP fault's detail): line:column, path, message, rule.
 *
 * ```text
 *    6  IVR: Hello . Press 1 to confirm.
 *    5  caller presses 1
 *    8  stash confirmed = "yes"
 *   14  transfer to 12135551234 (answered)
 *       call ended: transfer
 * warning: 6:9 /dialplan/menu[1]/play[1]: ${contact.firstName} is not set; read as empty text (unset-variable)
 * ```
 *
 * @module
 */
import { formatCompact } from '../validate/report/compact.js';
import type { SimulationEvent, SimulationResult } from './types.js';

const q = (s: string) => JSON.stringify(s);

/** One event as a transcript line (without the line-number column), or `undefined` to leave it out. @category Events and transcripts */
export function describeEvent(e: SimulationEvent): string | undefined {
  switch (e.type) {
    case 'play':
      return e.playType === 'tts' ? `IVR: ${e.text}` : e.playType === 'callfireid' ? `IVR plays sound #${e.text}` : `IVR plays ${e.text}`;
    case 'amd':
      return e.answer === 'live' ? 'answered by a live person' : 'answered by a machine';
    case 'input':
      if (e.input === 'hangup') return undefined;
      if (e.input === 'timeout') return 'caller presses nothing (timeout)';
      return `caller presses ${e.input}`;
    case 'keypress':
      return `  matches pressed=${q(e.pressed)}`;
    case 'no-match':
      return '  no keypress matches; continues after the menu';
    case 'goto':
      return `goto ${e.target}`;
    case 'setvar':
      return `set ${e.name} = ${q(e.value)}`;
    case 'stash':
      return `stash ${e.name} = ${q(e.value)}`;
    case 'record':
      return `records${e.background ? ' in the background' : ' a message'}${e.varname ? ` into \${${e.varname}}` : ''}`;
    case 'transfer':
      return `transfer to ${e.numbers.join(', ')} (${e.answeredBy && e.numbers.length > 1 ? `answered by ${e.answeredBy}` : e.outcome}${e.continueAfter ? ', continue-after' : ''})`;
    case 'sms':
      return `SMS to ${e.to}: ${e.text}`;
    case 'dnc':
      return `adds ${e.number} to the Do Not Call list`;
    case 'http':
      return `${e.method.toUpperCase()} ${e.url} → ${e.status}${e.body ? ` ${q(e.body)}` : ''}${e.varname ? ` into \${${e.varname}}` : ''}`;
    case 'wait':
      return `waits ${e.seconds} s`;
    case 'if':
      return `if ${e.expr} → ${e.result}`;
    case 'equal':
    case 'notEqual':
      return `${e.type} ${q(e.value)} vs ${q(e.expected)} → ${e.result}`;
    case 'catch':
      return `catch (hangup) goes to ${e.target}`;
    case 'caller-hangup':
      return e.reason === 'inputs-exhausted' ? 'caller hangs up (no more scripted inputs)' : 'caller hangs up';
    case 'hangup':
      return 'IVR hangs up';
    case 'dtmf':
      return `sends DTMF ${e.digits}`;
    case 'analytics':
      return `analytics ${Object.entries(e.attributes).map(([k, v]) => `${k}=${q(v)}`).join(' ')}`;
    case 'gtalk':
      return `Google Talk message to ${e.to}: ${e.text}`;
    case 'gotoXML':
      return `continues in another document: ${e.url} (not simulated)`;
    case 'unknown-tag':
      return `skips unknown tag <${e.name}>`;
    case 'error':
      return `ERROR: ${e.message}`;
  }
}

/**
 * The whole call as text, ending with how it ended and any warnings.
 *
 * @example
 * ```ts
 * process.stdout.write(formatTranscript(await simulate(xml, { keys: ['1'] })));
 * ```
 * @category Events and transcripts
 */
export function formatTranscript(result: SimulationResult): string {
  const lines: string[] = [];
  for (const e of result.events) {
    const text = describeEvent(e);
    if (text !== undefined) lines.push(`${String(e.line ?? '').padStart(5)}  ${text}`);
  }
  lines.push(`${' '.repeat(5)}  call ended: ${result.ended}`);
  const stashed = Object.entries(result.stashed);
  if (stashed.length > 0) lines.push(`${' '.repeat(5)}  stashed: ${stashed.map(([k, v]) => `${k}=${q(v)}`).join(', ')}`);
  for (const w of result.warnings) lines.push(`${w.severity}: ${formatCompact(w)}`);
  return lines.join('\n') + '\n';
}
