// Which files of a package run on the user's device. Not: cloud functions (the folder that
// project.config.json's `cloudfunctionRoot` names, or one called `cloudfunctions`) and
// Node server code kept beside the app (a file that requires `express`, `wx-server-sdk`,
// `fs`, …), which run on servers where secrets and session keys belong; nor tests
// (`*.test.js`, `*.spec.ts`, `__tests__/`), which are not shipped.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "analyzer/file_system.h"
#include "analyzer/rule.h"

namespace mplint::rules {

inline bool in_cloud_function_root(const Project& project, const std::string& path) {
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

inline bool is_server_or_test_path(const Project& project, const std::string& path) {
  std::string slashed = "/" + path;
  for (std::string_view dir :
       {"/cloudfunctions/", "/cloudfunction/", "/cloud-functions/", "/__tests__/", "/__mocks__/"})
    if (slashed.find(dir) != std::string::npos) return true;
  for (std::string_view part : {".test.", ".spec."})
    if (path.find(part) != std::string::npos) return true;
  return in_cloud_function_root(project, path);
}

// Modules only a server (Node) script loads.
inline bool is_server_module(std::string_view name) {
  static const std::set<std::string_view> kModules = {"express",
                                                      "koa",
                                                      "koa-router",
                                                      "@koa/router",
                                                      "egg",
                                                      "fastify",
                                                      "http",
                                                      "https",
                                                      "fs",
                                                      "child_process",
                                                      "crypto",
                                                      "net",
                                                      "mysql",
                                                      "mysql2",
                                                      "mongoose",
                                                      "mongodb",
                                                      "sequelize",
                                                      "redis",
                                                      "ioredis",
                                                      "wx-server-sdk",
                                                      "tcb-admin-node",
                                                      "@cloudbase/node-sdk",
                                                      "node:fs",
                                                      "node:http",
                                                      "node:crypto"};
  return kModules.count(name) > 0;
}

// The module a top-level `require('m')` / `import … from 'm'` statement names, or "".
inline std::string_view required_module(Node statement) {
  if (statement.type() == "import_statement") {
    Node source = statement.field("source");
    return source ? source.text().substr(1, source.text().size() - 2) : std::string_view();
  }
  std::string_view text = statement.text().substr(0, 200);
  size_t at = text.find("require(");
  if (at == std::string_view::npos || at + 10 > text.size()) return {};
  char quote = text[at + 8];
  if (quote != '\'' && quote != '"') return {};
  size_t end = text.find(quote, at + 9);
  return end == std::string_view::npos ? std::string_view() : text.substr(at + 9, end - at - 9);
}

inline bool is_server_script(const SyntaxTree& tree) {
  for (Node statement : tree.root().named_children())
    if (is_server_module(required_module(statement))) return true;
  return false;
}

/// Whether the file being checked runs in the mini-program on the user's device.
inline bool runs_on_client(const FileContext& ctx) {
  if (is_server_or_test_path(ctx.project, ctx.file.path)) return false;
  return !ctx.file.script || !is_server_script(*ctx.file.script);
}

}  // namespace mplint::rules
