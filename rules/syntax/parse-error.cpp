// syntax/parse-error: a file, `{{ }}` expression or inline <wxs> module that does not parse.
#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

class ParseError : public Rule {
 public:
  RuleInfo info() const override {
    return {"syntax/parse-error", Severity::error,
            "A JS, WXS, WXML, WXSS or JSON file, `{{ }}` expression or inline <wxs> module that "
            "does not parse.",
            "very-high"};
  }

  void check_file(FileContext& ctx) const override {
    const ParsedFile& f = ctx.file;
    if (!f.read_error.empty()) {
      ctx.report({0, 0}, "cannot read: " + f.read_error);
      return;
    }
    if (const auto& bad = f.source.invalid_utf8()) {
      ctx.report({*bad, *bad + 1},
                 "file is not valid UTF-8 (binary, or another encoding such as GBK); WeChat "
                 "requires UTF-8");
      return;
    }
    for (const ParseProblem& p : f.problems) {
      if (p.related)
        ctx.report(p.range, p.message, {ctx.related(*p.related, p.related_message)});
      else
        ctx.report(p.range, p.message);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_parse_error() { return std::make_unique<ParseError>(); }

}  // namespace mplint::rules
