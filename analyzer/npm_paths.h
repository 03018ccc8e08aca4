// npm in a mini-program: `miniprogram_npm/<package>` is built by WeChat DevTools from
// node_modules (Tools → Build npm) and is usually not committed. WeChat's loader looks a
// module up in `miniprogram_npm` of the requiring folder and of each parent up to the root.
// Shared by unresolved-import and unresolved-component.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "analyzer/file_system.h"
#include "analyzer/project.h"

namespace mplint {

/// "@vant/weapp/button/index" → "@vant/weapp"; "dayjs/plugin/x" → "dayjs".
inline std::string npm_package_name(const std::string& rest) {
  size_t slash = rest.find('/');
  if (!rest.empty() && rest[0] == '@' && slash != std::string::npos)
    slash = rest.find('/', slash + 1);
  return rest.substr(0, slash);
}

/// The part of a path after its last `miniprogram_npm/` segment, or "" when it has none.
inline std::string after_miniprogram_npm(const std::string& spec) {
  static const std::string kDir = "miniprogram_npm/";
  size_t at = spec.rfind(kDir);
  if (at == std::string::npos || (at > 0 && spec[at - 1] != '/')) return "";
  return spec.substr(at + kDir.size());
}

/// The `dependencies` of the package.json beside the root, above it or in the project folder
/// (Build npm packs those, not devDependencies: build tools such as gulp are not for WeChat).
inline std::set<std::string> declared_npm_packages(const Project& p) {
  std::set<std::string> out;
  for (const std::string& dir : {p.root(), parent_dir(p.root()), p.project_dir()}) {
    std::string text, error;
    if (dir.empty() || !p.fs().read(join_path(dir, "package.json"), &text, &error)) continue;
    nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    if (!doc.is_object()) continue;
    if (auto it = doc.find("dependencies"); it != doc.end() && it->is_object())
      for (const auto& [name, version] : it->items()) out.insert(name);
  }
  return out;
}

/// Resolves `rest` (a package path) in `miniprogram_npm` of the folder of `from` and of each
/// parent up to the root, trying `suffixes`; "" when none has it.
inline std::string resolve_in_miniprogram_npm(const Project& p, const std::string& from,
                                              const std::string& rest,
                                              const std::vector<std::string>& suffixes) {
  std::string dir = parent_dir(from);
  for (;;) {
    std::string base = join_path(dir, "miniprogram_npm/" + rest);
    for (const std::string& suffix : suffixes)
      if (p.exists(base + suffix)) return base + suffix;
    if (dir.empty() || dir == ".") return "";
    dir = parent_dir(dir);
  }
}

/// Whether a `miniprogram_npm` folder of `from`'s folder or a parent holds package `name`.
inline bool npm_package_built(const Project& p, const std::string& from, const std::string& name) {
  std::string dir = parent_dir(from);
  for (;;) {
    if (p.fs().is_dir(join_path(p.root(), join_path(dir, "miniprogram_npm/" + name)))) return true;
    if (dir.empty() || dir == ".") return false;
    dir = parent_dir(dir);
  }
}

/// A reference into npm that fails only because npm has not been built: it names (through a
/// `miniprogram_npm/` path, or bare) a package that package.json declares and that no
/// `miniprogram_npm` folder holds.
inline bool npm_not_built(const Project& p, const std::set<std::string>& declared,
                          const std::string& from, const std::string& rest) {
  std::string name = npm_package_name(rest);
  return !name.empty() && declared.count(name) && !npm_package_built(p, from, name);
}

}  // namespace mplint
