#include "analyzer/rule_set.h"

#include <algorithm>
#include <map>

namespace mplint {

namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void list_rule_files(const FileSystem& fs, const std::string& dir, int depth,
                     std::vector<std::string>* out) {
  if (depth > 8) return;
  for (const DirEntry& e : fs.list(dir)) {
    std::string path = join_path(dir, e.name);
    if (e.is_dir && e.name[0] != '.')
      list_rule_files(fs, path, depth + 1, out);
    else if (!e.is_dir && (ends_with(e.name, ".yml") || ends_with(e.name, ".yaml")))
      out->push_back(path);
  }
}

}  // namespace

const Rule* RuleSet::find(const std::string& id) const {
  for (const auto& r : rules)
    if (r->info().id == id) return r.get();
  return nullptr;
}

std::vector<const DeclarativeRule*> RuleSet::declarative() const {
  std::vector<const DeclarativeRule*> out;
  for (const auto& r : rules)
    if (auto* d = dynamic_cast<const DeclarativeRule*>(r.get())) out.push_back(d);
  return out;
}

std::vector<RuleInfo> RuleSet::infos() const {
  std::vector<RuleInfo> out;
  for (const auto& r : rules) out.push_back(r->info());
  return out;
}

bool load_rule_dir(const FileSystem& fs, const std::string& dir,
                   std::vector<std::unique_ptr<DeclarativeRule>>* out, std::string* error) {
  if (!fs.is_dir(dir)) {
    *error = dir + ": rule directory not found";
    return false;
  }
  std::vector<std::string> files;
  list_rule_files(fs, dir, 0, &files);
  for (const std::string& path : files) {
    std::string text, read_error;
    if (!fs.read(path, &text, &read_error)) {
      *error = path + ": cannot read: " + read_error;
      return false;
    }
    auto rule = DeclarativeRule::load(path, text, error);
    if (!rule) return false;
    std::string doc;
    if (fs.read(path.substr(0, path.find_last_of('.')) + ".md", &doc, &read_error))
      rule->set_doc(doc);
    out->push_back(std::move(rule));
  }
  return true;
}

bool load_rules(const FileSystem& fs, const std::vector<std::string>& rule_dirs, RuleSet* out,
                std::string* error) {
  std::map<std::string, std::string> origin;  // id -> where it was defined
  auto add = [&](std::unique_ptr<Rule> rule, const std::string& where) {
    std::string id = rule->info().id;
    if (origin.count(id)) {
      *error = where + ": rule `" + id + "` is already defined by " + origin[id];
      return false;
    }
    origin[id] = where;
    out->rules.push_back(std::move(rule));
    return true;
  };
  for (const RuleEntry& e : builtin_rules())
    if (!add(e.make(), "the built-in rules")) return false;
  for (const EmbeddedRuleFile& f : embedded_rule_files()) {
    auto rule = DeclarativeRule::load(std::string(f.path), f.text, error);
    if (!rule || !add(std::move(rule), std::string(f.path))) return false;
  }
  for (const std::string& dir : rule_dirs) {
    std::vector<std::unique_ptr<DeclarativeRule>> user;
    if (!load_rule_dir(fs, dir, &user, error)) return false;
    for (auto& rule : user) {
      std::string where = rule->path();
      if (!add(std::move(rule), where)) return false;
    }
  }
  std::sort(out->rules.begin(), out->rules.end(),
            [](const auto& a, const auto& b) { return a->info().id < b->info().id; });
  return true;
}

}  // namespace mplint
