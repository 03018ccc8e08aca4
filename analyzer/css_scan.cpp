// A CSS-syntax-level scanner (CSS Syntax Level 3 tokens, not the grammar): it knows
// comments, strings, escapes and bracket nesting, which is all a WXSS file must get right
// to be parseable. It confirms grammar errors, so valid CSS the grammar rejects is silent.
#include <vector>

#include "analyzer/parsed_file.h"

namespace mplint {

namespace {
Range at(size_t b, size_t e) { return {static_cast<uint32_t>(b), static_cast<uint32_t>(e)}; }
char closer_of(char c) { return c == '{' ? '}' : c == '(' ? ')' : ']'; }
}  // namespace

std::vector<ParseProblem> scan_css_syntax(std::string_view s) {
  std::vector<ParseProblem> out;
  struct Open {
    char c;
    size_t pos;
  };
  std::vector<Open> stack;
  size_t i = 0;
  // Where the current top-level prelude started (a selector or at-rule awaiting { or ;).
  size_t prelude = std::string_view::npos;
  while (i < s.size()) {
    char c = s[i];
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      size_t end = s.find("*/", i + 2);
      if (end == std::string_view::npos) {
        out.push_back({at(i, i + 2), "unterminated comment: expected `*/`"});
        return out;
      }
      i = end + 2;
      continue;
    }
    if (c == '"' || c == '\'') {
      size_t j = i + 1;
      while (j < s.size() && s[j] != c && s[j] != '\n') j += s[j] == '\\' ? 2 : 1;
      if (j >= s.size() || s[j] == '\n') {
        out.push_back({at(i, i + 1), "unterminated string"});
        i = j;
        continue;
      }
      i = j + 1;
      continue;
    }
    if (c == '\\') {
      i += 2;
      continue;
    }
    if (c == '{' || c == '(' || c == '[') {
      stack.push_back({c, i});
      if (c == '{' && stack.size() == 1) prelude = std::string_view::npos;
    } else if (c == '}' || c == ')' || c == ']') {
      // A closer without its opener, or closing across an unclosed ( or [.
      while (!stack.empty() && closer_of(stack.back().c) != c && c == '}' && stack.back().c != '{') {
        out.push_back({at(stack.back().pos, stack.back().pos + 1),
                       std::string("unclosed `") + stack.back().c + "`"});
        stack.pop_back();
      }
      if (stack.empty() || closer_of(stack.back().c) != c) {
        out.push_back({at(i, i + 1), std::string("unexpected `") + c + "`"});
      } else {
        stack.pop_back();
      }
    } else if (c == ';' && stack.empty()) {
      prelude = std::string_view::npos;
    } else if (stack.empty() && prelude == std::string_view::npos &&
               !(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')) {
      prelude = i;
    }
    if (out.size() >= 20) return out;
    ++i;
  }
  for (const Open& o : stack)
    out.push_back({at(o.pos, o.pos + 1), std::string("unclosed `") + o.c + "`: expected `" +
                                             closer_of(o.c) + "`"});
  if (prelude != std::string_view::npos && stack.empty())
    out.push_back({at(prelude, prelude + 1), "expected `{` or `;` before the end of the file"});
  return out;
}

}  // namespace mplint
