// Automatic semicolon insertion where tree-sitter's scanner does not do it. ECMAScript
// inserts `;` before a token the grammar does not allow when a line break precedes it
// (`let a, b` + newline + `(() => {})()`); tree-sitter-javascript tries the continuation
// (a call) and reports an error. node --check is the judge.
#pragma once

#include <string>

#include "analyzer/syntax_tree.h"

namespace mplint {

/// True when every syntax error of `tree` (parsed from `text`) goes away once semicolons
/// are inserted where ECMAScript's automatic semicolon insertion puts them.
bool errors_explained_by_asi(Grammar g, const std::string& text, const SyntaxTree& tree);

}  // namespace mplint
