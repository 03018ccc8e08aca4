#include "analyzer/lsp.h"

#include <csignal>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>

#include "analyzer/cli_support.h"
#include "analyzer/lsp_transport.h"
#include "analyzer/runner.h"

namespace mplint {

namespace {

using json = nlohmann::json;
using lsp::Transport;

// JSON-RPC and LSP error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;
constexpr int kServerNotInitialized = -32002;

class RequestError : public std::runtime_error {
 public:
  RequestError(int code, const std::string& message) : std::runtime_error(message), code(code) {}
  int code;
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "file:///a/%E9%A6%96.wxml" → "/a/首.wxml"; "" for other schemes.
std::string path_of_uri(const std::string& uri) {
  if (uri.rfind("file://", 0) != 0) return "";
  std::string rest = uri.substr(7), out;
  if (!rest.empty() && rest[0] != '/') rest.erase(0, std::min(rest.size(), rest.find('/')));
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size() && hex_value(rest[i + 1]) >= 0 &&
        hex_value(rest[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(rest[i + 1]) * 16 + hex_value(rest[i + 2]));
      i += 2;
    } else {
      out += rest[i];
    }
  }
  return normalize_path(out);
}

std::string uri_of_path(const std::string& path) { return "file://" + uri_path(path); }

json position(const Position& p) {
  return {{"line", p.line > 0 ? p.line - 1 : 0}, {"character", p.column > 0 ? p.column - 1 : 0}};
}

json range_of(const Loc& loc) {
  return {{"start", position(loc.begin)}, {"end", position(loc.end)}};
}

const json& field(const json& object, const char* key) {
  static const json null;
  if (!object.is_object() || !object.contains(key)) return null;
  return object[key];
}

std::string string_field(const json& object, const char* key) {
  const json& v = field(object, key);
  if (!v.is_string()) throw RequestError(kInvalidParams, std::string("`") + key + "` is missing");
  return v.get<std::string>();
}

struct Document {
  std::string uri;
  std::string path;  // absolute
  int version = 0;
};

// A package with open documents: its model, config and rules stay between edits.
struct Package {
  std::string root;
  std::unique_ptr<Project> project;  // null: to be (re)opened
  std::unique_ptr<cli::LoadedRules> rules;
  Config config;
  std::string config_text;  // what `config` was read from: a change on disk is seen too
  RunOptions run;
  OutcomeCache cache;
  bool config_stale = true;
  std::map<std::string, std::vector<Finding>> findings;  // by absolute path, last lint
};

class Server {
 public:
  explicit Server(Transport& transport) : transport_(transport), overlay_(disk_) {}

  // Returns the exit code once `exit` arrives or the input ends.
  int serve() {
    for (;;) {
      json message;
      std::string error;
      Transport::Read got = transport_.read(&message, &error);
      if (got == Transport::Read::eof) return shutdown_ ? 0 : 1;
      if (got == Transport::Read::malformed)
        respond_error(nullptr, kParseError, error);
      else if (handle(message))
        return shutdown_ ? 0 : 1;
      if (!transport_.pending()) lint_dirty();
    }
  }

 private:
  // Returns true on `exit`.
  bool handle(const json& message) {
    if (!message.is_object() || !message.contains("method") || !message["method"].is_string()) {
      // A response to a request of ours, or nonsense: only nonsense with an id is answered.
      if (message.is_object() && message.contains("id") && !message.contains("result") &&
          !message.contains("error"))
        respond_error(message["id"], kInvalidRequest, "a request needs a method");
      else if (!message.is_object())
        respond_error(nullptr, kInvalidRequest, "a message must be a JSON object");
      return false;
    }
    std::string method = message["method"];
    bool request = message.contains("id");
    json id = request ? message["id"] : json();
    const json& params = field(message, "params");
    if (method == "exit") return true;
    try {
      if (request) {
        json result = answer(method, params);
        transport_.write({{"jsonrpc", "2.0"}, {"id", id}, {"result", result}});
      } else {
        notify(method, params);
      }
    } catch (const RequestError& e) {
      if (request) respond_error(id, e.code, e.what());
    } catch (const std::exception& e) {
      if (request)
        respond_error(id, kInternalError, e.what());
      else
        show_message(1, std::string("mplint: ") + e.what());
    }
    return false;
  }

  json answer(const std::string& method, const json& params) {
    if (method == "initialize") {
      initialized_ = true;
      return initialize_result();
    }
    if (!initialized_) throw RequestError(kServerNotInitialized, "initialize first");
    if (shutdown_) throw RequestError(kInvalidRequest, "the server is shutting down");
    if (method == "shutdown") {
      shutdown_ = true;
      return nullptr;
    }
    if (method == "textDocument/codeAction") return code_actions(params);
    throw RequestError(kMethodNotFound, "unknown method " + method);
  }

