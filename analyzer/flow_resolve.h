// Cross-file joins of the data flow, over the facts of all files: a URL constant exported by
// a config module, a request wrapper of utils/, the functions `getApp()` exposes.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analyzer/facts.h"
#include "analyzer/flow.h"
#include "analyzer/project.h"

namespace mplint {

class FlowIndex {
 public:
  FlowIndex(const Project& project, const std::map<std::string, FileFacts>& facts)
      : project_(project), facts_(facts) {}

  /// The file a module spec written in `from` names ("<app>": app.js or app.ts), or "".
  std::string module_file(const std::string& from, const std::string& module) const;

  /// `s` with the values of other modules filled in; every part carries its file.
  FlowString resolve(const std::string& from, const FlowString& s) const;

  /// The function an imported callee names, and the file it lives in (null when unknown).
  const FlowFunction* function_of(const std::string& from, const FlowCallee& callee,
                                  std::string* file = nullptr) const;

  /// Whether an imported callee calls a network API (itself, or through the functions of
  /// other modules it calls, three steps at most).
  bool reaches_network(const std::string& from, const FlowCallee& callee, int depth = 0) const;

  /// The network calls of a file: its own (wrappers of the file included) and its calls of
  /// other modules' wrappers, with urls resolved.
  std::vector<NetworkCall> network_calls(const std::string& path) const;

 private:
  void resolve_into(const std::string& from, const FlowPart& part, int depth,
                    FlowString* out) const;
  const Project& project_;
  const std::map<std::string, FileFacts>& facts_;
};

}  // namespace mplint
