/**
 * fixDialplan edits text: anything else is a TypeError that says it takes XML text (and, for a
 * tree or a DSL plan, that compile() gives it), not "text.startsWith is not a function".
 */
import { describe, expect, it } from 'vitest';
import { compile, dialplan } from '../../src/index.js';
import { fixDialplan } from '../../src/entries/lint.js';

const plan = dialplan({ name: 'Root' }).play('Hello.').hangup();

describe('fixDialplan()', () => {
  it.each([
    [42, 'a number'],
    [undefined, 'undefined'],
    [plan, 'a plan built with the DSL (compile() gives its XML)'],
    [plan.toAst(), 'a syntax tree (compile() gives its XML)'],
  ])('refuses %o with a TypeError that says it takes XML text', (value, described) => {
    expect(() => fixDialplan(value as unknown as string)).toThrow(new TypeError(`fixDialplan() takes the XML text of a dialplan; got ${described}`));
  });

  it('fixes the XML text compile() gives for a plan', () => {
    const { text, result } = fixDialplan(compile(plan));
    expect(result.ok).toBe(true);
    expect(text).toContain('Hello.');
  });
});
