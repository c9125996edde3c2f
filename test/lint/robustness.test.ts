import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DocumentNode, ElementNode, Node } from '../../src/ast/nodes.js';
import { TAG_NAMES, type TagName } from '../../src/language/catalog.js';
import { lintDocument } from '../../src/validate/lint/lint.js';

const ATTRS = ['name', 'pressed', 'maxDigits', 'timeout', 'type', 'varname', 'expr', 'var', 'to', 'callerid', 'goto', 'continue-after', 'screen', 'whisper-tts', 'voice', 'musiconhold'];
const VALUES = fc.oneof(
  fc.constantFrom('', '1', '1-5', '9-1', 'default', 'Timeout', '#', '1000', '60', 'true', 'a', 'b', 'tts', 'url', 'callfireid', '${a}', '${a${b}}', '${', '${}', '$call.x', '2135551212', '+44', "'${x}'.split(", 'Silent', 'femaleSpanish'),
  fc.string({ maxLength: 12 }),
);

/** Random trees of catalog tags with random attributes and text: any shape, valid or not. */
const node: fc.Memo<Node> = fc.memo((depth) =>
  depth <= 1
    ? fc.oneof(fc.record({ kind: fc.constant('#text' as const), text: VALUES }), leaf())
    : fc.oneof(
        leaf(),
        fc.record({
          kind: fc.constantFrom(...TAG_NAMES),
          attributes: fc.dictionary(fc.constantFrom(...ATTRS), VALUES, { maxKeys: 4 }),
          children: fc.array(node(depth - 1), { maxLength: 5 }),
        }) as fc.Arbitrary<Node>,
      ),
);
function leaf(): fc.Arbitrary<Node> {
  return fc.record({
    kind: fc.constantFrom(...TAG_NAMES) as fc.Arbitrary<TagName>,
    attributes: fc.dictionary(fc.constantFrom(...ATTRS), VALUES, { maxKeys: 3 }),
    children: fc.array(fc.record({ kind: fc.constant('#text' as const), text: VALUES }), { maxLength: 1 }),
  }) as fc.Arbitrary<Node>;
}

describe('lint rules on arbitrary trees', () => {
  it('never crash and report each finding at a node of the tree', () => {
    fc.assert(
      fc.property(fc.array(node(4), { maxLength: 6 }), (children) => {
        const root = { kind: 'dialplan', attributes: { name: 'Root' }, children } as ElementNode<'dialplan'>;
        const doc: DocumentNode = { kind: '#document', root, prolog: [], epilog: [] };
        for (const d of lintDocument(doc)) {
          expect(d.message).not.toMatch(/^Internal error/);
          expect(d.path).toMatch(/^\/dialplan(\/[A-Za-z]+\[\d+\])*$/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
