import { elementName, rawText } from '../../../ast/nodes.js';
import { phoneProblem, splitPhones, type PhoneProblem } from '../../../language/values.js';
import { elementsOf } from '../helpers/tagged.js';
import type { FindingAt, Rule } from '../types.js';

interface Params {
  readonly tag: string;
  readonly where: string;
  readonly number: string;
  readonly problem: PhoneProblem;
}

const PROBLEM: Record<PhoneProblem, string> = {
  empty: 'is empty',
  characters: 'contains characters other than digits, "+", separators and ${…} variables',
  length: 'is neither a 10 or 11 digit North American number nor an E.164 number (+ and 8 to 15 digits)',
  'area-code': 'has an area code starting with 0 or 1, which North American numbers never have',
};

/** The tags whose numbers are checked. */
const TAGS = ['transfer', 'sms', 'text', 'dnc'];

/** A number of a transfer's list that is not a phone number, with where it stands in the text. */
interface ListProblem {
  readonly number: string;
  readonly problem: PhoneProblem;
  readonly at: FindingAt;
}

/** The numbers of a transfer's text (`raw`, as parsed) that are not phone numbers, in order. */
function listProblems(raw: string): readonly ListProblem[] {
  const text = raw.trim();
  if (text === '') return NO_PROBLEMS;
  const out: ListProblem[] = [];
  let from = 0;
  for (const t of splitPhones(text)) {
    const problem = phoneProblem(t, true);
    const start = raw.indexOf(t, from);
    if (start >= 0) from = start + t.length;
    if (problem) out.push({ number: t, problem, at: start >= 0 && t !== '' ? { text: true, within: { start, end: start + t.length } } : { text: true } });
  }
  return out.length === 0 ? NO_PROBLEMS : out;
}

const NO_PROBLEMS: readonly ListProblem[] = Object.freeze([]);

/** Transfer targets, sms/text recipients, dnc numbers and caller ids that are not phone numbers. */
export const invalidPhoneNumber: Rule<Params> = {
  name: 'invalid-phone-number',
  severity: 'error',
  description: 'A transfer target, sms `to`, dnc number or `callerid` is neither a variable nor a valid phone number.',
  docs: {
    details:
      'Accepted: a `${…}` variable (alone or with digits around it), a North American number of 10 digits or 11 ' +
      'starting with 1 (area code 2-9xx), or an E.164 number (`+` and 8 to 15 digits). Spaces, dashes, dots and ' +
      'parentheses are ignored. Transfer targets are comma-separated and may end in an extension `x123` or ' +
      '`x${call.lastinput}` (SmallBusinessTree).',
    bad: '<transfer callerid="555-1234">213555121</transfer>',
    good: '<transfer callerid="${call.callerid}">2135551212, +442071234567</transfer>',
  },
  message: ({ tag, where, number, problem }) =>
    `${where === 'text' ? `<${tag}> number` : `<${tag} ${where}>`} "${number}" ${PROBLEM[problem]}.`,
  check(ctx, report) {
    // plans repeat their numbers and caller ids: each distinct value is checked once per run
    const lists = new Map<string, readonly ListProblem[]>();
    const singles = new Map<string, PhoneProblem | null>();
    const problemOf = (value: string): PhoneProblem | undefined => {
      let p = singles.get(value);
      if (p === undefined) singles.set(value, (p = phoneProblem(value, false) ?? null));
      return p ?? undefined;
    };
    // an index, not for...of: this runs once per lint, mostly before it is optimised, where each step of an iterator is an object
    const nodes = elementsOf(ctx, TAGS);
    for (let n = 0; n < nodes.length; n++) {
      const node = nodes[n]!;
      const tag = elementName(node);
      if (tag === 'transfer') {
        const raw = rawText(node);
        let problems = lists.get(raw);
        if (problems === undefined) lists.set(raw, (problems = listProblems(raw)));
        for (const { number, problem, at } of problems) report(node, { tag, where: 'text', number, problem }, { at });
        const callerid = ctx.attr(node, 'callerid');
        if (callerid !== undefined) {
          const problem = problemOf(callerid);
          if (problem) report(node, { tag, where: 'callerid', number: callerid.trim(), problem }, { at: { attribute: 'callerid' } });
        }
      } else if (tag === 'sms' || tag === 'text') {
        const to = ctx.attr(node, 'to');
        if (to === undefined) continue;
        const problem = problemOf(to);
        if (problem) report(node, { tag, where: 'to', number: to.trim(), problem }, { at: { attribute: 'to' } });
      } else {
        const text = ctx.text(node);
        if (text === '') continue; // the XSD reports empty content
        const problem = problemOf(text);
        if (problem) report(node, { tag, where: 'text', number: text, problem }, { at: { text: true } });
      }
    }
  },
};
