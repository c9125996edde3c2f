/**
 * Expectations about a simulated call, shared by scenario files, the vitest matchers and the
 * plain assertion API, so all three say the same thing the same way.
 *
 * @module
 */
import type { Ended, SimulationResult } from './types.js';

/** One expectation, in object form (scenario files may also write the sentence form, see {@link parseExpectation}). @category Scenarios */
export type Expectation =
  | { readonly transfersTo: string }
  | { readonly stashes: Readonly<Record<string, string | number | boolean>> }
  | { readonly says: string | RegExp }
  | { readonly doesNotSay: string | RegExp }
  | { readonly endsWith: Ended }
  | { readonly sets: Readonly<Record<string, string | number | boolean>> }
  | { readonly sendsSms: string }
  | { readonly addsDnc: string }
  | { readonly fails: string | RegExp };

/** The verdict on one expectation: what was expected, what happened. @category Scenarios */
export interface Check {
  readonly pass: boolean;
  /** The expectation in words ("transfers to 12135551234"). */
  readonly expected: string;
  /** What the call did instead, in words. */
  readonly actual: string;
}

const ENDINGS: readonly Ended[] = ['hangup', 'transfer', 'end', 'caller-hangup', 'error'];

/** `/thank you/i` → RegExp; anything else stays text. @category Scenarios */
export function toPattern(s: string | RegExp): string | RegExp {
  if (s instanceof RegExp) return s;
  const m = /^\/(.*)\/([dgimsuy]*)$/s.exec(s.trim());
  return m ? new RegExp(m[1]!, m[2]) : s;
}

