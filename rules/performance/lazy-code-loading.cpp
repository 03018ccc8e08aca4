// performance/lazy-code-loading: app.json without "lazyCodeLoading": "requiredComponents".
// Safe fix: add the key (or correct its value); below 2.11.1 WeChat ignores it.
#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

constexpr const char* kMember = "\"lazyCodeLoading\": \"requiredComponents\"";

// The new member goes before the first one, laid out like it: on its own line with the same
// indentation (and line ending) when the members are one per line, else on the same line.
std::string insertion(std::string_view text, const JsonValue& first) {
  size_t line_start = text.rfind('\n', first.key_range.begin);
  std::string_view before =
      line_start == std::string_view::npos
          ? std::string_view()
          : text.substr(line_start + 1, first.key_range.begin - line_start - 1);
  bool own_line = line_start != std::string_view::npos &&
                  before.find_first_not_of(" \t") == std::string_view::npos;
  bool crlf =
      line_start != std::string_view::npos && line_start > 0 && text[line_start - 1] == '\r';
  return std::string(kMember) + "," +
         (own_line ? (crlf ? "\r\n" : "\n") + std::string(before) : " ");
}

// The member that takes effect: the last of duplicates.
const JsonValue* last_member(const JsonValue& object, std::string_view key) {
  const JsonValue* found = nullptr;
  for (const auto& [name, value] : object.members)
    if (name == key) found = &value;
  return found;
}

class LazyCodeLoading : public Rule {
 public:
  RuleInfo info() const override {
    return {"performance/lazy-code-loading",
            Severity::note,
            "app.json without \"lazyCodeLoading\": \"requiredComponents\".",
            "very-high",
            {}};
  }

  void check_file(FileContext& ctx) const override {
    if (ctx.file.path != "app.json" || !ctx.file.json || !ctx.file.json->doc.has_root) return;
    const JsonValue& app = ctx.file.json->doc.root;
    if (!app.is_object()) return;  // correctness/invalid-config
    const JsonValue* value = last_member(app, "lazyCodeLoading");
    // A file that does not parse cleanly is left to syntax/parse-error before it is edited.
    bool fixable = ctx.file.problems.empty();
    if (value && value->is_string() && value->string == "requiredComponents") return;
    if (value) {
      ctx.report(value->range,
                 "`lazyCodeLoading` must be \"requiredComponents\": any other value injects every "
                 "component of the package at start-up, used or not");
      if (fixable)
        ctx.add_fix("Set `\"lazyCodeLoading\": \"requiredComponents\"`", true,
                    {ctx.edit(value->range, "\"requiredComponents\"")});
      return;
    }
    ctx.report({app.range.begin, app.range.begin + 1},
               "app.json does not set `\"lazyCodeLoading\": \"requiredComponents\"`: every "
               "component of the package is injected at start-up, used or not");
    if (!fixable) return;
    Range at{app.range.begin + 1, app.range.begin + 1};
    std::string text = kMember;
    if (!app.members.empty()) {
      at = {app.members.front().second.key_range.begin, app.members.front().second.key_range.begin};
      text = insertion(ctx.file.source.text(), app.members.front().second);
    }
    ctx.add_fix("Add `\"lazyCodeLoading\": \"requiredComponents\"`", true,
                {ctx.edit(at, std::move(text))});
  }
};

}  // namespace

std::unique_ptr<Rule> make_lazy_code_loading() { return std::make_unique<LazyCodeLoading>(); }

}  // namespace mplint::rules
