/**
 * Neovim's built-in LSP client, run headless, as an independent client: it starts
 * `dialplan lsp --stdio`, opens a plan and receives its diagnostics. Skipped where `nvim` is
 * not installed (CI installs it).
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

/** Lua for Neovim 0.7+: start the server, attach it to the plan, write what it publishes. */
const script = (plan: string, out: string) => `
local out = ${JSON.stringify(out)}
local done = false
local id = vim.lsp.start_client({
  name = 'dialplan',
  cmd = { ${JSON.stringify(process.execPath)}, '--import', 'tsx', 'src/cli/bin.ts', 'lsp', '--stdio' },
  cmd_cwd = ${JSON.stringify(root)},
  root_dir = ${JSON.stringify(dir)},
  handlers = {
    ['textDocument/publishDiagnostics'] = function(_, result)
      local f = io.open(out, 'w')
      f:write(vim.fn.json_encode(result))
      f:close()
      done = true
    end,
  },
})
vim.cmd('edit ' .. vim.fn.fnameescape(${JSON.stringify(plan)}))
vim.lsp.buf_attach_client(0, id)
vim.wait(20000, function() return done end, 50)
vim.lsp.stop_client(id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
vim.cmd('qa!')
`;

describe.skipIf(!hasNvim)('Neovim as the client', () => {
  it('gets the diagnostics of a plan at their exact range', () => {
    const plan = join(dir, 'plan.xml');
    const out = join(dir, 'diagnostics.json');
    const lua = join(dir, 'run.lua');
    writeFileSync(plan, PLAN);
    writeFileSync(lua, script(plan, out));
    const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${lua}`], { cwd: dir, encoding: 'utf8', timeout: 40_000 });
    expect(r.error).toBeUndefined();
    const published = JSON.parse(readFileSync(out, 'utf8')) as { uri: string; diagnostics: Array<{ code: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }> };
    expect(published.uri).toMatch(/plan\.xml$/);
    const goto = published.diagnostics.find((d) => d.code === 'unknown-goto-target');
    expect(goto?.range).toEqual({ start: { line: 1, character: 8 }, end: { line: 1, character: 12 } });
  });
});
