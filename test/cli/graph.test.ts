import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const fixture = fileURLToPath(new URL('../fixtures/graph/menu.xml', import.meta.url));

describe('dialplan graph', () => {
  it('prints a Mermaid flowchart by default', async () => {
    const r = await run(['graph', fixture]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^flowchart TD\n/);
    expect(r.stdout).toContain('|"pressed 1"|');
  });

  it('writes DOT, HTML and JSON', async () => {
    expect((await run(['graph', fixture, '--format', 'dot'])).stdout).toMatch(/^digraph "Shop" \{/);
    const json = JSON.parse((await run(['graph', fixture, '--format', 'json'])).stdout) as { nodes: unknown[] };
    expect(json.nodes.length).toBeGreaterThan(3);
    const out = join(mkdtempSync(join(tmpdir(), 'graph-')), 'shop.html');
    const r = await run(['graph', fixture, '--format', 'html', '-o', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<svg');
  });

  it('without --format, takes the format from the -o file name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'graph-'));
    const page = join(dir, 'shop.html');
    expect((await run(['graph', fixture, '-o', page])).code).toBe(0);
    expect(readFileSync(page, 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    const dot = join(dir, 'shop.DOT');
    expect((await run(['graph', fixture, '-o', dot])).code).toBe(0);
    expect(readFileSync(dot, 'utf8')).toMatch(/^digraph /);
    const other = join(dir, 'shop.txt');
    expect((await run(['graph', fixture, '-o', other])).code).toBe(0);
    expect(readFileSync(other, 'utf8')).toMatch(/^flowchart TD\n/);
    const forced = join(dir, 'forced.html');
    expect((await run(['graph', fixture, '--format', 'mermaid', '-o', forced])).code).toBe(0);
    expect(readFileSync(forced, 'utf8')).toMatch(/^flowchart TD\n/);
  });

  it('reports malformed XML with its location and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'graph-'));
    const bad = join(dir, 'bad.xml');
    (await import('node:fs')).writeFileSync(bad, '<dialplan>\n  <play type="tts">hi</dialplan>');
    const r = await run(['graph', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.xml:2:\d+ +error +.*xml-syntax/);
  });

  it('creates the folder it writes into, and says in words when it cannot write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'graph-'));
    const out = join(dir, 'new', 'shop.svg');
    expect((await run(['graph', fixture, '--format', 'svg', '-o', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
    const r = await run(['graph', fixture, '-o', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot write ${dir}: it is a directory`);
  });

  it('exits 2 for a missing file', async () => {
    const r = await run(['graph', 'no-such.xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read no-such.xml: no such file');
  });
});
