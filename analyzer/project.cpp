#include "analyzer/project.h"

#include <algorithm>
#include <regex>

namespace mplint {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string with_slash(std::string s) {
  s = normalize_path(s);
  if (s == ".") return "";
  if (!s.empty() && s.back() != '/') s += '/';
  return s;
}

// Reads "subpackages"/"subPackages" entries of app.json.
void read_subpackages(const JsonValue& app, const SourceText& src, std::vector<Subpackage>* out) {
  for (const char* key : {"subpackages", "subPackages"}) {
    const JsonValue* list = app.get(key);
    if (!list || !list->is_array()) continue;
    for (const JsonValue& item : list->items) {
      if (!item.is_object()) continue;
      const JsonValue* root = item.get("root");
      if (!root || !root->is_string() || root->string.empty()) continue;
      Subpackage sp;
      sp.root = with_slash(root->string[0] == '/' ? root->string.substr(1) : root->string);
      sp.root_loc = locate(src, root->range);
      if (const JsonValue* name = item.get("name"); name && name->is_string())
        sp.name = name->string;
      if (const JsonValue* ind = item.get("independent"); ind && ind->is_bool())
        sp.independent = ind->boolean;
      if (const JsonValue* pages = item.get("pages"); pages && pages->is_array())
        for (const JsonValue& p : pages->items)
          if (p.is_string()) sp.pages.push_back(normalize_path(sp.root + p.string));
      out->push_back(std::move(sp));
    }
  }
}

}  // namespace

FileKind kind_of_path(const std::string& path) {
  std::string ext = extension_of(path);
  if (ext == "js" || ext == "mjs" || ext == "cjs") return FileKind::js;
  if (ext == "ts")
    return path.size() > 5 && path.ends_with(".d.ts") ? FileKind::other : FileKind::ts;
  if (ext == "wxs") return FileKind::wxs;
  if (ext == "wxml") return FileKind::wxml;
  if (ext == "wxss") return FileKind::wxss;
  if (ext == "json") return FileKind::json;
  static const char* images[] = {"png", "jpg", "jpeg", "gif", "webp", "svg", "bmp"};
  static const char* audio[] = {"mp3", "aac", "m4a", "wav", "ogg", "flac", "amr"};
  for (const char* e : images)
    if (ext == e) return FileKind::image;
  for (const char* e : audio)
    if (ext == e) return FileKind::audio;
  return FileKind::other;
}

bool is_source_kind(FileKind k) {
  return k == FileKind::js || k == FileKind::ts || k == FileKind::wxs || k == FileKind::wxml ||
         k == FileKind::wxss || k == FileKind::json;
}

