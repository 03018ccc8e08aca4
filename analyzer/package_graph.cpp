#include "analyzer/package_graph.h"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <regex>
#include <unordered_map>

#include "analyzer/path_literals.h"
#include "analyzer/path_refs.h"
#include "analyzer/source.h"

namespace mplint {

namespace {

const char* const kBaseExtensions[] = {".js",   ".ts",   ".wxml", ".wxss",
                                       ".json", ".scss", ".less", ".sass"};

bool is_style_source(const std::string& path) {
  return path.ends_with(".scss") || path.ends_with(".less") || path.ends_with(".sass");
}

// A path written in app.json (relative to the root, '/' allowed), normalized.
std::string from_root(const std::string& written) {
  return normalize_path(written.starts_with("/") ? written.substr(1) : written);
}

const JsonValue* string_member(const JsonValue& object, std::string_view key) {
  const JsonValue* v = object.is_object() ? object.get(key) : nullptr;
  return v && v->is_string() && !v->string.empty() ? v : nullptr;
}

class GraphBuilder {
 public:
  GraphBuilder(const Project& project, const std::map<std::string, FileFacts>& facts,
               PackageGraph* graph)
      : project_(project), facts_(facts), graph_(graph) {
    for (const ProjectFile& f : project.files())
      for (size_t at = 0;;) {
        tails_[f.path.substr(at)].push_back(f.path);
        size_t slash = f.path.find('/', at);
        if (slash == std::string::npos) break;
        at = slash + 1;
      }
  }

  void run() {
    const JsonValue& app = *project_.app();
    walk("", main_roots(app));
    for (const JsonValue* sp : subpackage_entries(app)) {
      std::string root = from_root(string_member(*sp, "root")->string) + "/";
      walk(root, subpackage_roots(*sp, root));
    }
  }

 private:
  using Roots = std::vector<std::string>;

  Roots main_roots(const JsonValue& app) {
    Roots roots;
    for (const char* ext : kBaseExtensions) roots.push_back(std::string("app") + ext);
    for (const char* name : {"project.config.json", "project.private.config.json", "ext.json"})
      roots.push_back(name);
    const JsonValue* sitemap = string_member(app, "sitemapLocation");
    roots.push_back(sitemap ? from_root(sitemap->string) : "sitemap.json");
    const JsonValue* theme = string_member(app, "themeLocation");
    roots.push_back(theme ? from_root(theme->string) : "theme.json");
    for (const PageEntry& page : project_.main_pages()) add_base(page.path, &roots);
    if (const JsonValue* entry = string_member(app, "entryPagePath"))
      add_base(from_root(entry->string), &roots);
    const JsonValue* tab_bar = app.get("tabBar");
    if (const JsonValue* custom = tab_bar ? tab_bar->get("custom") : nullptr;
        custom && custom->is_bool() && custom->boolean)
      add_base("custom-tab-bar/index", &roots);
    if (app.get("appBar")) add_base("app-bar/index", &roots);
    add_folder(app.get("workers"), &roots);
    if (const JsonValue* f = app.get("functionalPages"); f && !(f->is_bool() && !f->boolean))
      add_folder_files("functional-pages", &roots);
    add_folder(app.get("openDataContext"), &roots);
    add_plugin_exports(app, "", &roots);
    return roots;
  }

  Roots subpackage_roots(const JsonValue& sp, const std::string& root) {
    Roots roots;
    for (const Subpackage& s : project_.subpackages())
      if (s.root == root)
        for (const std::string& page : s.pages) add_base(page, &roots);
    if (const JsonValue* entry = string_member(sp, "entry"))
      roots.push_back(normalize_path(root + entry->string));
    add_plugin_exports(sp, root, &roots);
    return roots;
  }

