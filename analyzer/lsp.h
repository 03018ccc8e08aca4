// `mplint lsp`: a language server (LSP 3.17) on stdin/stdout. Open buffers are linted from
// memory within their package; each package's project model, rules and per-file outcomes
// stay in memory between edits, so an edit re-parses only the file it changed.
#pragma once

namespace mplint {

/// Serves until `exit` or the end of input. Returns the process exit code (0 after a
/// `shutdown`, 1 otherwise, as LSP says).
int run_lsp(int in_fd, int out_fd);

}  // namespace mplint