bool glob_match(std::string_view p, std::string_view s) {
  // Iterative matcher. Two backtracking points: the last '*' (may eat more of the current
  // segment) and the last '**' (may eat more whole segments, or any text when no '/' follows).
  constexpr size_t npos = std::string_view::npos;
  size_t pi = 0, si = 0, star_p = npos, star_s = 0, any_p = npos, any_s = 0;
  bool any_segments = false;
  while (si < s.size()) {
    if (pi < p.size() && p.compare(pi, 2, "**") == 0) {
      pi += 2;
      any_segments = pi < p.size() && p[pi] == '/';
      if (any_segments) ++pi;
      any_p = pi;
      any_s = si;
      star_p = npos;
      continue;
    }
    if (pi < p.size() && p[pi] == '*') {
      star_p = ++pi;
      star_s = si;
      continue;
    }
    if (pi < p.size() && (p[pi] == '?' ? s[si] != '/' : p[pi] == s[si])) {
      ++pi;
      ++si;
      continue;
    }
    if (star_p != npos && s[star_s] != '/') {
      pi = star_p;
      si = ++star_s;
      continue;
    }
    if (any_p != npos) {
      size_t next = any_segments ? s.find('/', any_s) : any_s;
      if (next == npos) return false;
      any_s = next + 1;
      pi = any_p;
      si = any_s;
      star_p = npos;
      continue;
    }
    return false;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  if (pi < p.size() && p[pi] == '/' && pi >= 2 && p.compare(pi - 2, 2, "**") == 0) ++pi;
  return pi == p.size();
}

void discover_root(const FileSystem& fs, const std::string& start, std::string* root,
                   std::string* project_dir) {
  std::string dir = fs.is_dir(start) ? start : parent_dir(start);
  std::string app_dir, cfg_dir;
  for (std::string d = dir;; d = parent_dir(d)) {
    if (app_dir.empty() && fs.is_file(join_path(d, "app.json"))) app_dir = d;
    if (cfg_dir.empty() && fs.is_file(join_path(d, "project.config.json"))) cfg_dir = d;
    if (!cfg_dir.empty() || d == "/" || d.empty() || parent_dir(d) == d) break;
  }
  std::string cfg_root;
  if (!cfg_dir.empty()) {
    cfg_root = cfg_dir;
    std::string bytes, error;
    if (fs.read(join_path(cfg_dir, "project.config.json"), &bytes, &error)) {
      SourceText src("project.config.json", std::move(bytes));
      JsonDoc doc = parse_json(src);
      const JsonValue* r = doc.has_root ? doc.root.get("miniprogramRoot") : nullptr;
      if (r && r->is_string() && !r->string.empty() && fs.is_dir(join_path(cfg_dir, r->string)))
        cfg_root = join_path(cfg_dir, r->string);
    }
  }
  // The nearest app.json wins unless project.config.json points at it (or is nearer).
  bool use_cfg = !cfg_dir.empty() &&
                 (app_dir.empty() || app_dir == cfg_root || cfg_dir.size() >= app_dir.size());
  if (use_cfg) {
    *root = cfg_root;
    *project_dir = cfg_dir;
  } else {
    *root = app_dir.empty() ? dir : app_dir;
    project_dir->clear();
  }
}

namespace {

bool has_package_file(const FileSystem& fs, const std::string& dir) {
  return fs.is_file(join_path(dir, "app.json")) ||
         fs.is_file(join_path(dir, "project.config.json"));
}

bool excluded_by(const std::vector<std::string>& excludes, const std::string& rel) {
  return std::any_of(excludes.begin(), excludes.end(), [&](const std::string& g) {
    return glob_match(g, rel) || glob_match(g, rel + "/");
  });
}

}  // namespace

PackagesBelow packages_below(const FileSystem& fs, const std::string& dir,
                             const std::vector<std::string>& excludes) {
  for (std::string d = dir;; d = parent_dir(d)) {
    if (has_package_file(fs, d)) return {};
    if (d == "/" || d.empty() || parent_dir(d) == d) break;
  }
  PackagesBelow out;
  std::vector<std::pair<std::string, int>> work = {{"", 0}};  // relative folder, depth
  while (!work.empty()) {
    auto [rel, depth] = work.back();
    work.pop_back();
    std::string abs = rel.empty() ? dir : join_path(dir, rel);
    if (!rel.empty() && has_package_file(fs, abs)) {
      out.dirs.push_back(abs);
      continue;
    }
    for (const DirEntry& e : fs.list(abs)) {
      std::string child = rel.empty() ? e.name : rel + "/" + e.name;
      if (e.name.empty() || e.name[0] == '.' || excluded_by(excludes, child)) continue;
      if (!e.is_dir)
        out.wxml_outside = out.wxml_outside || kind_of_path(e.name) == FileKind::wxml;
      else if (e.name != "node_modules" && depth < 16)
        work.push_back({child, depth + 1});
    }
  }
  std::sort(out.dirs.begin(), out.dirs.end());
  return out;
}

std::unique_ptr<Project> Project::open(const FileSystem& fs, const std::string& start,
                                       const std::vector<std::string>& extra_excludes,
                                       std::string* error, const std::string& forced_root) {
  std::unique_ptr<Project> p(new Project());
  p->fs_ = &fs;
  std::string root, project_dir;
  discover_root(fs, start, &root, &project_dir);
  if (!forced_root.empty()) root = forced_root;
  if (!project_dir.empty())
    p->project_config_ =
        p->load_json(join_path(project_dir, "project.config.json"), "project.config.json");
  if (!fs.is_dir(root)) {
    *error = root + ": not a directory";
    return nullptr;
  }
  p->root_ = root;
  p->project_dir_ = project_dir.empty() ? root : project_dir;
  if (p->project_config_) {
    // Paths are relative to the package root; project.config.json may sit above it.
    std::string rel = relative_path(root, join_path(p->project_dir_, "project.config.json"));
    p->project_config_->source = SourceText(rel, std::string(p->project_config_->source.text()));
  }
  p->excludes_ = extra_excludes;
  p->list_files(root, "", 0);
  std::sort(p->files_.begin(), p->files_.end(),
            [](const ProjectFile& a, const ProjectFile& b) { return a.path < b.path; });
  for (size_t i = 0; i < p->files_.size(); ++i) p->index_[p->files_[i].path] = i;
  p->load_json_files();
  p->read_app_structure();
  return p;
}

void Project::list_files(const std::string& dir, const std::string& rel, int depth) {
  if (depth > 64) return;
  for (const DirEntry& e : fs_->list(dir)) {
    if (e.name.empty() || e.name[0] == '.') continue;
    std::string child_rel = rel.empty() ? e.name : rel + "/" + e.name;
    if (excluded_by(excludes_, child_rel)) continue;
    if (e.is_dir) {
      if (e.name == "node_modules") continue;
      if (e.name == "miniprogram_npm") has_npm_ = true;
      list_files(join_path(dir, e.name), child_rel, depth + 1);
      continue;
    }
    ProjectFile f;
    f.path = child_rel;
    f.kind = kind_of_path(child_rel);
    f.size = e.size;
    f.linted = child_rel.find("miniprogram_npm/") == std::string::npos &&
               !starts_with(child_rel, "miniprogram_npm/");
    files_.push_back(std::move(f));
  }
}

std::unique_ptr<JsonFile> Project::load_json(const std::string& absolute,
                                             const std::string& display) {
  auto jf = std::make_unique<JsonFile>();
  std::string bytes;
  if (!fs_->read(absolute, &bytes, &jf->read_error)) bytes.clear();
  jf->source = SourceText(display, std::move(bytes));
  if (jf->read_error.empty() && !jf->source.invalid_utf8()) jf->doc = parse_json(jf->source);
  return jf;
}

void Project::load_json_files() {
  for (const ProjectFile& f : files_) {
    if (f.kind != FileKind::json || !f.linted) continue;
    json_[f.path] = load_json(join_path(root_, f.path), f.path);
  }
}

void Project::read_app_structure() {
  // Component tags are collected with or without app.json (component libraries have none).
  for (const auto& [path, jf] : json_) {
    if (!jf->doc.has_root || !jf->doc.root.is_object()) continue;
    if (const JsonValue* uc = jf->doc.root.get("usingComponents"); uc && uc->is_object())
      for (const auto& [tag, value] : uc->members) all_component_tags_.insert(tag);
  }
  const JsonValue* a = app();
  if (!a) return;
  const SourceText& src = app_json()->source;
  if (const JsonValue* pages = a->get("pages"); pages && pages->is_array())
    for (const JsonValue& p : pages->items)
      if (p.is_string()) main_pages_.push_back({normalize_path(p.string), p.range});
  read_subpackages(*a, src, &subpackages_);
}

const ProjectFile* Project::file(const std::string& rel) const {
  auto it = index_.find(rel);
  return it == index_.end() ? nullptr : &files_[it->second];
}

std::string Project::digest() const {
  std::string out = root_ + "\n" + project_dir_ + "\n" + target_lib_ + "\n";
  for (const ProjectFile& f : files_)
    out += f.path + (f.linted ? " " : " -") + std::to_string(static_cast<int>(f.kind)) + "\n";
  std::map<std::string, const JsonFile*> jsons;  // sorted: the same digest every run
  for (const auto& [path, json] : json_) jsons.emplace(path, json.get());
  for (const auto& [path, json] : jsons)
    out += path + "\n" + std::to_string(json->source.text().size()) + "\n" +
           std::string(json->source.text()) + "\n";
  if (project_config_) out += std::string(project_config_->source.text()) + "\n";
  std::string private_config, error;  // the compat rules read libVersion from it too
  if (fs_->read(join_path(project_dir_, "project.private.config.json"), &private_config, &error))
    out += private_config;
  return out;
}

std::string Project::relative(const std::string& absolute) const {
  if (absolute == root_) return "";
  std::string prefix = root_ == "/" ? "/" : root_ + "/";
  if (!starts_with(absolute, prefix)) return "";
  return absolute.substr(prefix.size());
}

const JsonFile* Project::json(const std::string& rel) const {
  auto it = json_.find(rel);
  return it == json_.end() ? nullptr : it->second.get();
}

const JsonValue* Project::app() const {
  const JsonFile* jf = app_json();
  if (!jf || !jf->doc.has_root || !jf->doc.root.is_object()) return nullptr;
  return &jf->doc.root;
}

const Subpackage* Project::package_of(const std::string& rel) const {
  const Subpackage* best = nullptr;
  for (const Subpackage& sp : subpackages_)
    if (starts_with(rel, sp.root) && (!best || sp.root.size() > best->root.size())) best = &sp;
  return best;
}

std::string Project::target_of(const std::string& from, const std::string& spec) const {
  if (!spec.empty() && spec[0] == '/') return normalize_path(spec.substr(1));
  return join_path(parent_dir(from), spec);
}

std::string Project::resolve(const std::string& from, const std::string& spec,
                             const std::vector<std::string>& suffixes) const {
  std::string target = target_of(from, spec);
  if (target == "." || starts_with(target, "../")) return "";
  for (const std::string& suffix : suffixes)
    if (exists(target + suffix)) return target + suffix;
  return "";
}

std::map<std::string, std::string> Project::components_for(const std::string& json_rel) const {
  std::map<std::string, std::string> out;
  auto add = [&](const JsonFile* jf) {
    if (!jf || !jf->doc.has_root || !jf->doc.root.is_object()) return;
    if (const JsonValue* uc = jf->doc.root.get("usingComponents"); uc && uc->is_object())
      for (const auto& [tag, value] : uc->members) out[tag] = value.is_string() ? value.string : "";
  };
  add(app_json());
  add(json(json_rel));
  return out;
}

std::set<std::string> Project::generics_for(const std::string& json_rel) const {
  std::set<std::string> out;
  const JsonFile* jf = json(json_rel);
  if (!jf || !jf->doc.has_root || !jf->doc.root.is_object()) return out;
  if (const JsonValue* g = jf->doc.root.get("componentGenerics"); g && g->is_object())
    for (const auto& [name, value] : g->members) out.insert(name);
  return out;
}

namespace {

// One packOptions.ignore entry against a lower-cased path relative to the package root.
bool pack_rule_matches(const std::string& type, std::string value, const std::string& path) {
  value = ascii_lower(value);
  while (value.rfind("./", 0) == 0) value.erase(0, 2);
  if (!value.empty() && value[0] == '/') value.erase(0, 1);
  std::string name = path.substr(path.rfind('/') + 1);
  if (type == "folder") {
    while (!value.empty() && value.back() == '/') value.pop_back();
    return !value.empty() && (path == value || path.rfind(value + "/", 0) == 0);
  }
  if (type == "file") return path == value;
  if (type == "prefix") return name.rfind(value, 0) == 0;
  if (type == "suffix")
    return name.size() >= value.size() &&
           name.compare(name.size() - value.size(), value.size(), value) == 0;
  if (type == "glob") return glob_match(value, path);
  if (type == "regexp") {
    try {
      return std::regex_search(path, std::regex(value, std::regex::icase));
    } catch (const std::regex_error&) {
      return false;  // correctness/invalid-config's business
    }
  }
  return false;
}

}  // namespace

bool Project::pack_ignored(const std::string& rel) const {
  const JsonFile* config = project_config();
  if (!config || !config->doc.has_root || !config->doc.root.is_object()) return false;
  const JsonValue* pack = config->doc.root.get("packOptions");
  const JsonValue* ignore = pack && pack->is_object() ? pack->get("ignore") : nullptr;
  if (!ignore || !ignore->is_array()) return false;
  std::string path = ascii_lower(rel);
  for (const JsonValue& entry : ignore->items) {
    const JsonValue* type = entry.is_object() ? entry.get("type") : nullptr;
    const JsonValue* value = entry.is_object() ? entry.get("value") : nullptr;
    if (type && value && type->is_string() && value->is_string() &&
        pack_rule_matches(ascii_lower(type->string), value->string, path))
      return true;
  }
  return false;
}

}  // namespace mplint
