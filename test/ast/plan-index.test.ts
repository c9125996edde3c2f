import { describe, expect, it } from 'vitest';
import { elementName } from '../../src/ast/nodes.js';
import { indexPlan } from '../../src/ast/plan-index.js';
import { parsedDocument } from '../util.js';

describe('indexPlan', () => {
  it('gives every tag its position among its element siblings, skipping text and comments', () => {
    const doc = parsedDocument(
      '<dialplan><play name="a" type="tts">a</play><!-- c --> text <menu name="m"><play name="p" type="tts">p</play><keypress pressed="1"><hangup name="h"/></keypress></menu><hangup name="z"/></dialplan>',
    );
    const { placement, byName } = indexPlan(doc);
    const at = (name: string) => placement.get(byName.get(name)!)!;
    expect([at('a').index, at('m').index, at('z').index]).toEqual([0, 1, 2]);
    expect(at('p').index).toBe(0);
    expect(elementName(at('h').parent!)).toBe('keypress');
    for (const [node, place] of placement) expect(place.siblings[place.index]).toBe(node);
  });

  it('indexes thousands of siblings under one parent', () => {
    const plays = Array.from({ length: 5000 }, (_, i) => `<play name="p${i}" type="tts">x</play>`).join('');
    const { placement, byName } = indexPlan(parsedDocument(`<dialplan>${plays}</dialplan>`));
    expect(placement.get(byName.get('p4999')!)).toMatchObject({ index: 4999, path: '/dialplan/play[5000]' });
  });
});