  void notify(const std::string& method, const json& params) {
    if (!initialized_ || shutdown_) return;
    const json& doc = field(params, "textDocument");
    if (method == "textDocument/didOpen")
      open(string_field(doc, "uri"), string_field(doc, "text"), field(doc, "version"));
    else if (method == "textDocument/didChange")
      change(string_field(doc, "uri"), field(params, "contentChanges"), field(doc, "version"));
    else if (method == "textDocument/didSave")
      saved(string_field(doc, "uri"));
    else if (method == "textDocument/didClose")
      close(string_field(doc, "uri"));
    else if (method == "workspace/didChangeWatchedFiles")
      files_changed(field(params, "changes"));
    // Other notifications ($/cancelRequest, $/setTrace, ...) need nothing.
  }

  json initialize_result() {
    json sync = {{"openClose", true}, {"change", 1}, {"save", {{"includeText", false}}}};
    return {{"capabilities",
             {{"positionEncoding", "utf-16"},
              {"textDocumentSync", sync},
              {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}}}},
            {"serverInfo", {{"name", "mplint"}, {"version", MPLINT_VERSION}}}};
  }

  // --- documents ----------------------------------------------------------------------

  void open(const std::string& uri, const std::string& text, const json& version) {
    std::string path = path_of_uri(uri);
    if (path.empty()) return;  // untitled: buffers or other schemes have no package
    docs_[uri] = {uri, path, version.is_number_integer() ? version.get<int>() : 0};
    overlay_.set(path, text);
    Package& pkg = package_for(path);
    std::string rel = pkg.project ? pkg.project->relative(path) : "";
    if (pkg.project && (rel.empty() || !pkg.project->exists(rel))) reopen(pkg);  // a new file
    touched(path, pkg);
  }

  void change(const std::string& uri, const json& changes, const json& version) {
    auto it = docs_.find(uri);
    if (it == docs_.end() || !changes.is_array() || changes.empty()) return;
    // Full sync: the last change holds the whole text.
    const json& last = changes.back();
    if (!last.is_object() || !last.contains("text") || !last["text"].is_string())
      throw RequestError(kInvalidParams, "contentChanges without text");
    if (last.contains("range")) throw RequestError(kInvalidParams, "only full sync is supported");
    if (version.is_number_integer()) it->second.version = version.get<int>();
    overlay_.set(it->second.path, last["text"].get<std::string>());
    touched(it->second.path, package_for(it->second.path));
  }

  void saved(const std::string& uri) {
    auto it = docs_.find(uri);
    if (it != docs_.end()) touched(it->second.path, package_for(it->second.path));
  }

  void close(const std::string& uri) {
    auto it = docs_.find(uri);
    if (it == docs_.end()) return;
    std::string path = it->second.path;
    docs_.erase(it);
    overlay_.erase(path);  // the file on disk is the truth again
    publish(uri, 0, json::array(), false);
    Package& pkg = package_for(path);
    pkg.findings.erase(path);
    touched(path, pkg);
  }

  void files_changed(const json& changes) {
    if (!changes.is_array()) return;
    for (const json& c : changes) {
      std::string path = c.is_object() && c.contains("uri") && c["uri"].is_string()
                             ? path_of_uri(c["uri"].get<std::string>())
                             : "";
      if (path.empty()) continue;
      for (auto& [root, pkg] : packages_)
        if (path == root || path.rfind(root + "/", 0) == 0 || is_config(path)) {
          reopen(pkg);
          if (is_config(path)) pkg.config_stale = true;
          dirty_.insert(root);
        }
    }
  }

  static bool is_config(const std::string& path) {
    return path.size() >= 11 && path.compare(path.size() - 11, 11, ".mplint.yml") == 0;
  }

  // What an edit of `path` makes stale: a config reconfigures every package; a JSON file or
  // a file the model does not list reopens the package's model; anything else only relints.
  void touched(const std::string& path, Package& pkg) {
    if (is_config(path)) {
      for (auto& [root, p] : packages_) {
        p.config_stale = true;
        reopen(p);
        dirty_.insert(root);
      }
      return;
    }
    if (pkg.project && kind_of_path(path) == FileKind::json) reopen(pkg);
    dirty_.insert(pkg.root);
  }

  void reopen(Package& pkg) {
    pkg.project.reset();
    pkg.cache.clear();
  }

