-- Headless Neovim (0.7+) as the language client of `mplint lsp`: opens a page, and logs what
-- its built-in LSP client shows after each unsaved edit. tests/nvim_lsp.sh checks the log.
-- Environment: MPLINT (the binary), APP (the package), OUT (the log file).
local app = os.getenv('APP')
local out = assert(io.open(os.getenv('OUT'), 'w'))
local function log(line)
  out:write(line .. '\n')
  out:flush()
end

vim.o.hidden = true -- keep edited buffers unsaved while another one is shown

-- vim.lsp.start (0.8+) finds or starts the client for a buffer; 0.7 has start_client.
local client = vim.lsp.start_client({ name = 'mplint', cmd = { os.getenv('MPLINT'), 'lsp' }, root_dir = app })

local function open(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client)
  return buf
end

local function codes(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(list, string.format('%s@%d:%d', tostring(d.code), d.lnum + 1, d.col + 1))
  end
  table.sort(list)
  return table.concat(list, ' ')
end

local function wait_until(what)
  return vim.wait(15000, what, 20)
end

local function replace_line(buf, n, from, to)
  local line = vim.api.nvim_buf_get_lines(buf, n - 1, n, false)[1]
  vim.api.nvim_buf_set_lines(buf, n - 1, n, false, { (line:gsub(from, to)) })
end

local wxml = open(app .. '/pages/index/index.wxml')
wait_until(function() return #vim.diagnostic.get(wxml) > 0 end)
log('opened: ' .. codes(wxml))
local first = vim.diagnostic.get(wxml)[1]
log('source: ' .. tostring(first and first.source))

replace_line(wxml, 1, 'veiw', 'view')
wait_until(function() return not codes(wxml):find('unknown%-element') end)
log('typo fixed: ' .. codes(wxml))

local js = open(app .. '/pages/index/index.js')
replace_line(js, 2, 'data: {},', 'data: {}, onBuy() {},')
wait_until(function() return not codes(wxml):find('undefined%-handler') end)
log('handler added: ' .. codes(wxml))
log('unsaved: ' .. tostring(vim.bo[wxml].modified) .. ' ' .. tostring(vim.bo[js].modified))

vim.lsp.stop_client(client)
log('done')
out:close()
vim.cmd('qa!')
