// What the package reaches from app.json, and what each package uploads. One truth for the
// rules that ask which files are used and by which package (unused-file,
// main-package-only-used-by-subpackage) and how big each package is (package-size).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analyzer/facts.h"
#include "analyzer/project.h"

namespace mplint {

/// The reachability graph of a package from app.json: pages of the main package and of each
/// subpackage, the components their JSON declares (recursively, componentGenerics defaults
/// too), WXML import/include/wxs, WXSS @import, script require/import/require.async (through
/// resolveAlias and miniprogram_npm), and every path string that names a file (images in
/// WXML, url() in WXSS, '/images/a.png' in JS, tabBar icons). Files app.json itself names
/// (sitemap, theme, workers, custom tab bar, plugin export files) are entry points too.
struct PackageGraph {
  /// Whether the graph says anything: app.json parses, and facts cover every source file (a
  /// run over a few files has not read the rest).
  bool known = false;
  /// A reached script requires a path computed from nothing literal: any script may be used.
  bool dynamic_require = false;
  /// For each reached file: the packages that reach it ("" is the main package, otherwise a
  /// subpackage root such as "packageA/"), each with a file of that package that does.
  std::map<std::string, std::map<std::string, std::string>> users;

  bool reached(const std::string& rel) const { return users.count(rel) > 0; }
};

PackageGraph build_package_graph(const Project& project,
                                 const std::map<std::string, FileFacts>& facts);

/// Whether a file of the package is uploaded and counted for its size: WeChat uploads code
/// (.js/.ts, .json, .wxml, .wxss and the Sass/Less it is compiled from, .wxs) and the
/// whitelisted asset types; not what packOptions.ignore leaves out.
bool counts_for_upload(const Project& project, const ProjectFile& file);

struct PackageSize {
  std::string root;  // "" for the main package, else the subpackage root ("packageA/")
  std::string name;  // the subpackage's name, or ""
  uint64_t bytes = 0;
  size_t files = 0;
  std::vector<const ProjectFile*> largest;  // the five largest files, largest first
  std::vector<const ProjectFile*> members;  // every file counted, in path order
};

/// Whether project.config.json sets `setting.ignoreUploadUnusedFiles`: DevTools then leaves
/// files nothing references out of the upload.
bool ignores_unused_files(const Project& project);

/// Whether a file is left out of the upload as unused: ignoreUploadUnusedFiles is set and the
/// graph (when given and known) does not reach it.
bool left_out_as_unused(const Project& project, const PackageGraph* graph, const ProjectFile& file);

/// The size of the main package and of each subpackage (in app.json order), as uploaded.
/// With a known graph and ignoreUploadUnusedFiles, files it does not reach are not counted.
std::vector<PackageSize> package_sizes(const Project& project, const PackageGraph* graph = nullptr);

/// "512 B", "37 KB", "2.31 MB" (1 KB = 1024 bytes).
std::string human_size(uint64_t bytes);

}  // namespace mplint
