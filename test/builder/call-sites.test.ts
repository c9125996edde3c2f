import { describe, expect, it } from 'vitest';
import { walk } from '../../src/ast/visit.js';
import { withCallSites } from '../../src/builder/call-sites.js';
import { dialplan } from '../../src/index.js';

const build = () =>
  dialplan({ name: 'Root' })
    .menu({ name: 'main' }, (m) => m.play('Press 1.').keypress('1', (k) => k.hangup()))
    .goto('main');

describe('call sites', () => {
  it('a plain build records nothing: no node has a loc', () => {
    const nodes = [...walk(build().toAst())].map((v) => v.node);
    expect(nodes.length).toBeGreaterThan(4);
    expect(nodes.filter((n) => 'loc' in n)).toEqual([]);
  });

  it('with a recorder, each tag keeps what it returned when the tag was built; the root where dialplan() ran', async () => {
    let calls = 0;
    const doc = await withCallSites(
      () => ({ line: ++calls, column: 1 }),
      async () => build().toAst(),
    );
    const lines = Object.fromEntries([...walk(doc)].map((v) => [v.path, v.node.loc?.line]));
    // children are built before their parents (the callback runs first), the root first of all
    expect(lines).toEqual({
      '/dialplan': 1,
      '/dialplan/menu[1]/play[1]': 2,
      '/dialplan/menu[1]/keypress[1]/hangup[1]': 3,
      '/dialplan/menu[1]/keypress[1]': 4,
      '/dialplan/menu[1]': 5,
      '/dialplan/goto[1]': 6,
    });
    // and it is uninstalled afterwards
    expect([...walk(build().toAst())].some((v) => v.node.loc !== undefined)).toBe(false);
  });

  it('the recorder is uninstalled when the build throws', async () => {
    await expect(withCallSites(() => ({ line: 9, column: 9 }), async () => dialplan().goto(''))).rejects.toThrow(TypeError);
    expect(dialplan().hangup().toAst().root.children[0]).not.toHaveProperty('loc');
  });
});
