/**
 * Conformance against the 45 real dialplans in ../shared/corpus/real (third-party data,
 * read in place, never copied): each parses, validates against the XSD (in process and,
 * where installed, with xmllint), and survives compile(parse(xml)) unchanged.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { DocumentNode, Node } from '../../src/ast/nodes.js';
import { compile } from '../../src/compile/compile.js';
import { validate } from '../../src/validate/validate.js';
import { dialplanSchemaPath } from '../../src/validate/xsd/schema-path.js';
import { CORPUS_DIR, corpusFiles as files, corpusPresent, parsedDocument as parsed, readCorpus as read, stripLoc } from '../util.js';

/**
 * A canonical form for comparing documents: no positions, and adjacent text merged
 * (white space between tags in containers is already dropped by parse()).
 */
function canonical(doc: DocumentNode): unknown {
  const norm = (nodes: readonly Node[]): Node[] => {
    const out: Node[] = [];
    for (const n of nodes) {
      const prev = out.at(-1);
      if (n.kind === '#text' && prev?.kind === '#text') out[out.length - 1] = { kind: '#text', text: prev.text + n.text };
      else if (n.kind === '#text' || n.kind === '#comment') out.push(n);
      else out.push({ ...n, children: norm(n.children) } as Node);
    }
    return out;
  };
  return stripLoc({ ...doc, root: { ...doc.root, children: norm(doc.root.children) } });
}

describe.skipIf(!corpusPresent)('corpus of real dialplans (../shared/corpus/real)', () => {
  it('holds the 45 dialplans', () => {
    expect(files).toHaveLength(45);
  });

  describe.each(files)('%s', (file) => {
    const xml = read(file);

    it('parses', () => {
      expect(parsed(xml).root.kind).toBe('dialplan');
    });

    it('validates against the XSD', () => {
      expect(validate(xml)).toEqual({ ok: true, diagnostics: [] });
      expect(validate(parsed(xml))).toEqual({ ok: true, diagnostics: [] });
    });

    it('compiles back to an equivalent document', () => {
      const doc = parsed(xml);
      for (const pretty of [false, true]) {
        const again = compile(doc, { pretty });
        expect(canonical(parsed(again)), `pretty: ${pretty}`).toEqual(canonical(doc));
        expect(validate(again).ok).toBe(true);
      }
    });
  });

  const xmllint = spawnSync('xmllint', ['--version']).status === 0;
  it.skipIf(!xmllint)('validates with xmllint --schema too', () => {
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', dialplanSchemaPath(), ...files.map((f) => `${CORPUS_DIR}${f}`)], {
      encoding: 'utf8',
    });
    expect(run.stderr.split('\n').filter((l) => l !== '' && !l.endsWith(' validates'))).toEqual([]);
    expect(run.status).toBe(0);
  });
});
