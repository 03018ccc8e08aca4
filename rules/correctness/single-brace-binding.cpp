// correctness/single-brace-binding: an attribute value that is a name or member path in
// single braces (`autoplay="{autoplay}"`, `src="{item.url}"`): WXML binds only `{{ }}`, so the
// value is the literal text, and a literal string is always true where a boolean is read.
#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

bool name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}
bool name_char(char c) { return name_start(c) || (c >= '0' && c <= '9'); }

void skip_blanks(std::string_view s, size_t* i) {
  while (*i < s.size() && (s[*i] == ' ' || s[*i] == '\t')) ++*i;
}

// Reads `[0]`, `['k']` or `["k"]` at `i`.
bool read_index(std::string_view s, size_t* i) {
  size_t j = *i + 1;
  skip_blanks(s, &j);
  if (j < s.size() && (s[j] == '\'' || s[j] == '"')) {
    size_t close = s.find(s[j], j + 1);
    if (close == std::string_view::npos) return false;
    j = close + 1;
  } else {
    size_t digits = j;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j == digits) return false;
  }
  skip_blanks(s, &j);
  if (j >= s.size() || s[j] != ']') return false;
  *i = j + 1;
  return true;
}

// Whether `value` is `{path}`: a name, then `.name` or `[index]` steps, in one pair of braces
// (blanks allowed inside them). JSON (`{"a":1}`), objects (`{a: 1}`), CSS and `{0}` are not.
bool single_brace_path(std::string_view value, std::string_view* path) {
  size_t b = value.find_first_not_of(" \t\r\n"), e = value.find_last_not_of(" \t\r\n");
  if (b == std::string_view::npos || value[b] != '{' || value[e] != '}' || e - b < 2) return false;
  std::string_view inner = value.substr(b + 1, e - b - 1);
  size_t i = 0;
  skip_blanks(inner, &i);
  size_t start = i;
  if (i >= inner.size() || !name_start(inner[i])) return false;
  while (i < inner.size()) {
    if (name_char(inner[i])) {
      ++i;
    } else if (inner[i] == '.' && i + 1 < inner.size() && name_start(inner[i + 1])) {
      ++i;
    } else if (inner[i] == '[') {
      if (!read_index(inner, &i)) return false;
    } else {
      break;
    }
  }
  size_t end = i;
  skip_blanks(inner, &i);
  if (i != inner.size()) return false;
  *path = inner.substr(start, end - start);
  return true;
}

class SingleBraceBinding : public Rule {
 public:
  RuleInfo info() const override {
    return {.id = "correctness/single-brace-binding",
            .severity = Severity::warning,
            .summary =
                "An attribute value that is a name in single braces (`{x}`) where a "
                "`{{x}}` binding was meant: the value is the literal string.",
            .precision = "high"};
  }

  void check_file(FileContext& ctx) const override {
    if (ctx.file.kind != FileKind::wxml) return;
    for (const WxmlNode& node : ctx.file.wxml.nodes) {
      if (!node.is_element() || node.tag == "wxs") continue;
      for (const WxmlAttribute& attr : node.attributes) {
        std::string_view path;
        if (!attr.has_value || attr.dynamic || !single_brace_path(attr.value, &path)) continue;
        // wx:key, wx:for-item and wx:for-index take a plain name, not a binding.
        bool plain =
            attr.name == "wx:key" || attr.name == "wx:for-item" || attr.name == "wx:for-index";
        std::string meant = plain ? std::string(path) : "{{" + std::string(path) + "}}";
        ctx.report(attr.value_range, "`" + attr.name + "` is the literal string \"" + attr.value +
                                         "\"" +
                                         (plain ? ": it takes a plain name; write `"
                                                : ": WXML binds only double braces; write `") +
                                         meant + "`");
        ctx.add_fix((plain ? "Write `" : "Bind with `") + meant + "`", true,
                    {ctx.edit(attr.value_range, meant)});
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_single_brace_binding() { return std::make_unique<SingleBraceBinding>(); }

}  // namespace mplint::rules
