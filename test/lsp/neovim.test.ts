/**
 * Neovim's built-in LSP client, run headless, as an independent client, configured with the
 * Neovim 0.7 snippet of docs/editors.md itself (only its `cmd` swapped for the server run from
 * source): it starts `dialplan lsp --stdio` for an XML buffer, and the diagnostics reach the
 * buffer. Skipped where `nvim` is not installed (CI installs it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from './client.js';

const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'dialplan-nvim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PLAN = '<dialplan name="Root">\n  <goto>mian</goto>\n  <play name="main" type="tts">Hi</play>\n</dialplan>\n';

/** The `cmd` line of the documented snippets. */
const DOCUMENTED_CMD = "cmd = { 'npx', '--no-install', 'dialplan', 'lsp', '--stdio' },";

/** The Neovim 0.7 snippet of docs/editors.md: its Lua block that uses `vim.lsp.start_client`. */
function documentedSnippet(): string {
  const page = readFileSync(join(root, 'docs', 'editors.md'), 'utf8');
  const blocks = [...page.matchAll(/```lua\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const snippet = blocks.find((b) => b.includes('vim.lsp.start_client'));
  if (!snippet?.includes(DOCUMENTED_CMD)) throw new Error('docs/editors.md has no Neovim 0.7 snippet with the documented cmd');
  return snippet;
}

/** The snippet, then: open the plan, wait for its diagnostics, write them out, quit. */
const script = (plan: string, out: string) => `
${documentedSnippet().replace(DOCUMENTED_CMD, `cmd = { ${JSON.stringify(process.execPath)}, '--import', 'tsx', 'src/cli/bin.ts', 'lsp', '--stdio' },`)}
vim.cmd('edit ' .. vim.fn.fnameescape(${JSON.stringify(plan)}))
vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(found, { code = d.code or lsp.code, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, filetype = vim.bo.filetype })
end
local f = io.open(${JSON.stringify(out)}, 'w')
f:write(vim.fn.json_encode(found))
f:close()
for _, client in pairs(vim.lsp.get_active_clients()) do client.stop() end
vim.wait(2000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
vim.cmd('qa!')
`;

describe.skipIf(!hasNvim)('Neovim as the client, set up as docs/editors.md says', () => {
  it('gets the diagnostics of a plan into the buffer, at their exact range', () => {
    const plan = join(dir, 'plan.xml');
    const out = join(dir, 'diagnostics.json');
    const lua = join(dir, 'run.lua');
    writeFileSync(plan, PLAN);
    writeFileSync(lua, script(plan, out));
    // started in the repository, as the snippet expects Neovim to be started in the project
    const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${lua}`], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.error).toBeUndefined();
    const found = JSON.parse(readFileSync(out, 'utf8')) as Array<{ code: string; lnum: number; col: number; end_lnum: number; end_col: number; filetype: string }>;
    const goto = found.find((d) => d.code === 'unknown-goto-target');
    expect(goto).toMatchObject({ lnum: 1, col: 8, end_lnum: 1, end_col: 12, filetype: 'xml' });
  });
});
