// The strict loader of declarative rules (see declarative_rule.h and SPEC "Declarative rules").
#include <algorithm>
#include <cstdlib>
#include <regex>

#include "analyzer/declarative_rule.h"
#include "analyzer/yaml_util.h"

namespace mplint {

namespace {

const char* kKeys =
    "id, category, severity, language, message, summary, query, selector, files, "
    "help, precision, security-severity, tests";

bool valid_id(const std::string& id) {
  static const std::regex re("[a-z][a-z0-9-]*/[a-z0-9][a-z0-9-]*");
  return std::regex_match(id, re);
}

std::string file_stem(const std::string& path) {
  std::string name = path.substr(path.find_last_of('/') + 1);
  return name.substr(0, name.find_last_of('.'));
}

// The ECMAScript regex, or nullopt with `error` set to a message naming the pattern.
std::optional<std::regex> try_regex(const std::string& pattern, std::string* error) {
  try {
    return std::regex(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    *error = "bad regular expression `" + pattern + "`: " + e.what();
    return std::nullopt;
  }
}

// Up to 30 bytes of `text` from `offset`, not past the line's end.
std::string snippet(const std::string& text, size_t offset) {
  std::string s = text.substr(std::min(offset, text.size()), 30);
  return s.substr(0, s.find('\n'));
}

}  // namespace

class DeclarativeRuleLoader {
 public:
  DeclarativeRuleLoader(const std::string& path, std::string_view text, DeclarativeRule* rule)
      : text_(text), rule_(rule) {
    rule_->path_ = path;
  }

  void load() {
    YAML::Node doc = YAML::Load(std::string(text_));
    if (!doc.IsMap())
      yaml_fail(doc, "a rule file must be a mapping of keys (" + std::string(kKeys) + ")");
    for (const auto& kv : doc) read_key(kv.first.as<std::string>(), kv.first, kv.second);
    for (const char* key : {"id", "severity", "language", "message"})
      if (!doc[key]) yaml_fail(doc, std::string("missing key `") + key + "`");
    bool wxml = rule_->language_ == DeclarativeRule::Language::wxml;
    if (wxml && !doc["selector"]) yaml_fail(doc, "a `language: wxml` rule needs a `selector:`");
    if (!wxml && !doc["query"]) yaml_fail(doc, "missing key `query`");
    if (wxml && doc["query"])
      yaml_fail(doc["query"], "`language: wxml` takes a `selector:`, not a `query:`");
    if (!wxml && doc["selector"])
      yaml_fail(doc["selector"], "`selector:` is only for `language: wxml`");
    // The query is compiled once the language is known, whatever the key order.
    if (!wxml) compile_query(doc["query"]);
    check_message(doc["message"]);
    if (rule_->info_.summary.empty()) rule_->info_.summary = rule_->message_;
    if (category_ && *category_ != category_of(rule_->info_.id))
      yaml_fail(doc["category"],
                "category `" + *category_ + "` does not match the id `" + rule_->info_.id + "`");
    std::string doc_text = "# " + rule_->info_.id + "\n\n" + rule_->info_.summary + "\n";
    if (!help_.empty()) doc_text += "\n" + help_ + (help_.back() == '\n' ? "" : "\n");
    rule_->info_.doc = doc_text;
  }

 private:
  void read_key(const std::string& key, const YAML::Node& key_node, const YAML::Node& v) {
    RuleInfo& info = rule_->info_;
    if (key == "id")
      read_id(v);
    else if (key == "category")
      category_ = yaml_scalar(v, "category");
    else if (key == "severity") {
      if (!parse_severity(yaml_scalar(v, "severity"), &info.severity))
        yaml_fail(v, "severity must be error, warning or note");
    } else if (key == "language")
      read_language(v);
    else if (key == "message")
      rule_->message_ = yaml_scalar(v, "message");
    else if (key == "summary")
      info.summary = yaml_scalar(v, "summary");
    else if (key == "help")
      help_ = yaml_scalar(v, "help");
    else if (key == "files")
      rule_->files_ = yaml_string_list(v, "files");
    else if (key == "precision") {
      info.precision = yaml_scalar(v, "precision");
      static const std::vector<std::string> levels = {"very-high", "high", "medium", "low"};
      if (std::find(levels.begin(), levels.end(), info.precision) == levels.end())
        yaml_fail(v, "precision must be very-high, high, medium or low");
    } else if (key == "security-severity") {
      info.security_severity = yaml_scalar(v, "security-severity");
      char* end = nullptr;
      double score = std::strtod(info.security_severity.c_str(), &end);
      if (info.security_severity.empty() || *end != '\0' || score < 0 || score > 10)
        yaml_fail(v, "security-severity must be a number from 0.0 to 10.0");
    } else if (key == "selector")
      read_selector(v);
    else if (key == "tests")
      read_tests(v);
    else if (key != "query")
      yaml_fail(key_node, "unknown key `" + key + "` (" + kKeys + ")");
  }

