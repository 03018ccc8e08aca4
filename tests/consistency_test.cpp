// The rule catalog holds together: ids match paths, the registry is sorted and complete,
// every rule has its doc (with the fixed headings) and a fixture folder, every declarative
// rule loads (keys, predicates and queries checked). On failure it says what to add.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "analyzer/rule.h"
#include "analyzer/rule_set.h"
#include "test_paths.h"

namespace fs = std::filesystem;
using namespace mplint;

namespace {

const fs::path kSource = MPLINT_SOURCE_DIR;
const std::set<std::string> kCategories(rule_categories().begin(), rule_categories().end());

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

RuleSet load_builtin() {
  RuleSet set;
  DiskFileSystem disk;
  std::string error;
  bool ok = load_rules(disk, {}, &set, &error);
  CHECK_MESSAGE(ok, "the built-in rules do not load: " << error);
  return set;
}

}  // namespace

TEST_CASE("consistency: the C++ registry is sorted, unique, and each id is its file") {
  const auto& table = builtin_rules();
  for (size_t i = 0; i < table.size(); ++i) {
    std::string id = table[i].id;
    INFO("rules/registry.inc: " << id);
    if (i > 0)
      CHECK_MESSAGE(std::string(table[i - 1].id) < id,
                    "keep registry.inc sorted by id, without duplicates");
    CHECK_MESSAGE(fs::exists(kSource / "rules" / (id + ".cpp")), "add rules/" << id << ".cpp");
    CHECK_MESSAGE(table[i].make()->info().id == id,
                  "the rule's info().id differs from its registry line");
  }
}

TEST_CASE("consistency: every rule file under rules/ is registered") {
  std::set<std::string> registered;
  for (const RuleEntry& e : builtin_rules()) registered.insert(e.id);
  for (const EmbeddedRuleFile& f : embedded_rule_files()) {
    std::string id(f.path.substr(6, f.path.size() - 6 - 4));  // rules/<id>.yml
    registered.insert(id);
  }
  for (const auto& category : fs::directory_iterator(kSource / "rules")) {
    if (!category.is_directory()) continue;
    std::string cat = category.path().filename().string();
    CHECK_MESSAGE(kCategories.count(cat), "rules/" << cat << " is not a category of RULES.md");
    for (const auto& file : fs::directory_iterator(category.path())) {
      std::string ext = file.path().extension().string();
      if (ext != ".cpp" && ext != ".yml") continue;
      std::string id = cat + "/" + file.path().stem().string();
      if (ext == ".cpp")
        CHECK_MESSAGE(registered.count(id), "add to rules/registry.inc: MPLINT_RULE(\""
                                                << id
                                                << "\", make_...) and the "
                                                   "name to rules/meson.build");
      else
        CHECK_MESSAGE(registered.count(id), "add '" << file.path().stem().string()
                                                    << "' to yaml_rule_files['" << cat
                                                    << "'] in rules/meson.build");
    }
  }
}

TEST_CASE("consistency: every declarative rule lives at rules/<id>.yml") {
  RuleSet set = load_builtin();
  REQUIRE(!set.declarative().empty());
  for (const DeclarativeRule* r : set.declarative())
    CHECK_MESSAGE(r->path() == "rules/" + r->info().id + ".yml",
                  r->path() << " defines " << r->info().id);
}

TEST_CASE("consistency: every rule has a summary, a doc with the headings, and fixtures") {
  RuleSet set = load_builtin();
  REQUIRE(set.rules.size() >= builtin_rules().size() + 3);
  for (const auto& rule : set.rules) {
    RuleInfo info = rule->info();
    INFO(info.id);
    CHECK_MESSAGE(kCategories.count(category_of(info.id)), "unknown category");
    CHECK_MESSAGE(!info.summary.empty(), "give the rule a one-line summary");
    CHECK_MESSAGE(info.summary.find('\n') == std::string::npos, "the summary must be one line");
    fs::path doc_path = kSource / "rules" / (info.id + ".md");
    REQUIRE_MESSAGE(fs::exists(doc_path), "add rules/" << info.id << ".md");
    std::string doc = read(doc_path);
    CHECK_MESSAGE(doc.rfind("# " + info.id + "\n", 0) == 0,
                  "the doc must start with `# " << info.id << "`");
    for (const char* heading : {"## Why is this bad?", "## Example", "## Use instead"})
      CHECK_MESSAGE(doc.find(std::string("\n") + heading + "\n") != std::string::npos,
                    "rules/" << info.id << ".md needs a `" << heading << "` section");
    if (!info.options.empty())
      CHECK_MESSAGE(doc.find("\n## Options\n") != std::string::npos,
                    "document the options under `## Options`");
    for (const RuleOption& o : info.options)
      CHECK_MESSAGE(doc.find("`" + o.name + "`") != std::string::npos,
                    "document option `" << o.name << "`");
    CHECK_MESSAGE(rule_markdown(info) == doc, "the embedded doc is stale: rebuild");
    CHECK_MESSAGE(fs::is_directory(kSource / "fixtures" / info.id),
                  "add fixtures/" << info.id << "/");
    if (category_of(info.id) == "security") {
      // GitHub ranks code-scanning alerts by it: each security rule states its own.
      CHECK_MESSAGE(!info.security_severity.empty(), "give the rule a security-severity");
      CHECK_MESSAGE(doc.find("## Why is this bad?") != std::string::npos, "explain the risk");
    }
    if (category_of(info.id) == "security" && info.id != "security/debug-enabled" &&
        info.id != "security/url-check-disabled")
      CHECK_MESSAGE(doc.find("\n## What it cannot see\n") != std::string::npos,
                    "say what the rule cannot see under `## What it cannot see`");
  }
}

TEST_CASE("consistency: declarative rules have tests of both kinds") {
  RuleSet set = load_builtin();
  for (const DeclarativeRule* r : set.declarative()) {
    INFO(r->path());
    bool invalid = false, valid = false;
    for (const DeclarativeTest& t : r->tests()) (t.invalid ? invalid : valid) = true;
    CHECK_MESSAGE(invalid, "add tests.invalid snippets");
    CHECK_MESSAGE(valid, "add tests.valid look-alikes");
  }
}
