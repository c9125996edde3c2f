import { elementName } from '../../../ast/nodes.js';
import { hasCodeMarkers, readTemplateValue } from '../../../language/value-rule.js';
import { remember } from '../../../util/bounded-cache.js';
import { expressionError } from '../helpers/expression.js';
import { elementsOf } from '../helpers/tagged.js';
import type { Rule } from '../types.js';

/** The tags with an expression (if, equal, notEqual) or a value that may be one (setvar, stash). */
const TAGS = ['if', 'equal', 'notEqual', 'setvar', 'stash'];

interface Params {
  readonly tag: string;
  readonly where: string;
  readonly source: string;
  /** Why the code is wrong: a syntax error (`if@expr`), or why a value is read as text. */
  readonly error: string;
  /** A setvar/stash/equal value that is kept as text instead of evaluated. */
  readonly asText: boolean;
}

/** Why a value written as code is kept as text, by value ('' when it is not): plans repeat their values (counters, `${call.lastinput}`). */
const keptAsText = new Map<string, string>();
const MAX_VALUES = 10_000;

/** Why the value rule keeps `value` as text although it carries code markers, or undefined when it does not. */
function keptAsTextWhy(value: string): string | undefined {
  let why = keptAsText.get(value);
  if (why === undefined) {
    const reading = hasCodeMarkers(value) ? readTemplateValue(value) : undefined;
    why = remember(keptAsText, value, reading?.kind === 'text' && reading.why ? reading.why : '', MAX_VALUES);
  }
  return why === '' ? undefined : why;
}

/**
 * JavaScript that does not parse once variables are replaced, and values written as code that
 * the value rule (`language/value-rule.ts`, the simulator's rule) keeps as text.
 */
export const invalidExpression: Rule<Params> = {
  name: 'invalid-expression',
  severity: 'error',
  description: 'An `if` expression does not parse, or a setvar/stash/equal value written as JavaScript would be kept as text.',
  docs: {
    details:
      'CallFire substitutes `${…}` as text, then evaluates the result as JavaScript (CallFire XML help, The Basics). The linter replaces each ' +
      'reference by a placeholder and parses the result with acorn; nothing is ever executed. `if@expr` is always ' +
      'JavaScript and is reported when it does not parse. `equal@expr`/`notEqual@expr` ("the content or result of the ' +
      'expression", HELP-equal) and `<setvar>`/`<stash>` values are read by the value rule the simulator uses ' +
      '(text unless the value is one standard-JavaScript expression, see docs/testing-ivrs.md). They are reported ' +
      'exactly when that rule reads them as text although they carry unmistakable code markers: a quote at the ' +
      'start, a call written `name(`, `==`, `!=`, `&&`, `||`, a trailing `;`, or nothing but references, numbers ' +
      'and operators. Plain text such as `Homer Simpson`, `Call me (maybe)!`, ids and URLs is never reported.',
    bad: '<if expr="${count} == 3 &amp;&amp;">\n  <hangup/>\n</if>',
    good: '<if expr="${count} == 3">\n  <hangup/>\n</if>',
  },
  message: ({ tag, where, source, error, asText }) => {
    const what = `${where === 'text' ? `The value of <${tag}>` : `<${tag} ${where}>`} "${source.length > 60 ? `${source.slice(0, 57)}...` : source}"`;
    return asText ? `${what} looks like JavaScript but is kept as text: ${error}.` : `${what} is not valid JavaScript: ${error}.`;
  },
  check(ctx, report) {
    // an index, not for...of: this runs once per lint, mostly before it is optimised, where each step of an iterator is an object
    const nodes = elementsOf(ctx, TAGS);
    for (let n = 0; n < nodes.length; n++) {
      const node = nodes[n]!;
      const tag = elementName(node);
      const value = tag === 'equal' || tag === 'notEqual' ? ctx.attr(node, 'expr') : tag === 'setvar' || tag === 'stash' ? ctx.text(node) : undefined;
      if (tag === 'if') {
        const expr = ctx.attr(node, 'expr');
        if (expr === undefined || expr.trim() === '') continue;
        const err = expressionError(expr);
        if (err) report(node, { tag, where: 'expr', source: expr.trim(), error: err.message, asText: false }, { at: { attribute: 'expr' } });
      } else if (value !== undefined) {
        const why = keptAsTextWhy(value);
        if (why !== undefined) {
          const inText = tag === 'setvar' || tag === 'stash';
          report(node, { tag, where: inText ? 'text' : 'expr', source: value.trim(), error: why, asText: true }, { at: inText ? { text: true } : { attribute: 'expr' } });
        }
      }
    }
  },
};