  void read_id(const YAML::Node& v) {
    std::string id = yaml_scalar(v, "id");
    if (!valid_id(id))
      yaml_fail(v, "id `" + id + "` must be `category/name` in lowercase kebab-case");
    std::string name = id.substr(id.find('/') + 1);
    if (file_stem(rule_->path_) != name)
      yaml_fail(v,
                "id `" + id + "` does not match the file name: call the file `" + name + ".yml`");
    rule_->info_.id = id;
  }

  void read_language(const YAML::Node& v) {
    std::string lang = yaml_scalar(v, "language");
    using L = DeclarativeRule::Language;
    if (lang == "javascript")
      rule_->language_ = L::javascript;
    else if (lang == "wxss")
      rule_->language_ = L::wxss;
    else if (lang == "json")
      rule_->language_ = L::json;
    else if (lang == "wxml")
      rule_->language_ = L::wxml;
    else
      yaml_fail(v, "unknown language `" + lang + "` (javascript, wxss, json, wxml)");
  }

  // The line in the rule file of byte `offset` within the query text.
  int query_line(const YAML::Node& node, size_t offset) const {
    int line = yaml_line(node);
    // A block scalar (`query: |`) starts on the line after its indicator.
    size_t pos = node.Mark().pos >= 0 ? static_cast<size_t>(node.Mark().pos) : 0;
    if (pos < text_.size() && (text_[pos] == '|' || text_[pos] == '>')) ++line;
    std::string q = node.as<std::string>();
    return line +
           static_cast<int>(std::count(q.begin(), q.begin() + std::min(offset, q.size()), '\n'));
  }

  void compile_query(const YAML::Node& node) {
    std::string source = yaml_scalar(node, "query");
    std::string error;
    uint32_t offset = 0;
    Grammar g = rule_->language_ == DeclarativeRule::Language::wxss   ? Grammar::css
                : rule_->language_ == DeclarativeRule::Language::json ? Grammar::json
                                                                      : Grammar::javascript;
    rule_->query_ = Query::compile(g, source, &error, &offset);
    if (!rule_->query_)
      throw YamlError{query_line(node, offset),
                      "query: " + error + " at `" + snippet(source, offset) + "`"};
    rule_->query_source_ = source;
    std::vector<std::string> captures = rule_->query_->capture_names();
    if (std::find(captures.begin(), captures.end(), "match") == captures.end())
      yaml_fail(node, "query: no `@match` capture (the node to report)");
    captures_ = captures;
    for (uint32_t p = 0; p < rule_->query_->pattern_count(); ++p) {
      rule_->predicates_.emplace_back();
      for (const QueryPredicate& raw : rule_->query_->predicates(p))
        rule_->predicates_.back().push_back(read_predicate(raw, node, source));
    }
  }

  Predicate read_predicate(const QueryPredicate& raw, const YAML::Node& node,
                           const std::string& source) {
    auto fail_here = [&](const std::string& message) {
      size_t at = source.find("#" + raw.name);
      throw YamlError{query_line(node, at == std::string::npos ? 0 : at), "query: " + message};
    };
    Predicate p;
    std::string name = raw.name;
    if (name.rfind("not-", 0) == 0) {
      p.negated = true;
      name = name.substr(4);
    }
    if (name == "eq?")
      p.op = Predicate::Op::eq;
    else if (name == "match?")
      p.op = Predicate::Op::match;
    else if (name == "any-of?" && !p.negated)
      p.op = Predicate::Op::any_of;
    else
      fail_here("unknown predicate `#" + raw.name +
                "` (#eq?, #not-eq?, #match?, #not-match?, #any-of?)");
    if (raw.args.empty() || !raw.args[0].capture)
      fail_here("`#" + raw.name + "` takes a capture first");
    p.capture = raw.args[0].value;
    size_t want = p.op == Predicate::Op::any_of ? 0 : 2;
    if ((want && raw.args.size() != want) || raw.args.size() < 2)
      fail_here("`#" + raw.name + "` takes " +
                (want ? "a capture and one value" : "a capture and values"));
    for (size_t i = 1; i < raw.args.size(); ++i) {
      if (raw.args[i].capture && p.op == Predicate::Op::eq)
        p.other_capture = raw.args[i].value;
      else if (raw.args[i].capture)
        fail_here("`#" + raw.name + "` compares with strings, not captures");
      else
        p.values.push_back(raw.args[i].value);
    }
    if (p.op == Predicate::Op::match) {
      std::string error;
      auto regex = try_regex(p.values[0], &error);
      if (!regex) fail_here(error);
      p.regex = std::move(*regex);
    }
    return p;
  }