  std::vector<const JsonValue*> subpackage_entries(const JsonValue& app) {
    std::vector<const JsonValue*> out;
    for (const char* key : {"subpackages", "subPackages"})
      if (const JsonValue* list = app.get(key); list && list->is_array())
        for (const JsonValue& item : list->items)
          if (string_member(item, "root")) out.push_back(&item);
    return out;
  }

  // "workers": "workers" or {"path": "workers", "isSubpackage": true}; a folder whose files
  // WeChat loads by path at run time.
  void add_folder(const JsonValue* value, Roots* roots) {
    if (!value) return;
    const JsonValue* path = value->is_string() ? value : string_member(*value, "path");
    if (path && !path->string.empty()) add_folder_files(from_root(path->string), roots);
  }

  void add_folder_files(const std::string& folder, Roots* roots) {
    for (const ProjectFile& f : project_.files())
      if (f.path.starts_with(folder + "/")) roots->push_back(f.path);
  }

  // "plugins": {"name": {"export": "index.js"}}: a file the plugin may require.
  void add_plugin_exports(const JsonValue& owner, const std::string& root, Roots* roots) {
    const JsonValue* plugins = owner.get("plugins");
    if (!plugins || !plugins->is_object()) return;
    for (const auto& [name, plugin] : plugins->members)
      if (const JsonValue* e = string_member(plugin, "export"))
        roots->push_back(normalize_path(root + from_root(e->string)));
  }

  void add_base(const std::string& base, Roots* roots) const {
    for (const char* ext : kBaseExtensions) roots->push_back(base + ext);
  }

  void walk(const std::string& package, const Roots& roots) {
    std::deque<std::string> queue;
    auto visit = [&](const std::string& file, const std::string& from) {
      if (!project_.exists(file)) return;
      auto& users = graph_->users[file];
      if (users.count(package)) return;
      users[package] = from;
      queue.push_back(file);
    };
    for (const std::string& r : roots) visit(r, "app.json");
    while (!queue.empty()) {
      std::string file = queue.front();
      queue.pop_front();
      for (const std::string& to : edges(file)) visit(to, file);
    }
  }

  const std::vector<std::string>& edges(const std::string& file) {
    auto [it, fresh] = edges_.try_emplace(file);
    if (!fresh) return it->second;
    std::vector<std::string> out;
    add_siblings(file, &out);
    if (kind_of_path(file) == FileKind::json) json_edges(file, &out);
    if (is_style_source(file)) style_source_edges(file, &out);
    if (auto f = facts_.find(file); f != facts_.end()) fact_edges(f->second, &out);
    return edges_[file] = std::move(out);
  }

  // x.js and x.ts are one script (TypeScript compiles one to the other); x.wxss and the
  // x.scss/x.less it is compiled from are one style.
  static void add_siblings(const std::string& file, std::vector<std::string>* out) {
    std::string stem = stem_of(file);
    FileKind kind = kind_of_path(file);
    if (kind == FileKind::js || kind == FileKind::ts)
      for (const char* ext : {".js", ".ts"}) out->push_back(stem + ext);
    if (kind == FileKind::wxss || is_style_source(file))
      for (const char* ext : {".wxss", ".scss", ".less", ".sass"}) out->push_back(stem + ext);
  }

  void json_edges(const std::string& file, std::vector<std::string>* out) {
    const JsonFile* json = project_.json(file);
    if (!json) return;
    std::set<std::string> literals;
    collect_path_literals(json->source.text(), &literals);
    for (const std::string& token : literals) add_literal(file, token, out);
    if (!json->doc.has_root || !json->doc.root.is_object()) return;
    const JsonValue& root = json->doc.root;
    if (const JsonValue* uc = root.get("usingComponents"); uc && uc->is_object())
      for (const auto& [tag, value] : uc->members)
        if (value.is_string()) add_component(file, value.string, out);
    if (const JsonValue* g = root.get("componentGenerics"); g && g->is_object())
      for (const auto& [name, value] : g->members)
        if (const JsonValue* d = string_member(value, "default"))
          add_component(file, d->string, out);
  }