const matches = (p: string | RegExp, text: string) => {
  if (typeof p === 'string') return text.includes(p);
  p.lastIndex = 0; // a /g pattern keeps its position between calls
  return p.test(text);
};
const show = (p: string | RegExp) => (typeof p === 'string' ? JSON.stringify(p) : String(p));
const digits = (n: string) => n.replace(/[^0-9x*#]/gi, '');
const listOr = (items: string[], none: string) => (items.length === 0 ? none : items.join('; '));

function pairs(value: string): Record<string, string> {
  const i = value.indexOf('=');
  if (i <= 0) throw new Error(`expected name=value, got ${JSON.stringify(value)}`);
  return { [value.slice(0, i).trim()]: value.slice(i + 1).trim() };
}

/**
 * Reads an expectation written as a sentence or as an object.
 *
 * Sentences: `transfers to 12135551234`, `stashes confirmed=yes`, `says text matching /thank you/i`,
 * `says Goodbye`, `does not say /error/`, `ends with hangup`, `sets Counter=3`,
 * `sends sms to 12135551234`, `adds 12135551234 to dnc`, `fails with /not a tag/`.
 *
 * @example
 * ```ts
 * parseExpectation('stashes confirmed=yes');   // { stashes: { confirmed: 'yes' } }
 * parseExpectation({ 'transfers to': '12135551234' }); // { transfersTo: '12135551234' }
 * ```
 * @throws Error when the sentence is not one of these.
 * @category Scenarios
 */
export function parseExpectation(input: string | Record<string, unknown>): Expectation {
  if (typeof input !== 'string') {
    const [key, value] = Object.entries(input)[0] ?? [];
    const text = typeof value === 'object' && value !== null ? value : String(value);
    switch (key?.replace(/[\s_-]+/g, '').toLowerCase()) {
      case 'transfersto': return { transfersTo: String(text) };
      case 'stashes': return { stashes: typeof text === 'string' ? pairs(text) : (text as Record<string, string>) };
      case 'sets': return { sets: typeof text === 'string' ? pairs(text) : (text as Record<string, string>) };
      case 'says': return { says: toPattern(String(text)) };
      case 'doesnotsay': return { doesNotSay: toPattern(String(text)) };
      case 'endswith': return parseExpectation(`ends with ${String(text)}`);
      case 'sendssms': return { sendsSms: String(text) };
      case 'addsdnc': return { addsDnc: String(text) };
      case 'fails': return { fails: toPattern(String(text)) };
      default: throw new Error(`unknown expectation ${JSON.stringify(key)}: use transfersTo, stashes, says, doesNotSay, endsWith, sets, sendsSms, addsDnc or fails`);
    }
  }
  const s = input.trim();
  let m: RegExpExecArray | null;
  if ((m = /^transfers? to\s+(.+)$/i.exec(s))) return { transfersTo: m[1]!.trim() };
  if ((m = /^stash(?:es)?\s+(.+)$/i.exec(s))) return { stashes: pairs(m[1]!) };
  if ((m = /^sets\s+(.+)$/i.exec(s))) return { sets: pairs(m[1]!) };
  if ((m = /^does not say(?: text matching)?\s+(.+)$/i.exec(s))) return { doesNotSay: toPattern(m[1]!) };
  if ((m = /^says(?: text matching)?\s+(.+)$/i.exec(s))) return { says: toPattern(m[1]!) };
  if ((m = /^ends with\s+(.+)$/i.exec(s))) {
    const ended = m[1]!.trim().toLowerCase() as Ended;
    if (!ENDINGS.includes(ended)) throw new Error(`"ends with" takes one of ${ENDINGS.join(', ')}; got ${JSON.stringify(m[1])}`);
    return { endsWith: ended };
  }
  if ((m = /^sends sms to\s+(.+)$/i.exec(s))) return { sendsSms: m[1]!.trim() };
  if ((m = /^adds\s+(.+?)\s+to dnc$/i.exec(s)) || (m = /^adds dnc\s+(.+)$/i.exec(s))) return { addsDnc: m[1]!.trim() };
  if ((m = /^fails(?: with)?\s+(.+)$/i.exec(s))) return { fails: toPattern(m[1]!) };
  throw new Error(
    `cannot read the expectation ${JSON.stringify(s)}: write e.g. "transfers to 12135551234", "stashes confirmed=yes", "says text matching /thank you/", "ends with hangup"`,
  );
}

/**
 * Judges one expectation against a simulated call.
 *
 * @example
 * ```ts
 * check(result, { endsWith: 'hangup' }); // { pass: false, expected: 'ends with hangup', actual: 'ended with transfer' }
 * ```
 * @category Scenarios
 */
export function check(result: SimulationResult, e: Expectation): Check {
  const ev = result.events;
  if ('transfersTo' in e) {
    const all = ev.flatMap((x) => (x.type === 'transfer' ? [`${x.numbers.join(', ')} (${x.outcome})`] : []));
    const pass = ev.some((x) => x.type === 'transfer' && x.numbers.some((n) => digits(n) === digits(e.transfersTo)));
    return { pass, expected: `transfers to ${e.transfersTo}`, actual: `transfers: ${listOr(all, 'none')}` };
  }
  if ('stashes' in e || 'sets' in e) {
    const stash = 'stashes' in e;
    const want = stash ? e.stashes : e.sets;
    const have = stash ? result.stashed : result.variables;
    const pass = Object.entries(want).every(([k, v]) => have[k] === String(v));
    const wanted = Object.entries(want).map(([k, v]) => `${k}=${String(v)}`).join(', ');
    const got = Object.keys(want).map((k) => `${k}=${have[k] === undefined ? '(not set)' : JSON.stringify(have[k])}`).join(', ');
    return { pass, expected: `${stash ? 'stashes' : 'sets'} ${wanted}`, actual: `${stash ? 'stashed' : 'variables'}: ${got}` };
  }
  if ('says' in e || 'doesNotSay' in e) {
    const negate = 'doesNotSay' in e;
    const p = negate ? e.doesNotSay : e.says;
    const spoken = ev.flatMap((x) => (x.type === 'play' ? [x.text] : []));
    const hit = spoken.some((t) => matches(p, t));
    return {
      pass: negate ? !hit : hit,
      expected: `${negate ? 'does not say' : 'says'} text matching ${show(p)}`,
      actual: `said: ${listOr(spoken.map((t) => JSON.stringify(t)), 'nothing')}`,
    };
  }
  if ('endsWith' in e) {
    const why = result.error ? ` (${result.error.message})` : '';
    return { pass: result.ended === e.endsWith, expected: `ends with ${e.endsWith}`, actual: `ended with ${result.ended}${why}` };
  }
  if ('sendsSms' in e) {
    const sent = ev.flatMap((x) => (x.type === 'sms' ? [x.to] : []));
    return { pass: sent.some((t) => digits(t) === digits(e.sendsSms)), expected: `sends sms to ${e.sendsSms}`, actual: `sms sent to: ${listOr(sent, 'nobody')}` };
  }
  if ('addsDnc' in e) {
    const added = ev.flatMap((x) => (x.type === 'dnc' ? [x.number] : []));
    return { pass: added.some((t) => digits(t) === digits(e.addsDnc)), expected: `adds ${e.addsDnc} to dnc`, actual: `dnc: ${listOr(added, 'none')}` };
  }
  const p = e.fails;
  const message = result.error?.message;
  return { pass: message !== undefined && matches(p, message), expected: `fails with ${show(p)}`, actual: message ? `failed: ${message}` : `ended with ${result.ended}, no error` };
}