  // `{@name}` in the message stands for the text of that capture.
  void check_message(const YAML::Node& node) {
    const std::string& m = rule_->message_;
    size_t i = 0;
    for (size_t at = m.find("{@"); at != std::string::npos; at = m.find("{@", i)) {
      size_t close = m.find('}', at);
      std::string name = m.substr(at + 2, close == std::string::npos ? 0 : close - at - 2);
      if (std::find(captures_.begin(), captures_.end(), name) == captures_.end())
        yaml_fail(node, "message: `{@" + name + "}` names no capture of the query");
      rule_->message_parts_.push_back({m.substr(i, at - i), false});
      rule_->message_parts_.push_back({name, true});
      i = close + 1;
    }
    rule_->message_parts_.push_back({m.substr(i), false});
  }

  void read_selector(const YAML::Node& v) {
    if (!v.IsMap()) yaml_fail(v, "selector must be a mapping");
    WxmlSelector& s = rule_->selector_;
    for (const auto& kv : v) {
      std::string key = kv.first.as<std::string>();
      const YAML::Node& value = kv.second;
      if (key == "element")
        s.elements = yaml_string_list(value, "element");
      else if (key == "has-attribute")
        s.has_attributes = yaml_string_list(value, "has-attribute");
      else if (key == "missing-attribute")
        s.missing_attributes = yaml_string_list(value, "missing-attribute");
      else if (key == "attribute-matches") {
        if (!value.IsMap())
          yaml_fail(value, "attribute-matches must be a mapping of attribute names to regexes");
        for (const auto& a : value) {
          std::string error;
          auto regex = try_regex(yaml_scalar(a.second, "attribute-matches values"), &error);
          if (!regex) yaml_fail(a.second, error);
          s.attribute_matches.emplace_back(a.first.as<std::string>(), std::move(*regex));
        }
      } else if (key == "dynamic") {
        std::string b = yaml_scalar(value, "dynamic");
        if (b != "true" && b != "false") yaml_fail(value, "dynamic must be true or false");
        s.dynamic = b == "true";
      } else {
        yaml_fail(kv.first,
                  "unknown selector key `" + key +
                      "` (element, has-attribute, missing-attribute, attribute-matches, dynamic)");
      }
    }
    if (s.dynamic && s.has_attributes.empty() && s.attribute_matches.empty())
      yaml_fail(v, "`dynamic` needs `has-attribute` or `attribute-matches` to name the attributes");
  }

  void read_tests(const YAML::Node& v) {
    if (!v.IsMap()) yaml_fail(v, "tests must be a mapping with `valid` and `invalid` lists");
    for (const auto& kv : v) {
      std::string key = kv.first.as<std::string>();
      if (key != "valid" && key != "invalid")
        yaml_fail(kv.first, "unknown tests key `" + key + "` (valid, invalid)");
      if (!kv.second.IsSequence())
        yaml_fail(kv.second, "tests." + key + " must be a list of code snippets");
      for (const auto& item : kv.second)
        rule_->tests_.push_back(
            {yaml_scalar(item, "tests." + key + " entries"), key == "invalid", yaml_line(item)});
    }
  }

  std::string_view text_;
  DeclarativeRule* rule_;
  std::optional<std::string> category_;
  std::string help_;
  std::vector<std::string> captures_;
};

std::unique_ptr<DeclarativeRule> DeclarativeRule::load(const std::string& path,
                                                       std::string_view text, std::string* error) {
  auto rule = std::unique_ptr<DeclarativeRule>(new DeclarativeRule());
  rule->source_ = std::string(text);
  bool ok = yaml_read(path, text, error, [&] { DeclarativeRuleLoader(path, text, rule.get()).load(); });
  return ok ? std::move(rule) : nullptr;
}

}  // namespace mplint
