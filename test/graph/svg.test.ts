import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseXml } from 'libxmljs2';
import { callFlow, toHtml, toSvg } from '../../src/graph/index.js';
import { drawingOf } from '../../src/graph/drawing.js';
import { parse } from '../../src/parse/parse.js';
import { parsedDocument } from '../util.js';

const xml = readFileSync(new URL('../fixtures/graph/menu.xml', import.meta.url), 'utf8');
const doc = parse(xml).document!;
const ns = { s: 'http://www.w3.org/2000/svg' };

type El = { attr(n: string): { value(): string } | null };
const num = (el: unknown, name: string) => Number((el as El).attr(name)!.value());

/** Every number pair of an SVG path (the points and control points it is drawn through). */
const pathPoints = (d: string) => [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));

describe('SVG and HTML diagrams', () => {
  it('draws one group per step (the end once below each step that ends the call) and one path per drawn edge', () => {
    const svg = parseXml(toSvg(doc));
    const drawing = drawingOf(callFlow(doc));
    const steps = svg.find('//s:g[contains(@class,"step")]', ns);
    expect(steps).toHaveLength(drawing.nodes.length);
    // the fixture's menu times out to the end and its transfer ends the call: two ends drawn
    expect(svg.find('//s:g[@data-node="end"]', ns)).toHaveLength(2);
    expect(svg.find('//s:g[contains(@class,"edge")]/s:path', ns)).toHaveLength(drawing.edges.length);
    // the transfer's "answered" and "no answer" both end the call: one edge with both reasons
    expect(svg.get('//s:g[contains(@class,"edge")]/s:text[.="answered / no answer"]', ns)).toBeTruthy();
    expect(svg.get('//s:g[@id]//s:tspan[contains(., "sales & support")]', ns)).toBeTruthy();
  });

  it('keeps every step and every edge inside the drawing, and every edge starts and ends on its steps', () => {
    const svg = parseXml(toSvg(doc));
    const root = svg.root()!;
    const [w, h] = [num(root, 'width'), num(root, 'height')];
    const boxes = new Map<string, { l: number; r: number; t: number; b: number }>();
    for (const g of svg.find('//s:g[contains(@class,"step")]', ns)) {
      const shape = (g as unknown as { get(x: string, n: object): unknown }).get('s:rect|s:polygon', ns) as El & { name(): string };
      let xs: number[];
      let ys: number[];
      if (shape.name() === 'rect') {
        xs = [num(shape, 'x'), num(shape, 'x') + num(shape, 'width')];
        ys = [num(shape, 'y'), num(shape, 'y') + num(shape, 'height')];
      } else {
        const pts = pathPoints(shape.attr('points')!.value());
        xs = pts.map((p) => p.x);
        ys = pts.map((p) => p.y);
      }
      const box = { l: Math.min(...xs), r: Math.max(...xs), t: Math.min(...ys), b: Math.max(...ys) };
      expect(box.l).toBeGreaterThanOrEqual(0);
      expect(box.t).toBeGreaterThanOrEqual(0);
      expect(box.r).toBeLessThanOrEqual(w);
      expect(box.b).toBeLessThanOrEqual(h);
      boxes.set((g as unknown as El).attr('id')!.value(), box);
    }
    const on = (p: { x: number; y: number }, id: string) => {
      const b = boxes.get(id)!;
      return p.x >= b.l - 0.5 && p.x <= b.r + 0.5 && p.y >= b.t - 0.5 && p.y <= b.b + 0.5 && (Math.abs(p.x - b.l) < 1 || Math.abs(p.x - b.r) < 1 || Math.abs(p.y - b.t) < 1 || Math.abs(p.y - b.b) < 1);
    };
    for (const g of svg.find('//s:g[contains(@class,"edge")]', ns)) {
      const el = g as unknown as El & { get(x: string, n: object): El };
      const pts = pathPoints(el.get('s:path', ns).attr('d')!.value());
      for (const p of pts) {
        expect(p.x).toBeGreaterThanOrEqual(0);
        expect(p.y).toBeGreaterThanOrEqual(0);
        expect(p.x).toBeLessThanOrEqual(w);
        expect(p.y).toBeLessThanOrEqual(h);
      }
      expect(on(pts[0]!, el.attr('data-from')!.value()), `edge starts on ${el.attr('data-from')!.value()}`).toBe(true);
      expect(on(pts.at(-1)!, el.attr('data-to')!.value()), `edge ends on ${el.attr('data-to')!.value()}`).toBe(true);
    }
  });

  it('draws a keypress that jumps back to its own menu as a loop that leaves and reaches the menu', () => {
    const svg = parseXml(toSvg(doc));
    const loop = svg.get('//s:g[contains(@class,"edge") and contains(@class,"self")]', ns) as unknown as El & { get(x: string, n: object): El };
    expect(loop.attr('data-from')!.value()).toBe(loop.attr('data-to')!.value());
    const menu = svg.get(`//s:g[@id="${loop.attr('data-to')!.value()}"]/s:polygon`, ns) as unknown as El;
    const right = Math.max(...pathPoints(menu.attr('points')!.value()).map((p) => p.x));
    const pts = pathPoints(loop.get('s:path', ns).attr('d')!.value());
    expect(pts[0]!.x).toBeCloseTo(right, 0);
    expect(pts.at(-1)!.x).toBeCloseTo(right, 0);
    expect(pts.some((p) => p.x > right + 10)).toBe(true);
  });

  it('draws a goto to an earlier step as an edge back up that ends on that step', () => {
    const d = parsedDocument(`<dialplan>
      <menu name="main"><play type="tts">Press 1</play>
        <keypress pressed="1"><play type="tts">again</play><goto>main</goto></keypress>
      </menu></dialplan>`);
    const svg = parseXml(toSvg(d));
    const back = svg.get('//s:g[contains(@class,"edge") and contains(@class,"back") and not(contains(@class,"self"))]', ns) as unknown as El & { get(x: string, n: object): El };
    const target = svg.get(`//s:g[@id="${back.attr('data-to')!.value()}"]/s:polygon`, ns) as unknown as El;
    const corners = pathPoints(target.attr('points')!.value());
    const [top, bottom] = [Math.min(...corners.map((p) => p.y)), Math.max(...corners.map((p) => p.y))];
    const end = pathPoints(back.get('s:path', ns).attr('d')!.value()).at(-1)!;
    expect(end.y).toBeGreaterThanOrEqual(top);
    expect(end.y).toBeLessThanOrEqual(bottom);
  });

  it('wraps the SVG in a page whose one script is inline, with no remote reference', () => {
    const html = toHtml(doc);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).toContain('<title>Call flow: Shop</title>');
    expect(html.match(/<script[ >]/g)).toHaveLength(2); // the data block and the script
    expect(html).not.toMatch(/<script[^>]*\ssrc=|<link|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toContain('<title>/dialplan/menu[1] (line 2)</title>');
  });

  it('keeps plan text that looks like markup or a script end out of the page script', () => {
    const d = parsedDocument('<dialplan name="x&lt;/script&gt;"><play type="tts">&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; @@DATA@@</play></dialplan>');
    const html = toHtml(d);
    // only the page's own two script elements open and close
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    const data = JSON.parse(html.match(/<script type="application\/json" id="flow-data">(.*?)<\/script>/s)![1]!) as { nodes: Record<string, { xml: string }> };
    expect(data.nodes['n1']!.xml).toBe('<play type="tts">&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; @@DATA@@</play>');
  });

  it('embeds exactly the SVG toSvg writes, entity-like text included', () => {
    const d = parse('<dialplan name="Root"><play type="tts">Rates &amp;amp; fees apply.</play></dialplan>').document!;
    const svg = toSvg(d).trim();
    expect(svg).toContain('play: "Rates &amp;amp; fees');
    expect(toHtml(d)).toContain(svg);
  });
});
