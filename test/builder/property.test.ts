import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/parse.js';
import { validate } from '../../src/validate/validate.js';
import { stripLoc } from '../util.js';
import { buildPlan, planSteps } from './arbitraries.js';

describe('random plans built with the DSL', () => {
  it('compile to XML that parse() reads back to the same syntax tree (pretty and compact)', () => {
    fc.assert(
      fc.property(planSteps, fc.boolean(), (p, pretty) => {
        const plan = buildPlan(p);
        const ast = plan.toAst();
        const back = parse(plan.toXml({ pretty }));
        expect(back.diagnostics).toEqual([]);
        expect(stripLoc(back.document)).toEqual(ast);
      }),
      { numRuns: 200 },
    );
  });

  it('are valid against schemas/dialplan.xsd', () => {
    fc.assert(
      fc.property(planSteps, (p) => {
        const result = validate(buildPlan(p));
        expect(result.diagnostics).toEqual([]);
        expect(result.ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the checks above can fail', () => {
  it('validate() rejects a built tree once it is broken by hand', () => {
    const doc = buildPlan({ steps: [{ op: 'hangup', options: {} }] }).toAst();
    const broken = { ...doc, root: { ...doc.root, children: [{ kind: 'keypress' as const, attributes: { pressed: 'x' }, children: [] }] } };
    expect(validate(broken).ok).toBe(false);
  });

  it('the round trip notices a changed tree', () => {
    const plan = buildPlan({ steps: [{ op: 'play', value: 'Hi', options: {} }] });
    const back = parse(plan.toXml().replace('Hi', 'Ho')).document;
    expect(stripLoc(back)).not.toEqual(plan.toAst());
  });
});
