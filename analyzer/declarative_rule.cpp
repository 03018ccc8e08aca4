// Running declarative rules: queries with mplint-evaluated predicates, WXML selectors, and
// the rules' own `tests:`.
#include "analyzer/declarative_rule.h"

#include <algorithm>

#include "analyzer/file_system.h"
#include "analyzer/runner.h"

namespace mplint {

namespace {

// std::regex recurses per character; a regex never sees more than this much of a node.
constexpr size_t kRegexInputLimit = 4096;

std::vector<std::string_view> texts_of(const QueryMatch& match, const std::string& capture) {
  std::vector<std::string_view> out;
  for (const QueryCapture& c : match)
    if (c.name == capture) out.push_back(c.node.text());
  return out;
}

bool search(const std::regex& re, std::string_view text) {
  text = text.substr(0, kRegexInputLimit);
  return std::regex_search(text.begin(), text.end(), re);
}

bool holds(const Predicate& p, const QueryMatch& match) {
  std::vector<std::string_view> other;
  if (!p.other_capture.empty()) other = texts_of(match, p.other_capture);
  for (std::string_view text : texts_of(match, p.capture)) {
    bool ok = false;
    switch (p.op) {
      case Predicate::Op::eq:
        ok = p.other_capture.empty() ? text == p.values[0] : !other.empty() && text == other[0];
        break;
      case Predicate::Op::match:
        ok = search(p.regex, text);
        break;
      case Predicate::Op::any_of:
        ok = std::find(p.values.begin(), p.values.end(), text) != p.values.end();
        break;
    }
    if (ok == p.negated) return false;
  }
  return true;  // as in tree-sitter: a predicate on a capture that matched nothing holds
}

std::string one_line(std::string_view text) {
  std::string s(text.substr(0, 60));
  std::replace(s.begin(), s.end(), '\n', ' ');
  return text.size() > 60 ? s + "…" : s;
}

}  // namespace

bool DeclarativeRule::in_files(const ParsedFile& f) const {
  return files_.empty() || std::any_of(files_.begin(), files_.end(),
                                       [&](const std::string& g) { return glob_match(g, f.path); });
}

void DeclarativeRule::check_file(FileContext& ctx) const {
  const ParsedFile& f = ctx.file;
  if (!in_files(f)) return;
  // Each language's trees exist only in files of its kinds (inline <wxs> and {{ }} in WXML).
  std::set<std::pair<uint32_t, uint32_t>> reported;  // begin, end
  switch (language_) {
    case Language::javascript:
      if (f.kind == FileKind::ts)
        run_query(ts_query(), f.script.get(), ctx, &reported);
      else
        run_query(query_.get(), f.script.get(), ctx, &reported);
      for (const EmbeddedScript& m : f.inline_modules)
        run_query(query_.get(), m.tree.get(), ctx, &reported);
      for (const EmbeddedScript& e : f.expressions)
        run_query(query_.get(), e.tree.get(), ctx, &reported);
      break;
    case Language::wxss:
      run_query(query_.get(), f.style.get(), ctx, &reported);
      break;
    case Language::json:
      run_query(query_.get(), f.json_tree.get(), ctx, &reported);
      break;
    case Language::wxml:
      select_wxml(ctx);
      break;
  }
}

const Query* DeclarativeRule::ts_query() const {
  std::call_once(ts_once_, [this] {
    std::string error;
    uint32_t offset = 0;
    ts_query_ = Query::compile(Grammar::typescript, query_source_, &error, &offset);
  });
  return ts_query_.get();
}

void DeclarativeRule::run_query(const Query* query, const SyntaxTree* tree, FileContext& ctx,
                                std::set<std::pair<uint32_t, uint32_t>>* reported) const {
  if (!query || !tree) return;
  query->run(tree->root(), [&](uint32_t pattern, const QueryMatch& match) {
    if (!predicates_hold(pattern, match)) return;
    for (const QueryCapture& c : match) {
      if (c.name != "match") continue;
      Range r = c.node.range();
      // Two patterns matching one node report it once.
      if (!reported->insert({r.begin, r.end}).second) continue;
      ctx.report(r, message_for(match));
    }
  });
}

bool DeclarativeRule::predicates_hold(uint32_t pattern, const QueryMatch& match) const {
  if (pattern >= predicates_.size()) return true;
  return std::all_of(predicates_[pattern].begin(), predicates_[pattern].end(),
                     [&](const Predicate& p) { return holds(p, match); });
}

std::string DeclarativeRule::message_for(const QueryMatch& match) const {
  std::string out;
  for (const MessagePart& part : message_parts_) {
    if (!part.capture) {
      out += part.text;
    } else if (auto texts = texts_of(match, part.text); !texts.empty()) {
      out += one_line(texts[0]);
    }
  }
  return out;
}

void DeclarativeRule::select_wxml(FileContext& ctx) const {
  const WxmlSelector& s = selector_;
  for (const WxmlNode& n : ctx.file.wxml.nodes) {
    if (!n.is_element()) continue;
    if (!s.elements.empty() &&
        std::find(s.elements.begin(), s.elements.end(), n.tag) == s.elements.end())
      continue;
    // A named attribute: present, and bound with `{{ }}` or not as `dynamic:` asks.
    auto present = [&](const std::string& name) {
      const WxmlAttribute* a = n.attribute(name);
      return a && (!s.dynamic || a->dynamic == *s.dynamic);
    };
    auto absent = [&](const std::string& name) { return !n.attribute(name); };
    auto value_matches = [&](const auto& m) {
      return present(m.first) && search(m.second, n.attribute(m.first)->value);
    };
    if (std::all_of(s.has_attributes.begin(), s.has_attributes.end(), present) &&
        std::all_of(s.missing_attributes.begin(), s.missing_attributes.end(), absent) &&
        std::all_of(s.attribute_matches.begin(), s.attribute_matches.end(), value_matches))
      ctx.report(n.start_tag, message_for({}));
  }
}

std::string DeclarativeRule::test_file_name() const {
  // The first `files` glob made concrete ("**/*.wxs" -> "test.wxs"), when it is one.
  if (!files_.empty()) {
    std::string name = files_[0];
    for (size_t at; (at = name.find("**/")) != std::string::npos;) name.erase(at, 3);
    for (size_t at; (at = name.find('*')) != std::string::npos;) name.replace(at, 1, "test");
    if (glob_match(files_[0], name)) return name;
  }
  switch (language_) {
    case Language::javascript:
      return "test.js";
    case Language::wxss:
      return "test.wxss";
    case Language::json:
      return "test.json";
    case Language::wxml:
      return "test.wxml";
  }
  return "test.js";
}

std::vector<std::string> run_declarative_tests(const DeclarativeRule& rule) {
  std::vector<std::string> failures;
  const std::string root = "/mplint-rule-test";
  std::string name = rule.test_file_name();
  for (size_t i = 0; i < rule.tests().size(); ++i) {
    const DeclarativeTest& t = rule.tests()[i];
    MemoryFileSystem fs;
    fs.add(root + "/" + name, t.code);
    RunOptions options;
    options.paths = {root + "/" + name};
    options.cwd = root;
    options.forced_root = root;
    options.rules = {&rule};
    RunOutput out;
    std::string error;
    size_t found = 0;
    if (run_lint(fs, options, &out, &error))
      found = std::count_if(out.findings.begin(), out.findings.end(),
                            [&](const Finding& f) { return f.rule_id == rule.info().id; });
    std::string where = rule.path() + ":" + std::to_string(t.line) + ": ";
    if (t.invalid && found == 0)
      failures.push_back("Missing: " + where + rule.info().id + " not reported in `" +
                         one_line(t.code) + "`");
    if (!t.invalid && found > 0)
      failures.push_back("Noisy: " + where + rule.info().id + " reported in valid `" +
                         one_line(t.code) + "`");
  }
  return failures;
}

}  // namespace mplint
