// The project model: package root, file list, app.json structure, JSON configs and path
// resolution. Built once before files are parsed; read-only while rules run.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analyzer/file_system.h"
#include "analyzer/finding.h"
#include "analyzer/json_doc.h"
#include "analyzer/source.h"

namespace mplint {

enum class FileKind { js, ts, wxs, wxml, wxss, json, image, audio, other };
FileKind kind_of_path(const std::string& path);
bool is_source_kind(FileKind k);

struct ProjectFile {
  std::string path;  // relative to the package root
  FileKind kind = FileKind::other;
  uint64_t size = 0;
  bool linted = true;  // false for miniprogram_npm: counted for size, not linted
};

/// A JSON file of the package, parsed once and kept for every rule.
struct JsonFile {
  SourceText source;
  JsonDoc doc;
  std::string read_error;
};

struct Subpackage {
  std::string root;  // normalized, with a trailing '/' ("packageA/")
  std::string name;
  bool independent = false;
  std::vector<std::string> pages;  // full page paths ("packageA/pages/x")
  Loc root_loc;
};

struct PageEntry {
  std::string path;  // "pages/index/index"
  Range range;       // its string in app.json
};

class Project {
 public:
  /// Discovers the package root for `start` (a file or directory, absolute) and lists it.
  static std::unique_ptr<Project> open(const FileSystem& fs, const std::string& start,
                                       const std::vector<std::string>& extra_excludes,
                                       std::string* error, const std::string& forced_root = "");

  const FileSystem& fs() const { return *fs_; }
  const std::string& root() const { return root_; }  // absolute
  const std::vector<ProjectFile>& files() const { return files_; }
  bool exists(const std::string& rel) const { return index_.count(rel) > 0; }
  const ProjectFile* file(const std::string& rel) const;
  bool has_npm() const { return has_npm_; }

  /// The lowest base library to support as the user set it (--target-lib or config), or "".
  /// rules/compat falls back to project.config.json's libVersion.
  const std::string& target_lib() const { return target_lib_; }
  void set_target_lib(std::string version) { target_lib_ = std::move(version); }

  /// Whether project.config.json's `packOptions.ignore` keeps the file out of the upload
  /// (types folder, file, prefix, suffix, glob, regexp; case-insensitive; paths relative to
  /// the package root, i.e. miniprogramRoot).
  bool pack_ignored(const std::string& rel) const;

  /// Everything about the project a file's findings may depend on besides the file itself:
  /// the root, the file list, every JSON file's text, the private project config, the target.
  std::string digest() const;

  /// Relative path of an absolute path inside the root, or "" when outside.
  std::string relative(const std::string& absolute) const;

  const JsonFile* json(const std::string& rel) const;
  const JsonFile* app_json() const { return json("app.json"); }
  /// project.config.json, which may sit above the package root (miniprogramRoot).
  const JsonFile* project_config() const { return project_config_.get(); }
  /// Absolute path of project.config.json's directory (or the root when there is none).
  const std::string& project_dir() const { return project_dir_; }
  const JsonValue* app() const;  // app.json's root object, or null

  const std::vector<PageEntry>& main_pages() const { return main_pages_; }
  const std::vector<Subpackage>& subpackages() const { return subpackages_; }
  /// The subpackage a file belongs to, or null for the main package.
  const Subpackage* package_of(const std::string& rel) const;

  /// Resolves a path written in `from` (a file): relative to its directory or, when it
  /// starts with '/', to the root. Tries `suffixes` in order ("" = exactly as written).
  /// Returns "" when nothing exists.
  std::string resolve(const std::string& from, const std::string& spec,
                      const std::vector<std::string>& suffixes) const;
  /// The normalized path a spec points at, before any suffix is tried.
  std::string target_of(const std::string& from, const std::string& spec) const;

  /// Components declared for a page/component JSON file: its own usingComponents plus
  /// app.json's global ones. Maps tag name to the written path.
  std::map<std::string, std::string> components_for(const std::string& json_rel) const;
  /// Tag names declared by any usingComponents in the package (for WXML without a json).
  const std::set<std::string>& all_component_tags() const { return all_component_tags_; }
  /// Names declared in a component json's componentGenerics.
  std::set<std::string> generics_for(const std::string& json_rel) const;

 private:
  void list_files(const std::string& dir, const std::string& rel, int depth);
  void load_json_files();
  std::unique_ptr<JsonFile> load_json(const std::string& absolute, const std::string& display);
  void read_app_structure();

  const FileSystem* fs_ = nullptr;
  std::string root_;
  std::string project_dir_;
  std::unique_ptr<JsonFile> project_config_;
  std::vector<std::string> excludes_;
  std::vector<ProjectFile> files_;
  std::unordered_map<std::string, size_t> index_;
  std::unordered_map<std::string, std::unique_ptr<JsonFile>> json_;
  std::vector<PageEntry> main_pages_;
  std::vector<Subpackage> subpackages_;
  std::set<std::string> all_component_tags_;
  bool has_npm_ = false;
  std::string target_lib_;
};

/// Finds the package root for a file or directory: project.config.json's miniprogramRoot
/// (project_dir = its folder), else the nearest app.json's folder, else the folder itself.
void discover_root(const FileSystem& fs, const std::string& start, std::string* root,
                   std::string* project_dir);

/// Packages below a folder that is in none (a repository whose app lives in `src/`).
struct PackagesBelow {
  std::vector<std::string> dirs;  // absolute folders holding project.config.json or app.json
  bool wxml_outside = false;      // WXML outside them: the folder has mini-program code too
};

/// When neither `dir` nor a folder above it holds project.config.json or app.json: the
/// folders below it that do (not node_modules, dot-folders or `excludes`, globs relative to
/// `dir`; a found folder is not searched further), sorted. Otherwise, or when none, empty.
PackagesBelow packages_below(const FileSystem& fs, const std::string& dir,
                             const std::vector<std::string>& excludes);

/// Matches '/'-separated paths against a glob with `*`, `**` and `?`.
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace mplint
