/**
 * The diagrams in a real browser: Debian's headless Chromium driven by puppeteer-core. Each
 * example's and each real plan's HTML page is opened from disk with every network request
 * refused: no edge leaves the drawing, every step is inside the window after the page fits
 * the drawing, a click on a step shows its line. Screenshots go to test-results/diagrams/ for
 * a person to look at (they are not compared). The Mermaid of every plan, with and without
 * overlay marks, must parse with the mermaid package's own parser, run in the same browser
 * (its parser needs a DOM).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffOverlay, diffPlans } from '../../src/diff/index.js';
import { callFlow, lintOverlay, toHtml, toMermaid } from '../../src/graph/index.js';
import { parse } from '../../src/parse/parse.js';
import { lint } from '../../src/validate/lint/lint.js';
import { corpusFiles, corpusPresent, readCorpus } from '../util.js';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = join(ROOT, 'test-results/diagrams');
const examples = readdirSync(join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.xml'))
  .sort()
  .map((f) => ({ name: `example-${f}`, xml: readFileSync(join(ROOT, 'examples', f), 'utf8') }));
const plans = [...examples, ...corpusFiles.map((f) => ({ name: `real-${f}`, xml: readCorpus(f) }))];

let browser: Browser;
let page: Page;
let profile: string;
const requests: string[] = [];
const pageErrors: string[] = [];

describe.skipIf(!existsSync(CHROMIUM))('diagrams in headless Chromium', () => {
  beforeAll(async () => {
    const puppeteer = (await import('puppeteer-core')).default;
    profile = mkdtempSync(join(tmpdir(), 'dialplan-chromium-'));
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`],
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.setRequestInterception(true);
    page.on('request', (r) => {
      // the page itself comes from disk; anything else it asks for is a failure
      if (r.url().startsWith('file://') && r.resourceType() === 'document') return void r.continue();
      requests.push(r.url());
      void r.abort();
    });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const pages = mkdtempSync(join(tmpdir(), 'dialplan-pages-'));

  it.each(plans.map((p) => [p.name, p] as const))('%s: edges inside the drawing, every step visible after fit, a click shows the line', async (name, plan) => {
    const doc = parse(plan.xml).document!;
    const file = join(pages, `${name}.html`);
    writeFileSync(file, toHtml(doc, { flow: lintOverlay(callFlow(doc), lint(plan.xml).diagnostics) }));
    await page.goto(`file://${file}`);
    await page.waitForSelector('html[data-ready="true"]');
    // runs in the page (the project's TypeScript has no DOM types, so the page code is plain JavaScript)
    const facts = (await page.evaluate(`(() => {
      const svg = document.getElementById('diagram');
      const data = JSON.parse(document.getElementById('flow-data').textContent);
      const frame = svg.getBoundingClientRect();
      const outside = [];
      for (const path of svg.querySelectorAll('g.edge > path')) {
        const b = path.getBBox();
        if (b.x < -0.5 || b.y < -0.5 || b.x + b.width > data.width + 0.5 || b.y + b.height > data.height + 0.5) outside.push(path.parentElement.getAttribute('data-from') + '→' + path.parentElement.getAttribute('data-to'));
      }
      const hidden = [];
      const steps = svg.querySelectorAll('g.step');
      for (const g of steps) {
        const r = g.getBoundingClientRect();
        if (r.width === 0 || r.left < frame.left - 0.5 || r.top < frame.top - 0.5 || r.right > frame.right + 0.5 || r.bottom > frame.bottom + 0.5) hidden.push(g.id);
      }
      return { outside, hidden, steps: steps.length };
    })()`)) as { outside: string[]; hidden: string[]; steps: number };
    expect(facts.outside).toEqual([]);
    expect(facts.hidden).toEqual([]);
    expect(facts.steps).toBeGreaterThan(1);

    // click the first step that has a line (the largest plans are drawn small: zoom to it first)
    const target = doc.root.children.length > 0 ? await page.$('g.step:not(.start):not(.end)') : null;
    if (target) {
      const id = await target.evaluate((g) => g.getAttribute('data-node')!);
      const line = (await page.evaluate(`JSON.parse(document.getElementById('flow-data').textContent).nodes[${JSON.stringify(id)}].line`)) as number;
      await target.click();
      const shown = await page.$eval('#d-line', (p) => p.textContent ?? '');
      expect(shown).toContain(`line ${line}`);
      expect(await page.$eval('#details', (a) => a.hasAttribute('hidden'))).toBe(false);
      expect(await page.$$eval('g.edge.on-path', (l) => l.length)).toBeGreaterThan(0);
      await page.keyboard.press('Escape');
    }
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
    expect(requests).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('pans and zooms with the keyboard and fits again with 0', async () => {
    const doc = parse(examples.find((e) => e.name.includes('inbound-tree'))!.xml).document!;
    const file = join(pages, 'zoom.html');
    writeFileSync(file, toHtml(doc));
    await page.goto(`file://${file}`);
    await page.waitForSelector('html[data-ready="true"]');
    const viewBox = () => page.$eval('#diagram', (s) => s.getAttribute('viewBox')!.split(' ').map(Number));
    const fitted = await viewBox();
    await page.keyboard.press('+');
    const zoomed = await viewBox();
    expect(zoomed[2]!).toBeLessThan(fitted[2]!);
    await page.keyboard.press('ArrowRight');
    expect((await viewBox())[0]!).toBeGreaterThan(zoomed[0]!);
    await page.keyboard.press('0');
    expect(await viewBox()).toEqual(fitted);
  }, 60_000);

  describe('Mermaid', () => {
    beforeAll(async () => {
      const blank = join(pages, 'mermaid.html');
      writeFileSync(blank, '<!DOCTYPE html><html><body></body></html>');
      await page.goto(`file://${blank}`);
      await page.addScriptTag({ content: readFileSync(join(ROOT, 'node_modules/mermaid/dist/mermaid.min.js'), 'utf8') });
      await page.evaluate('mermaid.initialize({ startOnLoad: false })');
    }, 60_000);

    /** 'ok', or mermaid's parse error. */
    const parses = async (text: string) =>
      (await page.evaluate(`mermaid.parse(${JSON.stringify(text)}).then(() => 'ok', (e) => String(e && e.message ? e.message : e))`)) as string;

    it.each(plans.map((p) => [p.name, p] as const))('%s: parses with mermaid, plain and with lint marks', async (_name, plan) => {
      const doc = parse(plan.xml).document!;
      expect(await parses(toMermaid(doc))).toBe('ok');
      expect(await parses(toMermaid(doc, lintOverlay(callFlow(doc), lint(plan.xml).diagnostics)))).toBe('ok');
    }, 30_000);

    it('parses a diff drawn in Mermaid (added, changed, removed, retargeted)', async () => {
      const before = parse(examples.find((e) => e.name.includes('inbound-tree'))!.xml).document!;
      const xml = examples
        .find((e) => e.name.includes('inbound-tree'))!
        .xml.replace('<goto>voicemail</goto>\n    </keypress>', '<goto>main</goto>\n    </keypress>')
        .replace(/<record[^>]*\/>/, '<sms to="12135550100">new message</sms>');
      const after = parse(xml).document!;
      const chart = toMermaid(after, diffOverlay(after, diffPlans(before, after)));
      expect(chart).toMatch(/markRemoved/);
      expect(await parses(chart)).toBe('ok');
    }, 30_000);

    it('rejects what is not Mermaid (the parser is really checking)', async () => {
      expect(await parses('flowchart TD\n  a[["x"] --> ')).not.toBe('ok');
    });
  });
});

// a plan set that is empty would make the checks above vacuous
it('has examples to draw', () => {
  expect(examples.length).toBeGreaterThan(0);
  expect(corpusPresent ? plans.length : examples.length).toBe(examples.length + corpusFiles.length);
});
