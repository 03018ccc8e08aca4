// performance/setdata-unused-key: a top-level key a page or component puts in `data` or
// passes to setData that its WXML (with the files it includes) never reads. The keys and the
// reads are per-file facts (analyzer/page_data.h); this joins a script with its WXML.
#include <map>
#include <regex>

#include "analyzer/path_refs.h"
#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

// The WXML a page or component renders: its own file and what it includes, transitively.
struct Rendered {
  std::vector<std::string> files;
  std::set<std::string> reads;
  std::set<std::string> template_reads;  // by the bodies of the templates it defines or imports
  std::string pure_pattern;              // the pureDataPattern of its JSON
};

// False when some file is missing or reads what cannot be followed, or an `<import>` or
// `<include>` resolves to no file: then nothing is known about what the page reads.
bool rendered_by(const ProjectContext& ctx, const std::string& script, Rendered* out) {
  LinkedWxml page = linked_wxml(ctx.project, ctx.facts, stem_of(script) + ".wxml", false);
  if (!page.complete) return false;
  for (const std::string& w : page.files) {
    const FileFacts& f = *ctx.facts_of(w);
    if (!f.wxml_reads.unfollowable.empty()) return false;
    out->files.push_back(w);
    out->reads.insert(f.wxml_reads.roots.begin(), f.wxml_reads.roots.end());
    out->template_reads.insert(f.wxml_reads.template_roots.begin(),
                               f.wxml_reads.template_roots.end());
    // Imported files lend templates, whose bodies read only the data passed to them.
    for (const PathRef& r : f.refs) {
      if (r.kind != PathRef::Kind::wxml_import) continue;
      std::string to = resolve_ref(ctx.project, w, r);
      const FileFacts* target = to.empty() ? nullptr : ctx.facts_of(to);
      if (!target) return false;
      const std::set<std::string>& t = target->wxml_reads.template_roots;
      out->template_reads.insert(t.begin(), t.end());
    }
  }
  return true;
}

// Whether `key` matches a pureDataPattern (an unreadable pattern matches every key).
bool matches(const std::string& pattern, const std::string& flags, const std::string& key) {
  if (pattern.empty()) return false;
  try {
    auto options = std::regex::ECMAScript;
    if (flags.find('i') != std::string::npos) options |= std::regex::icase;
    return std::regex_search(key, std::regex(pattern, options));
  } catch (const std::regex_error&) {
    return true;
  }
}

// `"pureDataPattern": "^_"` in the page's or component's JSON (base library 2.10.1+); false
// when it is there but not a string.
bool json_pattern(const ProjectContext& ctx, const std::string& script, std::string* out) {
  const JsonFile* json = ctx.project.json(script.substr(0, script.rfind('.')) + ".json");
  if (!json || !json->doc.has_root || !json->doc.root.is_object()) return true;
  const JsonValue* v = json->doc.root.get("pureDataPattern");
  if (!v) return true;
  *out = v->string;
  return v->is_string();
}

std::string files_phrase(const Rendered& r) {
  std::string out = "`" + r.files.front() + "`";
  if (r.files.size() == 2) out += " (nor `" + r.files[1] + "`, which it includes)";
  if (r.files.size() > 2)
    out += " (nor the " + std::to_string(r.files.size() - 1) + " files it includes)";
  return out;
}

std::string message(const std::string& key, const PageData& d, const Rendered& r) {
  std::string out = "data key `" + key + "` is never read by " + files_phrase(r);
  if (r.template_reads.count(key))
    return out + ": the only `{{" + key +
           "}}` bindings are inside `<template name>` definitions, which see only what a "
           "`<template is data=\"{{…}}\">` passes, and no `data` passes the page's `" +
           key + "`; pass it if the template should show it, else keep it on `this`";
  out +=
      ": every setData of it is copied to the view layer for nothing; keep what the view "
      "does not render on `this` (`this." +
      key + " = …`)";
  if (d.kind == PageData::Kind::component)
    out += ", or mark it pure data (`options.pureDataPattern`)";
  return out;
}

class SetdataUnusedKey : public Rule {
 public:
  RuleInfo info() const override {
    return {"performance/setdata-unused-key", Severity::note,
            "A key in `data` or passed to `setData` that the page's or component's WXML never "
            "reads: it is sent to the view layer for nothing; keep it on `this`.",
            "high"};
  }

  void check_project(ProjectContext& ctx) const override {
    for (const auto& [script, f] : ctx.facts) {
      const PageData& d = f.flow.page_data;
      if (d.kind == PageData::Kind::none || !d.unjudged.empty() || d.keys.empty()) continue;
      Rendered r;
      std::string json_pure;
      if (!json_pattern(ctx, script, &json_pure) || !rendered_by(ctx, script, &r)) continue;
      check(ctx, script, d, r, json_pure);
    }
  }

 private:
  static void check(ProjectContext& ctx, const std::string& script, const PageData& d,
                    const Rendered& r, const std::string& json_pure) {
    std::map<std::string, std::pair<const DataKey*, const DataKey*>> places;  // data, setData
    std::vector<std::string> order;
    for (const DataKey& k : d.keys) {
      auto [it, added] = places.try_emplace(k.key);
      if (added) order.push_back(k.key);
      (k.declared ? it->second.first : it->second.second) = &k;
    }
    for (const std::string& key : order) {
      if (r.reads.count(key) || d.properties.count(key) || d.observed.count(key) ||
          matches(d.pure_pattern, d.pure_flags, key) || matches(json_pure, "", key))
        continue;
      auto [declared, set] = places[key];
      std::vector<RelatedLocation> related;
      if (declared && set) related.push_back({script, set->at, "set here"});
      ctx.report(script, (declared ? declared : set)->at, message(key, d, r), std::move(related));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_setdata_unused_key() { return std::make_unique<SetdataUnusedKey>(); }

}  // namespace mplint::rules
