#include "analyzer/suppressions.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "analyzer/parsed_file.h"
#include "analyzer/rule.h"

namespace mplint {

namespace {

// ESLint rules whose findings mplint also reports, so their comments keep working.
const std::map<std::string, std::string>& eslint_aliases() {
  static const std::map<std::string, std::string> m = {
      {"no-eval", "security/dynamic-code"},
      {"no-implied-eval", "security/dynamic-code"},
      {"no-new-func", "security/dynamic-code"},
  };
  return m;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string_view strip_markers(std::string_view c) {
  if (c.substr(0, 4) == "<!--")
    c.remove_prefix(4);
  else if (c.substr(0, 3) == "/**")
    c.remove_prefix(3);  // JSDoc style
  else if (c.substr(0, 2) == "//" || c.substr(0, 2) == "/*")
    c.remove_prefix(2);
  if (c.size() >= 3 && c.substr(c.size() - 3) == "-->")
    c.remove_suffix(3);
  else if (c.size() >= 2 && c.substr(c.size() - 2) == "*/")
    c.remove_suffix(2);
  return trim(c);
}

bool rule_matches(const std::vector<std::string>& ids, const std::string& rule) {
  if (ids.empty()) return true;
  return std::any_of(ids.begin(), ids.end(),
                     [&](const std::string& id) { return rule_key_matches(id, rule); });
}

void add_comment(const SourceText& src, Range r, std::vector<Suppression>* out) {
  Suppression s;
  if (!parse_suppression(src.slice(r), &s)) return;
  s.loc = locate(src, r);
  s.first_line = s.last_line =
      s.kind == Suppression::Kind::next_line ? s.loc.end.line + 1 : s.loc.begin.line;
  out->push_back(std::move(s));
}

void tree_comments(const SourceText& src, const SyntaxTree* tree, std::vector<Suppression>* out) {
  if (!tree) return;
  walk(tree->root(), [&](Node n) {
    if (n.type() == "comment") add_comment(src, n.range(), out);
    return true;
  });
}

bool same_ids(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

// Closes each `disable` at the matching `enable` (same ids) or the end of the file.
void pair_blocks(std::vector<Suppression>* list, uint32_t last_line) {
  for (size_t i = 0; i < list->size(); ++i) {
    Suppression& s = (*list)[i];
    if (s.kind != Suppression::Kind::disable) continue;
    s.last_line = last_line;
    for (size_t j = i + 1; j < list->size(); ++j) {
      const Suppression& e = (*list)[j];
      if (e.kind == Suppression::Kind::enable && same_ids(e.ids, s.ids)) {
        s.last_line = e.loc.begin.line;
        break;
      }
    }
  }
}

}  // namespace

bool parse_suppression(std::string_view comment, Suppression* out) {
  std::string_view body = strip_markers(comment);
  static const std::pair<std::string_view, Suppression::Kind> kinds[] = {
      {"mplint-disable-next-line", Suppression::Kind::next_line},
      {"mplint-disable-line", Suppression::Kind::line},
      {"mplint-disable", Suppression::Kind::disable},
      {"mplint-enable", Suppression::Kind::enable},
      {"eslint-disable-next-line", Suppression::Kind::next_line},
      {"eslint-disable-line", Suppression::Kind::line},
  };
  for (const auto& [word, kind] : kinds) {
    if (body.substr(0, word.size()) != word) continue;
    std::string_view rest = body.substr(word.size());
    if (!rest.empty() && !std::isspace(static_cast<unsigned char>(rest[0]))) continue;
    auto reason = rest.find("--");
    if (reason != std::string_view::npos) rest = rest.substr(0, reason);
    out->kind = kind;
    out->from_eslint = word[0] == 'e';
    out->ids.clear();
    std::string list(rest);
    std::replace(list.begin(), list.end(), ',', ' ');
    std::istringstream words(list);
    std::string id;
    while (words >> id) {
      if (!out->from_eslint) {
        out->ids.push_back(id);
        continue;
      }
      auto alias = eslint_aliases().find(id);
      if (alias != eslint_aliases().end()) out->ids.push_back(alias->second);
    }
    // An ESLint comment only counts for the rules mplint maps.
    return !out->from_eslint || !out->ids.empty();
  }
  return false;
}

std::vector<Suppression> extract_suppressions(const ParsedFile& f) {
  std::vector<Suppression> out;
  if (!f.readable()) return out;
  const SourceText& src = f.source;
  tree_comments(src, f.script.get(), &out);
  tree_comments(src, f.style.get(), &out);
  for (const EmbeddedScript& m : f.inline_modules) tree_comments(src, m.tree.get(), &out);
  if (f.kind == FileKind::wxml)
    for (const WxmlNode& n : f.wxml.nodes)
      if (n.kind == WxmlNode::Kind::comment) add_comment(src, n.range, &out);
  std::sort(out.begin(), out.end(), [](const Suppression& a, const Suppression& b) {
    return a.loc.range.begin < b.loc.range.begin;
  });
  pair_blocks(&out, src.line_count());
  return out;
}

std::vector<Finding> apply_suppressions(std::vector<Finding*>& findings,
                                        const std::vector<Suppression>& suppressions,
                                        const std::set<std::string>& ran, bool all_ran,
                                        const std::string& path,
                                        const std::set<std::string>& known) {
  std::vector<Finding> unused;
  for (const Suppression& s : suppressions) {
    if (s.kind == Suppression::Kind::enable) continue;
    std::set<std::string> used;
    bool any = false;
    for (Finding* f : findings) {
      uint32_t line = f->loc.begin.line;
      if (line < s.first_line || line > s.last_line || !rule_matches(s.ids, f->rule_id)) continue;
      f->suppressed = true;
      any = true;
      for (const std::string& id : s.ids)
        if (rule_matches({id}, f->rule_id)) used.insert(id);
    }
    if (s.from_eslint) continue;  // ESLint's own comments are not ours to judge
    auto report = [&](const std::string& what) {
      Finding u;
      u.path = path;
      u.loc = s.loc;
      u.rule_id = "mplint/unused-suppression";
      u.severity = Severity::note;
      u.message = "unused suppression: " + what;
      unused.push_back(std::move(u));
    };
    if (s.ids.empty()) {
      if (!any && all_ran) report("no finding here to suppress");
      continue;
    }
    for (const std::string& id : s.ids) {
      const std::set<std::string>& ids = known.empty() ? ran : known;
      bool id_known = is_rule_category(id) ||
                      std::any_of(ids.begin(), ids.end(),
                                  [&](const std::string& r) { return rule_matches({id}, r); });
      if (!id_known) {
        report("unknown rule `" + id + "` (see `mplint rules`)");
        continue;
      }
      bool id_ran = std::any_of(ran.begin(), ran.end(),
                                [&](const std::string& r) { return rule_matches({id}, r); });
      if (!used.count(id) && id_ran) report("no `" + id + "` finding here");
    }
  }
  return unused;
}

}  // namespace mplint
