import { elementName, rawText } from '../../../ast/nodes.js';
import { phoneProblem, splitPhones, type PhoneProblem } from '../../../language/values.js';
import type { Rule } from '../types.js';

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
    const { elements } = ctx;
    for (let i = 0; i < elements.length; i++) {
      const node = elements[i]!;
      const tag = elementName(node);
      if (tag === 'transfer') {
        const text = ctx.text(node);
        if (text !== '') {
          const raw = rawText(node);
          let from = 0;
          for (const t of splitPhones(text)) {
            const problem = phoneProblem(t, true);
            const start = raw.indexOf(t, from);
            if (start >= 0) from = start + t.length;
            const at = start >= 0 && t !== '' ? { text: true as const, within: { start, end: start + t.length } } : { text: true as const };
            if (problem) report(node, { tag, where: 'text', number: t, problem }, { at });
          }
        }
        const callerid = ctx.attr(node, 'callerid');
        if (callerid !== undefined) {
          const problem = phoneProblem(callerid, false);
          if (problem) report(node, { tag, where: 'callerid', number: callerid.trim(), problem }, { at: { attribute: 'callerid' } });
        }
      } else if (tag === 'sms' || tag === 'text') {
        const to = ctx.attr(node, 'to');
        if (to === undefined) continue;
        const problem = phoneProblem(to, false);
        if (problem) report(node, { tag, where: 'to', number: to.trim(), problem }, { at: { attribute: 'to' } });
      } else if (tag === 'dnc') {
        const text = ctx.text(node);
        if (text === '') continue; // the XSD reports empty content
        const problem = phoneProblem(text, false);
        if (problem) report(node, { tag, where: 'text', number: text, problem }, { at: { text: true } });
      }
    }
  },
};
