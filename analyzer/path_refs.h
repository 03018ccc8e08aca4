// Resolution of the path references in FileFacts::refs, shared by the rules that follow
// them (unresolved-import, cross-package-reference, undefined-handler).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "analyzer/facts.h"
#include "analyzer/file_system.h"
#include "analyzer/npm_paths.h"
#include "analyzer/project.h"

namespace mplint {

inline bool is_script_ref(const PathRef& r) {
  return r.kind == PathRef::Kind::require || r.kind == PathRef::Kind::es_import ||
         r.kind == PathRef::Kind::require_async;
}

/// Whether a reference names a file of the package: not a URL, not an npm package name.
inline bool is_file_ref(const PathRef& r) {
  const std::string& s = r.spec;
  if (s.empty() || s.find("{{") != std::string::npos) return false;
  if (is_script_ref(r)) return is_path_spec(s) && s.rfind("//", 0) != 0;
  if (s.rfind("//", 0) == 0) return false;
  auto colon = s.find(':');  // a scheme: http:, https:, data:, wxfile:…
  return colon == std::string::npos || s.find('/') < colon;
}

/// The suffixes WeChat tries, in order, for a reference written in file `from`.
inline std::vector<std::string> ref_suffixes(const PathRef& r, const std::string& from) {
  switch (r.kind) {
    case PathRef::Kind::wxml_import:
    case PathRef::Kind::wxml_include:
      return {"", ".wxml"};
    case PathRef::Kind::wxs_src:
      return {"", ".wxs"};
    case PathRef::Kind::css_import:
      return {"", ".wxss"};
    default:
      break;
  }
  std::vector<std::string> out = {"", ".js", ".ts", ".json", "/index.js", "/index.ts"};
  FileKind k = kind_of_path(from);
  if (k == FileKind::wxs) out.push_back(".wxs");
  if (k == FileKind::ts) out.insert(out.end(), {".d.ts", "/index.d.ts"});
  return out;
}

/// The package file a reference resolves to, or "" when none does.
inline std::string resolve_ref(const Project& p, const std::string& from, const PathRef& r) {
  std::string to = p.resolve(from, r.spec, ref_suffixes(r, from));
  // TypeScript lets `./x.js` name x.ts (the file it compiles to).
  if (to.empty() && is_script_ref(r) && kind_of_path(from) == FileKind::ts &&
      r.spec.ends_with(".js"))
    to = p.resolve(from, r.spec.substr(0, r.spec.size() - 3), {".ts"});
  // Libraries turn their JSON data into modules for WeChat (towxml's `maps/entities.json`
  // ships as `maps/entities.js`); whether the loader maps one to the other is not certain,
  // so such a pair counts as resolved rather than risk a false report.
  if (to.empty() && is_script_ref(r) && r.spec.ends_with(".json"))
    to = p.resolve(from, r.spec.substr(0, r.spec.size() - 5), {".js"});
  // WeChat DevTools' compiler plugins (`useCompilerPlugins: ["sass"]`) make x.wxss from
  // x.scss / x.less at build time: such a source counts.
  if (to.empty() && r.kind == PathRef::Kind::css_import) {
    std::string stem = r.spec.ends_with(".wxss") ? r.spec.substr(0, r.spec.size() - 5) : r.spec;
    to = p.resolve(from, stem, {".scss", ".sass", ".less"});
  }
  return to;
}

/// Whether the reference points above the package root (miniprogramRoot, or a folder
/// linted on its own), where only the disk can tell whether it exists.
inline bool points_outside(const Project& p, const std::string& from, const PathRef& r) {
  std::string target = p.target_of(from, r.spec);
  return target == ".." || target.rfind("../", 0) == 0;
}

inline bool exists_on_disk(const Project& p, const std::string& from, const PathRef& r) {
  std::string absolute = join_path(p.root(), p.target_of(from, r.spec));
  for (const std::string& suffix : ref_suffixes(r, from))
    if (p.fs().is_file(absolute + suffix)) return true;
  return false;
}

/// Applies app.json `resolveAlias` ("@/*": "/*"; the longest matching key wins).
inline std::string apply_resolve_alias(const Project& project, const std::string& spec) {
  const JsonValue* aliases = project.app() ? project.app()->get("resolveAlias") : nullptr;
  if (!aliases || !aliases->is_object()) return spec;
  size_t best = 0;
  std::string out = spec;
  for (const auto& [key, value] : aliases->members) {
    if (!value.is_string() || !key.ends_with("/*") || !value.string.ends_with("*")) continue;
    std::string prefix = key.substr(0, key.size() - 1);
    if (!spec.starts_with(prefix) || prefix.size() <= best) continue;
    best = prefix.size();
    std::string target = value.string.substr(0, value.string.size() - 1);
    if (target.starts_with("/")) target.erase(0, 1);
    out = "/" + target + spec.substr(prefix.size());
  }
  return out;
}

/// The package path (without extension) of the component a usingComponents or
/// componentGenerics value of `json_rel` names: relative to the file, from the root (also
/// for bare paths), through resolveAlias and `miniprogram_npm`. "" for plugin components
/// and when nothing is there.
inline std::string resolve_component(const Project& p, const std::string& json_rel,
                                     const std::string& written) {
  if (written.empty() || written.starts_with("plugin://") ||
      written.starts_with("plugin-private://"))
    return "";
  std::string spec = apply_resolve_alias(p, written);
  std::vector<std::string> targets{p.target_of(json_rel, spec)};
  if (!is_path_spec(spec)) targets.push_back(normalize_path(spec));
  for (const std::string& t : targets)
    for (const std::string& base : {t, t + "/index"})
      for (const char* ext : {".json", ".wxml", ".js", ".ts"})
        if (p.exists(base + ext)) return base;
  std::string rest = is_path_spec(spec) ? after_miniprogram_npm(spec) : spec;
  if (rest.empty()) return "";
  std::string json = resolve_in_miniprogram_npm(p, json_rel, rest, {".json", "/index.json"});
  return json.empty() ? "" : json.substr(0, json.size() - 5);
}

/// For each WXML file, the WXML files that import or include it (resolved refs).
inline std::map<std::string, std::vector<std::string>> wxml_reached_by(
    const Project& p, const std::map<std::string, FileFacts>& facts) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& [path, f] : facts)
    for (const PathRef& r : f.refs)
      if (r.kind == PathRef::Kind::wxml_import || r.kind == PathRef::Kind::wxml_include)
        if (std::string to = resolve_ref(p, path, r); !to.empty()) out[to].push_back(path);
  return out;
}

