#include "analyzer/asi.h"

#include <optional>

namespace mplint {

namespace {

constexpr size_t kMaxText = 2 * 1024 * 1024;  // larger files are not worth the re-parses
constexpr int kMaxInsertions = 8;

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// The first ERROR or MISSING node in document order.
Node first_error(const SyntaxTree& tree) {
  Node found;
  walk(tree.root(), [&](Node n) {
    if (found || !n.has_error()) return false;
    if (n.is_error() || n.is_missing()) {
      found = n;
      return false;
    }
    return true;
  });
  return found;
}

// Is `p` the first non-blank character of a line (after at least one line break)?
bool starts_line(const std::string& t, size_t p) {
  while (p > 0 && is_blank(t[p - 1])) --p;
  return p > 0 && t[p - 1] == '\n';
}

// Where a `;` could go for the error at `e`: before a line-initial token that tree-sitter
// took as a continuation of the previous line (`(`, `[`, a template), or where it reported
// a MISSING `;` that a line break follows.
std::optional<size_t> insertion_point(const std::string& t, Node e) {
  size_t from = e.begin();
  if (e.is_missing()) {
    size_t q = from;
    while (q < t.size() && (is_blank(t[q]) || t[q] == '\n')) ++q;
    if (e.type() == ";" && q < t.size() && q > from && starts_line(t, q)) return q;
    return std::nullopt;
  }
  size_t last = e.end();  // the error and the token after it
  while (last < t.size() && (is_blank(t[last]) || t[last] == '\n')) ++last;
  // Only after the error's start: `let x = a` + newline + `(b) => c` fails at `=>`, which
  // no line break precedes, so ECMAScript inserts nothing there.
  for (size_t q = from; q < t.size() && q <= last; ++q) {
    char c = t[q];
    if ((c == '(' || c == '[' || c == '`') && starts_line(t, q)) return q;
  }
  return std::nullopt;
}

}  // namespace

bool errors_explained_by_asi(Grammar g, const std::string& text, const SyntaxTree& tree) {
  if (text.size() > kMaxText) return false;
  std::string t = text;
  Node error = first_error(tree);
  std::unique_ptr<SyntaxTree> current;
  for (int i = 0; i < kMaxInsertions && error; ++i) {
    std::optional<size_t> at = insertion_point(t, error);
    if (!at) return false;
    uint32_t before = error.begin();
    t = t.substr(0, *at) + ";" + t.substr(*at);
    current = SyntaxTree::parse(g, t);
    error = first_error(*current);
    if (error && error.begin() <= before) return false;  // no progress: not an ASI case
  }
  return !error;
}

}  // namespace mplint
