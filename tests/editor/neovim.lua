-- tm lsp in a real editor: Neovim, headless, with its built-in LSP client (0.7 or later).
-- Run by tests/editor/neovim.sh: TM is the tm binary, DRAFT the English example in a project
-- folder (the current folder) whose glossary and pairing give Lion and the changed figure.
-- Writes what it saw to RESULT and quits; the shell script judges it.
local tm, draft, result = os.getenv('TM'), os.getenv('DRAFT'), os.getenv('RESULT')
local out = assert(io.open(result, 'w'))
local function finish(code)
  out:close()
  vim.cmd(code == 0 and 'qa!' or 'cq!')
end

local client = vim.lsp.start_client({ name = 'tm', cmd = { tm, 'lsp' }, root_dir = vim.fn.getcwd() })
if not client then
  out:write('the client did not start\n')
  return finish(1)
end
vim.cmd('edit ' .. vim.fn.fnameescape(draft))
vim.lsp.buf_attach_client(0, client)
local got = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
if not got then
  out:write('no diagnostics within 20 s\n')
  return finish(1)
end
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ''
  -- line and col are 0-based; col in bytes of the line, as Neovim counts.
  out:write(string.format('%d:%d %s %s\n', d.lnum + 1, d.col + 1, code, d.message))
end
vim.lsp.stop_client(client)
vim.wait(2000, function() return vim.lsp.client_is_stopped(client) end, 50)
finish(0)
