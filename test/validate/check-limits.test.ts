/**
 * checkLimits() on trees built in code, in the shapes its walk and its text scan treat apart:
 * text split over several nodes, attributes over two limits at once, a finding below siblings.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentNode, ElementNode, Node } from '../../src/ast/nodes.js';
import { LIMITS, checkLimits } from '../../src/validate/limits.js';

const text = (t: string): Node => ({ kind: '#text', text: t });
const comment = (t: string): Node => ({ kind: '#comment', text: t });
const el = (kind: string, attributes: Record<string, string>, children: Node[] = []): ElementNode => ({ kind, attributes, children }) as unknown as ElementNode;
const plan = (...children: Node[]): DocumentNode => ({ kind: '#document', prolog: [], epilog: [], root: el('dialplan', {}, children) as ElementNode<'dialplan'> });

describe('checkLimits', () => {
  it('reads a text split by a comment as one: a `$` and a `{` in two text nodes make a reference', () => {
    const deep = '${'.repeat(LIMITS.referenceNesting);
    // each text node alone nests at most the limit deep; joined, one more
    const split = plan(el('play', { type: 'tts' }, [text('x$'), comment('c'), text(`{${deep}`)]));
    expect(checkLimits(split)).toMatchObject({ rule: 'xml-syntax', path: '/dialplan/play[1]', message: expect.stringContaining('text nests') });
    expect(checkLimits(plan(el('play', { type: 'tts' }, [text('x'), comment('c'), text(deep)])))).toBeUndefined();
  });

  it('counts the references of every text node of a container', () => {
    const many = '${a}'.repeat(LIMITS.references + 1);
    const menu = el('menu', {}, [text('\n  '), el('play', { type: 'tts' }, [text('Hi')]), text(many), text('\n')]);
    expect(checkLimits(plan(menu))).toMatchObject({ path: '/dialplan/menu[1]', message: expect.stringContaining('text has more than') });
    expect(checkLimits(plan(el('menu', {}, [text('\n  '), el('hangup', {}), text(' ${a} ')])))).toBeUndefined();
  });

  it('reports too many attributes before a value over a reference limit, and else names the first such value', () => {
    const over = '${'.repeat(LIMITS.referenceNesting + 1);
    const attrs: Record<string, string> = { a0: over };
    for (let i = 1; i <= LIMITS.attributes; i++) attrs[`a${i}`] = '1';
    expect(checkLimits(plan(el('hangup', attrs)))?.message).toContain(`more than ${LIMITS.attributes} attributes`);
    expect(checkLimits(plan(el('hangup', { a: '1', b: over, c: over })))?.message).toContain('attribute "b"');
  });

  it('reports the first element over a limit in document order, with its path, line and column', () => {
    const bad = el('play', { type: 'tts', voice: '${'.repeat(LIMITS.referenceNesting + 1) });
    (bad as { loc?: unknown }).loc = { line: 7, column: 3 };
    const doc = plan(el('play', {}), el('menu', {}, [text(' '), el('keypress', { pressed: '1' }, [bad, el('play', { x: '${'.repeat(20) })])]));
    expect(checkLimits(doc)).toEqual({
      rule: 'xml-syntax',
      severity: 'error',
      message: expect.stringContaining('attribute "voice"'),
      path: '/dialplan/menu[1]/keypress[1]/play[1]',
      line: 7,
      column: 3,
    });
  });
});