  // .scss/.less/.sass are compiled into .wxss by DevTools' compiler plugins; they are not
  // parsed, so their @import and url() paths are read from the text here.
  void style_source_edges(const std::string& file, std::vector<std::string>* out) {
    std::string text, error;
    if (!project_.fs().read(join_path(project_.root(), file), &text, &error)) return;
    std::set<std::string> literals;
    collect_path_literals(text, &literals);
    for (const std::string& token : literals) add_literal(file, token, out);
    static const std::regex kImport(R"(@import\s+(?:url\()?\s*['"]([^'"]+)['"])");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kImport);
         it != std::sregex_iterator(); ++it) {
      std::string spec = (*it)[1];
      std::string to = project_.resolve(file, spec, {"", ".wxss", ".scss", ".less", ".sass"});
      if (to.empty()) {  // a Sass partial: "vars" is _vars.scss
        std::string dir = parent_dir(spec), name = spec.substr(spec.rfind('/') + 1);
        to = project_.resolve(file, join_path(dir, "_" + name), {"", ".scss", ".sass"});
      }
      if (!to.empty()) out->push_back(to);
    }
  }

  void add_component(const std::string& json, const std::string& written,
                     std::vector<std::string>* out) const {
    std::string base = resolve_component(project_, json, written);
    if (!base.empty()) add_base(base, out);
  }

  void fact_edges(const FileFacts& f, std::vector<std::string>* out) {
    if (f.dynamic_require) graph_->dynamic_require = true;
    for (const PathRef& r : f.refs)
      if (std::string to = resolve(f.path, r); !to.empty()) out->push_back(to);
    for (const std::string& token : f.path_literals) add_literal(f.path, token, out);
  }

  // A reference as WeChat's loader (and the bundlers apps use) may read it: a script's bare
  // 'utils/util' is tried relative to the file and from the root before npm; '/x' that is not
  // at the root is tried relative to the file.
  std::string resolve(const std::string& from, const PathRef& r) const {
    PathRef ref = r;
    if (is_script_ref(r)) ref.spec = apply_resolve_alias(project_, r.spec);
    std::vector<std::string> specs{ref.spec};
    if (is_script_ref(ref) && !is_path_spec(ref.spec)) specs = {"./" + ref.spec, "/" + ref.spec};
    if (ref.spec.starts_with("/")) specs.push_back("." + ref.spec);
    for (const std::string& spec : specs) {
      ref.spec = spec;
      if (std::string to = resolve_ref(project_, from, ref); !to.empty()) return to;
    }
    return "";
  }

  // A file name without a folder ('logo.png', '../logo.png', or a comment's "index.js")
  // names a file in the folder of the one that writes it or in a folder above; a path names
  // any file whose path ends with it.
  void add_literal(const std::string& from, const std::string& token,
                   std::vector<std::string>* out) {
    if (token.find('/') == std::string::npos && token.find('*') == std::string::npos) {
      for (std::string dir = parent_dir(from);; dir = parent_dir(dir)) {
        if (std::string at = join_path(dir, token); project_.exists(at)) out->push_back(at);
        if (dir.empty() || dir == ".") return;
      }
    }
    auto [it, fresh] = literal_cache_.try_emplace(token);
    if (fresh) it->second = files_named_by(token);
    out->insert(out->end(), it->second.begin(), it->second.end());
  }

  std::vector<std::string> files_named_by(const std::string& token) const {
    if (token.find('*') == std::string::npos) {
      auto it = tails_.find(token);
      return it == tails_.end() ? std::vector<std::string>{} : it->second;
    }
    std::vector<std::string> out;
    for (const ProjectFile& f : project_.files())
      if (path_literal_matches(token, f.path)) out.push_back(f.path);
    return out;
  }

