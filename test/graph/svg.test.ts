import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseXml } from 'libxmljs2';
import { callFlow, toHtml, toSvg } from '../../src/graph/index.js';
import { parse } from '../../src/parse/parse.js';

const xml = readFileSync(new URL('../fixtures/graph/menu.xml', import.meta.url), 'utf8');
const doc = parse(xml).document!;

describe('SVG and HTML diagrams', () => {
  it('draws one group per step and one path per edge, as well-formed SVG', () => {
    const svg = parseXml(toSvg(doc));
    const ns = { s: 'http://www.w3.org/2000/svg' };
    const g = callFlow(doc);
    expect(svg.find('//s:g[@id]', ns)).toHaveLength(g.nodes.length);
    expect(svg.find('//s:g[contains(@class,"edge")]/s:path', ns)).toHaveLength(g.edges.length);
    expect(svg.find('//s:g[contains(@class,"edge goto")]', ns)).toHaveLength(1);
    // labels are escaped text, not markup
    expect(svg.get('//s:g[@id]/s:text[contains(., "sales & support")]', ns)).toBeTruthy();
  });

  it('lays every node inside the drawing', () => {
    const svg = parseXml(toSvg(doc));
    const root = svg.root()!;
    const [w, h] = [Number(root.attr('width')!.value()), Number(root.attr('height')!.value())];
    for (const rect of svg.find('//*[local-name()="rect" and contains(@class,"node")]')) {
      const el = rect as unknown as { attr(n: string): { value(): string } };
      const [x, y] = [Number(el.attr('x').value()), Number(el.attr('y').value())];
      expect(x).toBeGreaterThanOrEqual(0);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(x + Number(el.attr('width').value())).toBeLessThanOrEqual(w);
      expect(y + Number(el.attr('height').value())).toBeLessThanOrEqual(h);
    }
  });

  it('wraps the SVG in a standalone page with no script and no remote reference', () => {
    const html = toHtml(doc);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).toContain('<title>Call flow: Shop</title>');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toContain('<title>/dialplan/menu[1] (line 2)</title>');
  });

  it('embeds exactly the SVG toSvg writes, entity-like text included', () => {
    const d = parse('<dialplan name="Root"><play type="tts">Rates &amp;amp; fees apply.</play></dialplan>').document!;
    const svg = toSvg(d).trim();
    expect(svg).toContain('play: "Rates &amp;amp; fees apply."');
    expect(toHtml(d)).toContain(svg);
  });
});
