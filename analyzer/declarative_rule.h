// Declarative rules: one YAML file per rule, holding a tree-sitter query (languages
// javascript, wxss, json) or a WXML selector. The loader is strict: unknown keys, unknown
// predicates, bad regexes and queries that do not compile are errors naming file and line.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/rule.h"
#include "analyzer/syntax_tree.h"

namespace mplint {

/// One snippet of a rule's `tests:`: `invalid` ones must be reported, `valid` ones not.
struct DeclarativeTest {
  std::string code;
  bool invalid = false;
  int line = 0;  // in the rule file
};

/// A `#eq?`-style predicate, checked against a match's captures.
struct Predicate {
  enum class Op { eq, match, any_of };
  Op op = Op::eq;
  bool negated = false;
  std::string capture;              // the first argument
  std::vector<std::string> values;  // literals (eq: one, any-of: several)
  std::string other_capture;        // eq against another capture
  std::regex regex;                 // match
};

/// `language: wxml` rules: every given key must hold for an element to be reported.
struct WxmlSelector {
  std::vector<std::string> elements;  // empty: any element
  std::vector<std::string> has_attributes;
  std::vector<std::string> missing_attributes;
  std::vector<std::pair<std::string, std::regex>> attribute_matches;
  std::optional<bool> dynamic;  // whether the named attributes hold a `{{ }}` binding
};

class DeclarativeRule : public Rule {
 public:
  enum class Language { javascript, wxss, json, wxml };

  /// Loads a rule from YAML `text`. `path` names the file in errors ("path:line: message");
  /// its name must be "<name>.yml" for the id "<category>/<name>".
  static std::unique_ptr<DeclarativeRule> load(const std::string& path, std::string_view text,
                                               std::string* error);

  RuleInfo info() const override { return info_; }
  std::string cache_salt() const override { return path_ + "\n" + source_; }
  void check_file(FileContext& ctx) const override;

  Language language() const { return language_; }
  const std::string& path() const { return path_; }
  const std::vector<DeclarativeTest>& tests() const { return tests_; }
  void set_doc(std::string markdown) { info_.doc = std::move(markdown); }
  /// The package-relative file name a test snippet is linted as ("test.js", "app.json"…).
  std::string test_file_name() const;

 private:
  friend class DeclarativeRuleLoader;
  bool in_files(const ParsedFile& file) const;
  void run_query(const Query* query, const SyntaxTree* tree, FileContext& ctx,
                 std::set<std::pair<uint32_t, uint32_t>>* reported) const;
  bool predicates_hold(uint32_t pattern, const QueryMatch& match) const;
  void select_wxml(FileContext& ctx) const;
  std::string message_for(const QueryMatch& match) const;

  std::string path_;
  std::string source_;  // the YAML as loaded
  RuleInfo info_;
  Language language_ = Language::javascript;
  std::string message_;
  // The message split at its `{@capture}` references, at load time.
  struct MessagePart {
    std::string text;  // literal text, or a capture name
    bool capture = false;
  };
  std::vector<MessagePart> message_parts_;
  std::vector<std::string> files_;  // globs relative to the package root; empty: every file
  std::unique_ptr<Query> query_;    // for the rule's language (javascript: JS and WXS)
  std::string query_source_;
  // The same query for TypeScript, compiled on the first .ts file (it costs ~10 ms), and null
  // when the JavaScript query's node types do not exist there.
  mutable std::once_flag ts_once_;
  mutable std::unique_ptr<Query> ts_query_;
  const Query* ts_query() const;
  std::vector<std::vector<Predicate>> predicates_;  // per pattern
  WxmlSelector selector_;
  std::vector<DeclarativeTest> tests_;
};

/// Runs a rule's `tests:` in an in-memory package. Returns one line per failure:
/// "Missing: …" for an invalid snippet not reported, "Noisy: …" for a valid one reported.
std::vector<std::string> run_declarative_tests(const DeclarativeRule& rule);

}  // namespace mplint
