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

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

// The bytes to delete to remove the comment at `r`: its whole line when nothing else is on
// it, else the comment and the blanks before it.
Range comment_removal(std::string_view text, Range r) {
  size_t line_start = text.rfind('\n', r.begin == 0 ? 0 : r.begin - 1);
  line_start = line_start == std::string_view::npos || r.begin == 0 ? 0 : line_start + 1;
  if (r.begin == 0) line_start = 0;
  size_t line_end = text.find('\n', r.end);
  size_t after = line_end == std::string_view::npos ? text.size() : line_end + 1;
  if (line_end == std::string_view::npos) line_end = text.size();
  std::string_view before = text.substr(line_start, r.begin - line_start);
  if (blank(before) && blank(text.substr(r.end, line_end - r.end)))
    return {static_cast<uint32_t>(line_start), static_cast<uint32_t>(after)};
  if (blank(before)) {  // `/* x */ code`: the code keeps its indentation
    uint32_t end = r.end;
    while (end < line_end && (text[end] == ' ' || text[end] == '\t')) ++end;
    return {r.begin, end};
  }
  uint32_t begin = r.begin;
  while (begin > line_start && (text[begin - 1] == ' ' || text[begin - 1] == '\t')) --begin;
  return {begin, r.end};
}

// Where each id of a suppression sits in the source, and what to delete to drop it: the id and
// the separator after it, or for the last id the separator before it.
std::vector<Range> id_removals(std::string_view comment, uint32_t offset, size_t id_count) {
  std::string_view body = strip_markers(comment);
  size_t at = static_cast<size_t>(body.data() - comment.data());
  size_t end = at + std::min(body.size(), body.find("--"));  // `-- reason`
  auto is_sep = [](char c) { return c == ',' || std::isspace(static_cast<unsigned char>(c)); };
  while (at < end && !is_sep(comment[at])) ++at;  // the keyword
  std::vector<std::pair<size_t, size_t>> tokens;
  while (at < end) {
    while (at < end && is_sep(comment[at])) ++at;
    size_t start = at;
    while (at < end && !is_sep(comment[at])) ++at;
    if (at > start) tokens.push_back({start, at});
  }
  std::vector<Range> out;
  if (tokens.size() != id_count) return out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    size_t b = tokens[i].first, e = tokens[i].second;
    if (i + 1 < tokens.size())
      e = tokens[i + 1].first;
    else if (i > 0)
      b = tokens[i - 1].second;
    out.push_back({static_cast<uint32_t>(offset + b), static_cast<uint32_t>(offset + e)});
  }
  return out;
}

void add_comment(const SourceText& src, Range r, std::vector<Suppression>* out) {
  Suppression s;
  if (!parse_suppression(src.slice(r), &s)) return;
  s.loc = locate(src, r);
  s.remove_comment.push_back({locate(src, comment_removal(src.text(), r)), ""});
  if (!s.from_eslint && s.ids.size() > 1)
    for (Range id : id_removals(src.slice(r), r.begin, s.ids.size()))
      s.remove_id.push_back({{locate(src, id), ""}});
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

// Deleting an id from a block's `disable` must delete it from its `enable` too, or the two
// would no longer match and the block would run to the end of the file.
void pair_id_removals(Suppression* disable, const Suppression& enable) {
  if (disable->remove_id.size() != disable->ids.size() ||
      enable.remove_id.size() != enable.ids.size()) {
    disable->remove_id.clear();
    return;
  }
  for (size_t i = 0; i < disable->ids.size(); ++i) {
    auto at = std::find(enable.ids.begin(), enable.ids.end(), disable->ids[i]);
    disable->remove_id[i].push_back(enable.remove_id[at - enable.ids.begin()].front());
  }
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
        s.remove_comment.push_back(e.remove_comment.front());
        pair_id_removals(&s, e);
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
  // Most files hold no directive at all: no need to look at their comments.
  std::string_view text = src.text();
  if (text.find("mplint-") == std::string_view::npos &&
      text.find("eslint-disable") == std::string_view::npos)
    return out;
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
    // Deleting an id that matched nothing cannot change what is suppressed; an unknown id
    // may be a typo of the one meant, so deleting it is offered, not applied by --fix.
    auto report = [&](const std::string& what, std::vector<Edit> edits, bool safe) {
      Finding u;
      u.path = path;
      u.loc = s.loc;
      u.rule_id = "mplint/unused-suppression";
      u.severity = Severity::note;
      u.message = "unused suppression: " + what;
      if (!edits.empty())
        u.fixes.push_back({"Remove the unused suppression", safe, std::move(edits)});
      unused.push_back(std::move(u));
    };
    if (s.ids.empty()) {
      if (!any && all_ran) report("no finding here to suppress", s.remove_comment, true);
      continue;
    }
    // Every id unused: each fix deletes the whole comment (the same edits, applied once),
    // never leaving a comment without ids, which would suppress every rule.
    const std::set<std::string>& ids = known.empty() ? ran : known;
    auto id_known = [&](const std::string& id) {
      return is_rule_category(id) || std::any_of(ids.begin(), ids.end(), [&](const std::string& r) {
               return rule_matches({id}, r);
             });
    };
    auto id_ran = [&](const std::string& id) {
      return std::any_of(ran.begin(), ran.end(),
                         [&](const std::string& r) { return rule_matches({id}, r); });
    };
    bool all_unused = std::all_of(s.ids.begin(), s.ids.end(), [&](const std::string& id) {
      return !id_known(id) || (id_ran(id) && !used.count(id));
    });
    auto edits_for = [&](size_t i) {
      if (all_unused) return s.remove_comment;
      return s.remove_id.size() == s.ids.size() ? s.remove_id[i] : std::vector<Edit>{};
    };
    for (size_t i = 0; i < s.ids.size(); ++i) {
      const std::string& id = s.ids[i];
      if (!id_known(id))
        report("unknown rule `" + id + "` (see `mplint rules`)", edits_for(i), false);
      else if (id_ran(id) && !used.count(id))
        report("no `" + id + "` finding here", edits_for(i), true);
    }
  }
  return unused;
}

}  // namespace mplint
