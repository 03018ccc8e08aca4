// Which files of a package run on the user's device. Cloud functions (the folder that
// project.config.json's `cloudfunctionRoot` names, or one called `cloudfunctions`) run on
// WeChat's servers: secrets and session keys are at home there.
#pragma once

#include <string>
#include <string_view>

#include "analyzer/file_system.h"
#include "analyzer/project.h"

namespace mplint::rules {

inline bool is_cloud_function_file(const Project& project, const std::string& path) {
  std::string slashed = "/" + path;
  for (std::string_view dir : {"/cloudfunctions/", "/cloudfunction/", "/cloud-functions/"})
    if (slashed.find(dir) != std::string::npos) return true;
  const JsonFile* config = project.project_config();
  if (!config || !config->doc.has_root || !config->doc.root.is_object()) return false;
  const JsonValue* root = config->doc.root.get("cloudfunctionRoot");
  if (!root || !root->is_string() || root->string.empty()) return false;
  std::string rel =
      project.relative(normalize_path(join_path(project.project_dir(), root->string)));
  if (rel.empty()) return false;  // outside the package, or the package itself
  if (!rel.ends_with("/")) rel += "/";
  return path.starts_with(rel);
}

}  // namespace mplint::rules
