import { describe, expect, it } from 'vitest';
import { dialplan } from '../../src/index.js';
import { checkDialplan, dialplanXml } from '../../src/broadcast/dialplan-check.js';

describe('dialplanXml / checkDialplan', () => {
  it('take a DSL plan, a tree or XML text alike', () => {
    const plan = dialplan({ name: 'Root' }).play('Hello').hangup();
    const xml = dialplanXml(plan);
    expect(dialplanXml(plan.toAst())).toBe(xml);
    expect(dialplanXml(xml)).toBe(xml);
    expect(checkDialplan(xml).report.ok).toBe(true);
  });

  it('name themselves when given something that is not a plan', () => {
    expect(() => dialplanXml(42 as never)).toThrow(new TypeError('dialplanXml() takes a plan built with the DSL, a syntax tree, or XML text; got a number'));
    expect(() => checkDialplan({} as never)).toThrow(/^dialplanXml\(\) takes a plan/);
  });
});
