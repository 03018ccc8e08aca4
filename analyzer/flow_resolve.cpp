#include "analyzer/flow_resolve.h"

namespace mplint {

namespace {

constexpr int kMaxDepth = 4;

}  // namespace

std::string FlowIndex::module_file(const std::string& from, const std::string& module) const {
  if (module == "<app>") {
    for (const char* app : {"app.js", "app.ts"})
      if (facts_.count(app)) return app;
    return "";
  }
  if (!is_path_spec(module)) return "";
  std::string to = project_.resolve(from, module, {"", ".js", ".ts", "/index.js", "/index.ts"});
  if (to.empty() && module.ends_with(".js"))
    to = project_.resolve(from, module.substr(0, module.size() - 3), {".ts"});
  return to;
}

FlowString FlowIndex::resolve(const std::string& from, const FlowString& s) const {
  FlowString out;
  for (const FlowPart& p : s.parts) resolve_into(from, p, 0, &out);
  return out;
}

void FlowIndex::resolve_into(const std::string& from, const FlowPart& part, int depth,
                             FlowString* out) const {
  FlowPart here = part;
  if (here.path.empty()) here.path = from;
  if (part.kind != FlowPart::Kind::ref || depth > kMaxDepth) {
    if (here.kind == FlowPart::Kind::ref) here.kind = FlowPart::Kind::unknown;
    out->parts.push_back(here);
    return;
  }
  std::string file = module_file(from, part.module);
  const FlowString* value = nullptr;
  if (auto f = facts_.find(file); f != facts_.end()) {
    auto it = f->second.flow.exports.find(part.text);
    if (it != f->second.flow.exports.end()) value = &it->second;
  }
  if (!value) {
    here.kind = FlowPart::Kind::unknown;
    out->parts.push_back(here);
    return;
  }
  for (const FlowPart& p : value->parts) resolve_into(file, p, depth + 1, out);
}

const FlowFunction* FlowIndex::function_of(const std::string& from, const FlowCallee& callee,
                                           std::string* file) const {
  std::string path = module_file(from, callee.module);
  auto f = facts_.find(path);
  if (f == facts_.end()) return nullptr;
  for (const FlowFunction& fn : f->second.flow.functions)
    if (fn.exported && fn.name == callee.name) {
      if (file) *file = path;
      return &fn;
    }
  return nullptr;
}

bool FlowIndex::reaches_network(const std::string& from, const FlowCallee& callee,
                                int depth) const {
  std::string file;
  const FlowFunction* fn = function_of(from, callee, &file);
  if (!fn) return false;
  if (fn->network) return true;
  if (depth >= 2) return false;
  for (const FlowCallee& c : fn->calls)
    if (reaches_network(file, c, depth + 1)) return true;
  return false;
}

std::vector<NetworkCall> FlowIndex::network_calls(const std::string& path) const {
  std::vector<NetworkCall> out;
  auto f = facts_.find(path);
  if (f == facts_.end()) return out;
  const ScriptFlow& flow = f->second.flow;
  for (const NetworkCall& c : flow.network_calls)
    out.push_back({c.api, resolve(path, c.url), c.at});
  for (const ImportedCall& c : flow.imported_calls) {
    std::string file;
    const FlowFunction* fn = function_of(path, c.callee, &file);
    if (!fn || fn->url_param < 0 || static_cast<size_t>(fn->url_param) >= c.args.size()) continue;
    const FlowString& arg =
        fn->url_param_path.empty() ? c.args[fn->url_param] : c.url_args[fn->url_param];
    // The argument's parts belong to the calling file, the template's to the wrapper's:
    // resolve the argument here first, then the wrapper's url with it in place there.
    FlowString url = resolve(file, substitute_wrapper_url(*fn, resolve(path, arg)));
    out.push_back({fn->api, url, c.at});
  }
  return out;
}

}  // namespace mplint
