// correctness/wxs-unsupported-syntax: ES2015+ syntax that WXS (an ES5 subset) rejects, in
// .wxs files and inline <wxs> modules.
#include <algorithm>

#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

// The message for an anonymous keyword token, by token and parent type, or "".
std::string keyword_message(std::string_view token, std::string_view parent) {
  if ((token == "let" || token == "const") &&
      (parent == "lexical_declaration" || parent == "for_in_statement"))
    return "`" + std::string(token) + "` is not supported in WXS (ES5): use `var`";
  if (token == "=>" && parent == "arrow_function")
    return "arrow functions are not supported in WXS: use `function (...) { ... }`";
  if (token == "class" && (parent == "class" || parent == "class_declaration"))
    return "classes are not supported in WXS: use functions and objects";
  if (token == "async") return "`async` functions are not supported in WXS";
  if (token == "await" && parent == "await_expression") return "`await` is not supported in WXS";
  if (token == "import" && parent == "import_statement")
    return "`import` is not supported in WXS: use `var m = require('./m.wxs')`";
  if (token == "export" && parent == "export_statement")
    return "`export` is not supported in WXS: assign to `module.exports`";
  return "";
}

// The message for a named node, or "".
std::string node_message(std::string_view type) {
  if (type == "template_string")
    return "template literals are not supported in WXS: concatenate strings with `+`";
  if (type == "object_pattern" || type == "array_pattern")
    return "destructuring is not supported in WXS: read the values one by one";
  if (type == "spread_element") return "spread syntax (`...`) is not supported in WXS";
  if (type == "rest_pattern")
    return "rest syntax (`...`) is not supported in WXS: use `arguments` or index the array";
  if (type == "import")  // import('./x') as an expression
    return "dynamic `import()` is not supported in WXS: use `require`";
  return "";
}

class WxsUnsupportedSyntax : public Rule {
 public:
  RuleInfo info() const override {
    return {"correctness/wxs-unsupported-syntax", Severity::error,
            "ES2015+ syntax that WXS rejects (let/const, arrow functions, classes, template "
            "literals, destructuring, spread, async/await, import/export).",
            "very-high"};
  }

  void check_file(FileContext& ctx) const override {
    if (ctx.file.kind == FileKind::wxs && ctx.file.script) check_tree(ctx, ctx.file.script->root());
    if (ctx.file.kind == FileKind::wxml)
      for (const EmbeddedScript& m : ctx.file.inline_modules)
        if (m.tree) check_tree(ctx, m.tree->root());
  }

 private:
  static void check_tree(FileContext& ctx, Node root) {
    uint32_t pattern_end = 0;  // end of the last reported pattern: nested ones are its part
    walk(root, [&](Node n) {
      std::string message;
      if (!n.named()) {
        Node parent = n.parent();
        message = keyword_message(n.type(), parent ? parent.type() : "");
      } else {
        message = node_message(n.type());
        bool pattern = n.type().find("pattern") != std::string_view::npos;
        if (pattern && n.begin() < pattern_end) message.clear();
        if (pattern && !message.empty()) pattern_end = std::max(pattern_end, n.end());
      }
      if (!message.empty()) ctx.report(n.range(), message);
      return true;
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_wxs_unsupported_syntax() {
  return std::make_unique<WxsUnsupportedSyntax>();
}

}  // namespace mplint::rules