  const Project& project_;
  const std::map<std::string, FileFacts>& facts_;
  PackageGraph* graph_;
  std::unordered_map<std::string, std::vector<std::string>> tails_;  // path tail → files
  std::unordered_map<std::string, std::vector<std::string>> literal_cache_;
  std::unordered_map<std::string, std::vector<std::string>> edges_;
};

// Whether facts were extracted for every source file: a run over a few files has not.
bool facts_cover_package(const Project& project, const std::map<std::string, FileFacts>& facts) {
  return std::all_of(project.files().begin(), project.files().end(), [&](const ProjectFile& f) {
    return !f.linted || !is_source_kind(f.kind) || facts.count(f.path) > 0;
  });
}

bool uploadable_extension(const std::string& path) {
  static const char* const kTypes[] = {
      ".js",  ".ts",  ".json", ".wxml", ".wxss", ".scss", ".less", ".sass", ".wxs",
      ".png", ".jpg", ".jpeg", ".gif",  ".svg",  ".webp", ".cer",  ".mp3",  ".aac",
      ".m4a", ".mp4", ".wav",  ".ogg",  ".silk", ".wasm", ".br",   ".cert"};
  std::string lower = ascii_lower(path);
  if (lower.ends_with(".d.ts")) return false;
  return std::any_of(std::begin(kTypes), std::end(kTypes),
                     [&](const char* ext) { return lower.ends_with(ext); });
}

}  // namespace

PackageGraph build_package_graph(const Project& project,
                                 const std::map<std::string, FileFacts>& facts) {
  PackageGraph graph;
  if (!project.app() || !facts_cover_package(project, facts)) return graph;
  graph.known = true;
  GraphBuilder(project, facts, &graph).run();
  return graph;
}

bool counts_for_upload(const Project& project, const ProjectFile& file) {
  return uploadable_extension(file.path) && !project.pack_ignored(file.path);
}

bool ignores_unused_files(const Project& project) {
  const JsonFile* config = project.project_config();
  if (!config || !config->doc.has_root || !config->doc.root.is_object()) return false;
  const JsonValue* setting = config->doc.root.get("setting");
  const JsonValue* on =
      setting && setting->is_object() ? setting->get("ignoreUploadUnusedFiles") : nullptr;
  return on && on->is_bool() && on->boolean;
}

bool left_out_as_unused(const Project& project, const PackageGraph* graph,
                        const ProjectFile& file) {
  if (!graph || !graph->known || graph->reached(file.path) || !file.linted) return false;
  return ignores_unused_files(project) && file.kind != FileKind::other &&
         file.kind != FileKind::audio;
}

std::vector<PackageSize> package_sizes(const Project& project, const PackageGraph* graph) {
  std::vector<PackageSize> out(1);
  std::map<std::string, size_t> index{{"", 0}};
  for (const Subpackage& sp : project.subpackages()) {
    if (!index.emplace(sp.root, out.size()).second) continue;
    out.push_back({sp.root, sp.name, 0, 0, {}, {}});
  }
  for (const ProjectFile& f : project.files()) {
    if (!counts_for_upload(project, f) || left_out_as_unused(project, graph, f)) continue;
    const Subpackage* sp = project.package_of(f.path);
    PackageSize& size = out[index[sp ? sp->root : ""]];
    size.bytes += f.size;
    size.files++;
    size.largest.push_back(&f);
    size.members.push_back(&f);
  }
  for (PackageSize& size : out) {
    auto larger = [](const ProjectFile* a, const ProjectFile* b) {
      return a->size != b->size ? a->size > b->size : a->path < b->path;
    };
    size_t keep = std::min<size_t>(5, size.largest.size());
    std::partial_sort(size.largest.begin(), size.largest.begin() + keep, size.largest.end(),
                      larger);
    size.largest.resize(keep);
  }
  return out;
}

std::string human_size(uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  if (bytes < 1024 * 1024) return std::to_string((bytes + 512) / 1024) + " KB";
  char text[32];
  std::snprintf(text, sizeof text, "%.2f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return text;
}

}  // namespace mplint