  Package& package_for(const std::string& path) {
    std::string root = find_package_root(overlay_, path);
    Package& pkg = packages_[root];
    pkg.root = root;
    return pkg;
  }

  // --- linting ------------------------------------------------------------------------

  void lint_dirty() {
    std::set<std::string> roots;
    roots.swap(dirty_);
    for (const std::string& root : roots) {
      auto it = packages_.find(root);
      if (it != packages_.end()) lint(it->second);
    }
  }

  // Reads the package's config again when its text changed (in the editor or on disk: not
  // every client reports changed files).
  void configure(Package& pkg) {
    std::string path = find_config(overlay_, pkg.root), text, error;
    if (!path.empty() && !overlay_.read(path, &text, &error)) text.clear();
    text = path + '\n' + text;
    if (!pkg.config_stale && pkg.rules && text == pkg.config_text) return;
    if (text != pkg.config_text) pkg.project.reset();  // excludes and root may differ
    pkg.config_stale = false;
    pkg.config_text = text;
    try {
      pkg.config = cli::read_config_for(overlay_, "", pkg.root);
      pkg.rules = std::make_unique<cli::LoadedRules>(cli::select_rules(pkg.config));
    } catch (const std::exception& e) {
      // A broken config (half-typed) keeps the defaults until it is fixed.
      show_message(1, std::string("mplint: ") + e.what());
      pkg.config = Config{};
      pkg.rules = std::make_unique<cli::LoadedRules>(cli::select_rules(pkg.config));
    }
    pkg.run = cli::run_options(*pkg.rules, pkg.config);
    pkg.run.cwd = pkg.root;
    pkg.run.jobs = std::max(1u, std::thread::hardware_concurrency());
    pkg.run.cache = &pkg.cache;
    pkg.cache.clear();
  }

  void lint(Package& pkg) {
    std::vector<const Document*> open_docs;
    for (const auto& [uri, doc] : docs_)
      if (find_package_root(overlay_, doc.path) == pkg.root) open_docs.push_back(&doc);
    if (open_docs.empty()) {
      std::string root = pkg.root;
      packages_.erase(root);  // nothing open: drop the model
      return;
    }
    configure(pkg);
    if (!pkg.project) {
      std::string error;
      pkg.project =
          Project::open(overlay_, pkg.root, pkg.run.excludes, &error, pkg.run.forced_root);
      if (!pkg.project) return show_message(1, "mplint: " + error);
      pkg.project->set_target_lib(pkg.run.target_lib);
    }
    std::vector<std::string> named;
    for (const Document* d : open_docs)
      if (is_source_kind(kind_of_path(d->path)) && !pkg.project->relative(d->path).empty())
        named.push_back(d->path);
    RunOutput out;
    if (!named.empty()) lint_in_project(*pkg.project, named, pkg.run, &out);
    sort_findings(&out.findings);
    pkg.findings.clear();
    for (Finding& f : out.findings) pkg.findings[join_path(pkg.root, f.path)].push_back(f);
    for (const Document* d : open_docs) {
      json diagnostics = json::array();
      for (const Finding& f : pkg.findings[d->path])
        if (!f.suppressed) diagnostics.push_back(diagnostic(pkg, f));
      publish(d->uri, d->version, diagnostics, true);
    }
  }

  json diagnostic(const Package& pkg, const Finding& f) {
    static const int kSeverity[] = {3, 2, 1};  // note → Information, warning, error
    json d = {{"range", range_of(f.loc)}, {"severity", kSeverity[static_cast<int>(f.severity)]},
              {"code", f.rule_id},        {"codeDescription", {{"href", rule_doc_url(f.rule_id)}}},
              {"source", "mplint"},       {"message", f.message}};
    for (const RelatedLocation& r : f.related)
      d["relatedInformation"].push_back(
          {{"location",
            {{"uri", uri_of_path(join_path(pkg.root, r.path))}, {"range", range_of(r.loc)}}},
           {"message", r.message}});
    return d;
  }

