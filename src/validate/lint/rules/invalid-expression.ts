import { elementName } from '../../../ast/nodes.js';
import { expressionError, looksLikeJavaScript } from '../helpers/expression.js';
import type { Rule } from '../types.js';

interface Params {
  readonly tag: string;
  readonly where: string;
  readonly source: string;
  readonly error: string;
}

/** JavaScript that does not parse once variables are replaced. */
export const invalidExpression: Rule<Params> = {
  name: 'invalid-expression',
  severity: 'error',
  description: 'An `if`/`equal`/`notEqual` expression, or a setvar/stash value written as JavaScript, does not parse.',
  docs: {
    details:
      'CallFire substitutes `${…}` as text, then evaluates the result as JavaScript (§3.6). The linter replaces each ' +
      'reference by a placeholder and parses the result with acorn; nothing is ever executed. `if@expr` is always ' +
      'JavaScript. `equal@expr`/`notEqual@expr` ("the content or result of the expression", HELP-equal) and ' +
      '`<setvar>`/`<stash>` values are checked only when they are clearly written as code (they ' +
      'start with a quote, call a function, use `==`, `&&`, `||` or end with `;`, or are pure arithmetic), so ' +
      'literal values like `Homer Simpson`, ids and URLs are left alone: CallFire takes those as text.',
    bad: '<if expr="${count} == 3 &amp;&amp;">\n  <hangup/>\n</if>',
    good: '<if expr="${count} == 3">\n  <hangup/>\n</if>',
  },
  message: ({ tag, where, source, error }) =>
    `${where === 'text' ? `The value of <${tag}>` : `<${tag} ${where}>`} "${source.length > 60 ? `${source.slice(0, 57)}...` : source}" is not valid JavaScript: ${error}.`,
  check(ctx, report) {
    for (const { node } of ctx.elements) {
      const tag = elementName(node);
      if (tag === 'if' || tag === 'equal' || tag === 'notEqual') {
        const expr = ctx.attr(node, 'expr');
        if (expr === undefined || expr.trim() === '') continue;
        // equal/notEqual compare with "the content or result of the expression" (HELP-equal):
        // a literal such as expr="waffles" or expr="1 2 3" is allowed there
        if (tag !== 'if' && !looksLikeJavaScript(expr)) continue;
        const err = expressionError(expr);
        if (err) report(node, { tag, where: 'expr', source: expr.trim(), error: err.message });
      } else if (tag === 'setvar' || tag === 'stash') {
        const value = ctx.text(node);
        if (!looksLikeJavaScript(value)) continue;
        const err = expressionError(value);
        if (err) report(node, { tag, where: 'text', source: value, error: err.message });
      }
    }
  },
};