/// A WXML file and the WXML files it links to, transitively, each once, the start first.
struct LinkedWxml {
  std::vector<std::string> files;
  /// False when a link does not resolve or a file met is missing or unparsed: what the
  /// files hold is then not all the page shows.
  bool complete = true;
};

/// Follows `<include>` (the included file shares the page's data) and, when `with_imports`,
/// `<import>` too (the imported file lends its templates) from `wxml`.
inline LinkedWxml linked_wxml(const Project& p, const std::map<std::string, FileFacts>& facts,
                              const std::string& wxml, bool with_imports) {
  LinkedWxml out;
  std::vector<std::string> work = {wxml};
  std::set<std::string> seen;
  while (!work.empty()) {
    std::string w = work.back();
    work.pop_back();
    if (!seen.insert(w).second) continue;
    auto it = facts.find(w);
    if (it == facts.end() || !it->second.parsed) {
      out.complete = false;
      if (it == facts.end()) continue;
    }
    out.files.push_back(w);
    for (const PathRef& r : it->second.refs) {
      bool follow = r.kind == PathRef::Kind::wxml_include ||
                    (with_imports && r.kind == PathRef::Kind::wxml_import);
      if (!follow) continue;
      std::string to = resolve_ref(p, w, r);
      if (to.empty())
        out.complete = false;
      else
        work.push_back(to);
    }
  }
  return out;
}

}  // namespace mplint