  // Sends a document's diagnostics, unless they and its version are what was sent last.
  void publish(const std::string& uri, int version, const json& diagnostics, bool versioned) {
    json params = {{"uri", uri}, {"diagnostics", diagnostics}};
    if (versioned) params["version"] = version;
    std::string sent = params.dump();
    if (!versioned)
      published_.erase(uri);
    else if (published_[uri] == sent)
      return;
    else
      published_[uri] = sent;
    transport_.write(
        {{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", params}});
  }

  // --- code actions -------------------------------------------------------------------

  json code_actions(const json& params) {
    std::string uri = string_field(field(params, "textDocument"), "uri");
    const json& range = field(params, "range");
    auto line_of = [&](const char* end) -> long {
      const json& p = field(range, end);
      const json& l = field(p, "line");
      if (!l.is_number_integer()) throw RequestError(kInvalidParams, "a range is missing");
      return l.get<long>();
    };
    long first = line_of("start"), last = line_of("end");
    json actions = json::array();
    auto doc = docs_.find(uri);
    if (doc == docs_.end()) return actions;
    std::string path = doc->second.path;
    auto pkg = packages_.find(find_package_root(overlay_, path));
    if (pkg == packages_.end()) return actions;
    std::set<std::pair<std::string, uint32_t>> disabled;
    for (const Finding& f : pkg->second.findings[path]) {
      long begin = static_cast<long>(f.loc.begin.line) - 1,
           end = static_cast<long>(f.loc.end.line) - 1;
      if (f.suppressed || end < first || begin > last) continue;
      json diag = diagnostic(pkg->second, f);
      for (const Fix& fix : f.fixes) actions.push_back(fix_action(uri, f, fix, diag));
      if (disabled.insert({f.rule_id, f.loc.begin.line}).second)
        if (auto action = disable_action(uri, path, f, diag)) actions.push_back(*action);
    }
    return actions;
  }

  static json fix_action(const std::string& uri, const Finding& f, const Fix& fix,
                         const json& diag) {
    json edits = json::array();
    for (const Edit& e : fix.edits)
      edits.push_back({{"range", range_of(e.loc)}, {"newText", e.text}});
    return {{"title", fix.title + " (" + f.rule_id + ")"},
            {"kind", "quickfix"},
            {"diagnostics", json::array({diag})},
            {"isPreferred", fix.safe},
            {"edit", {{"changes", {{uri, edits}}}}}};
  }

  // "Disable RULE for this line": a `mplint-disable-next-line` comment above the finding's
  // line, indented like it. JSON has no comments; a WXML line that does not start a tag may
  // sit inside one, where a comment would break it.
  std::optional<json> disable_action(const std::string& uri, const std::string& path,
                                     const Finding& f, const json& diag) {
    FileKind kind = kind_of_path(path);
    std::string text, error;
    if (kind == FileKind::json || !overlay_.read(path, &text, &error)) return std::nullopt;
    SourceText source(path, text);
    std::string_view line = source.line_text(f.loc.begin.line);
    size_t indent_end = line.find_first_not_of(" \t");
    std::string indent(
        line.substr(0, indent_end == std::string_view::npos ? line.size() : indent_end));
    std::string comment;
    if (kind == FileKind::wxml) {
      if (indent_end == std::string_view::npos || line[indent_end] != '<') return std::nullopt;
      comment = "<!-- mplint-disable-next-line " + f.rule_id + " -->";
    } else if (kind == FileKind::wxss) {
      comment = "/* mplint-disable-next-line " + f.rule_id + " */";
    } else {
      comment = "// mplint-disable-next-line " + f.rule_id;
    }
    json at = {{"line", f.loc.begin.line - 1}, {"character", 0}};
    json edit = {{"range", {{"start", at}, {"end", at}}}, {"newText", indent + comment + "\n"}};
    return json{{"title", "Disable " + f.rule_id + " for this line"},
                {"kind", "quickfix"},
                {"diagnostics", json::array({diag})},
                {"edit", {{"changes", {{uri, json::array({edit})}}}}}};
  }

  // --- messages to the client ---------------------------------------------------------

  void respond_error(const json& id, int code, const std::string& message) {
    transport_.write(
        {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
  }

  void show_message(int type, const std::string& message) {
    transport_.write({{"jsonrpc", "2.0"},
                      {"method", "window/showMessage"},
                      {"params", {{"type", type}, {"message", message}}}});
  }

  Transport& transport_;
  DiskFileSystem disk_;
  OverlayFileSystem overlay_;
  std::map<std::string, Document> docs_;          // by URI
  std::map<std::string, Package> packages_;       // by package root
  std::set<std::string> dirty_;                   // package roots to lint
  std::map<std::string, std::string> published_;  // by URI: the last diagnostics sent
  bool initialized_ = false;
  bool shutdown_ = false;
};

}  // namespace

int run_lsp(int in_fd, int out_fd) {
  std::signal(SIGPIPE, SIG_IGN);  // a client that quits must not kill us mid-write
  Transport transport(in_fd, out_fd);
  Server server(transport);
  return server.serve();
}

}  // namespace mplint
