// The small, honest data flow the security and performance rules share. Per file it is
// extracted into facts (so it outlives the tree); cross-file joins (a URL constant from a
// config module, a request wrapper in utils/, a page's setData keys and its WXML bindings)
// are made by resolve_* in flow_resolve.cpp, over the facts of all files.
//
// What it follows: constant strings (const/let/var with one known value, templates, `+`),
// `module.exports`/`export` and `require`/`import` of them, `getApp().globalData`, aliases
// of `this`, request wrappers one level deep, page data from `onLoad(options)` and from
// network responses into `setData`. What it cannot follow stays unknown: no guesses.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analyzer/finding.h"
#include "analyzer/page_data.h"

namespace mplint {

/// A function of another module (or of app.js: module "<app>"), named by its export path.
struct FlowCallee {
  std::string module;  // require/import spec as written, or "<app>"
  std::string name;    // export path: "request", "default", "http.get"
  bool operator<(const FlowCallee& o) const {
    return module != o.module ? module < o.module : name < o.name;
  }
};

/// A piece of a string value: known text, a value exported by another module, a
/// parameter of the enclosing function (for wrappers), or unknown.
struct FlowPart {
  enum class Kind { text, ref, param, unknown };
  Kind kind = Kind::unknown;
  std::string text;        // text: the characters; ref: the export path
  std::string module;      // ref: spec or "<app>"
  int param = -1;          // param: index
  std::string param_path;  // param: member path below the parameter ("url" for `o.url`)
  uint32_t param_fn = 0;   // param: offset of its function (inside one file's extraction)
  std::string path;        // the file holding `loc` (set when resolved across files)
  Loc loc;                 // text: the literal it came from; others: the expression
};

/// A string as far as it is known, in order.
struct FlowString {
  std::vector<FlowPart> parts;
  bool empty() const { return parts.empty(); }
};

/// A call of a network API (`wx.request`, `wx.uploadFile`, `wx.downloadFile`,
/// `wx.connectSocket`), directly or through a wrapper of this file.
struct NetworkCall {
  std::string api;  // "wx.request"
  FlowString url;
  Loc at;  // the call's callee (or the wrapper call)
};

/// A call of a function of another module: wrappers are known only across files.
struct ImportedCall {
  FlowCallee callee;
  std::vector<FlowString> args;      // first arguments, as strings
  std::vector<FlowString> url_args;  // for an object argument, its `url` member
  Loc at;
};

/// What a named function of this file does with the network.
struct FlowFunction {
  std::string name;  // export path, or the local name
  bool exported = false;
  bool network = false;           // calls a network API (directly, anywhere in its body)
  std::vector<FlowCallee> calls;  // imported functions it calls (for network-ness, one step)
  // A wrapper: its parameter `url_param` (member `url_param_path`) flows into a network
  // API's url, as `url_template` (param parts mark where the argument goes).
  int url_param = -1;
  std::string url_param_path;
  FlowString url_template;
  std::string api;
};

/// Where a value comes from, for taint: the page's options, a network response, or the
/// result of a function of another module (network-ness decided across files).
struct FlowSource {
  enum class Kind { options, network, call };
  Kind kind = Kind::options;
  FlowCallee callee;  // call
  std::string what;   // as the message shows it: "options.url", "res.data"
};

/// `this.setData({key: value})` (or `data`) where the value carries a source.
struct DataSink {
  std::string key;  // "url", "article.content"
  FlowSource source;
  bool starts = false;  // the value begins with the source (not "https://x/?u=" + it)
  Loc at;               // the key/value pair
};

/// A WXML attribute holding a page data path: `<web-view src="{{url}}">`.
struct BindingSink {
  std::string tag;
  std::string attribute;
  std::string path;     // the data path read ("url", "list.[].content")
  bool starts = false;  // the value starts with that path (nothing literal in front)
  std::string text;     // static value, when not dynamic
  Loc at;               // the attribute value
};

struct ScriptFlow {
  std::map<std::string, FlowString> exports;  // export path → string value
  std::vector<FlowFunction> functions;
  std::vector<NetworkCall> network_calls;
  /// wx.navigateTo / redirectTo / reLaunch / switchTab calls, with their `url`.
  std::vector<NetworkCall> navigation_calls;
  std::vector<ImportedCall> imported_calls;
  std::vector<DataSink> data_sinks;
  PageData page_data;  // the keys a page/component sets (page_data.h)
  /// Plugin URL strings as far as known: `'plugin-private://' + APPID + '/p'` with the
  /// constant's value in place; "$" marks where the known text stops.
  std::vector<std::string> plugin_urls;
};

class SyntaxTree;
class SourceText;
struct WxmlDocument;

/// A wrapper's url with `arg` in place of its url parameter (other parameters unknown).
FlowString substitute_wrapper_url(const FlowFunction& wrapper, const FlowString& arg);

/// Extracts the flow facts of one script.
ScriptFlow extract_script_flow(const SyntaxTree& tree, const SourceText& source);

/// The web-view/rich-text/other URL-holding attributes of a WXML document.
std::vector<BindingSink> extract_binding_sinks(const WxmlDocument& doc, const SourceText& source);

/// The leading data path of a `{{ }}` expression ("a.b[0].c" → "a.b.0.c"), or "".
std::string leading_data_path(std::string_view expression, size_t* consumed = nullptr);

/// Whether two data paths overlap (one is a prefix of the other; "[]" matches an index).
bool data_paths_overlap(std::string_view a, std::string_view b);

/// The known text at the start of a string ("" when it starts unknown), and the part
/// whose literal holds its first character.
std::string known_prefix(const FlowString& s);

}  // namespace mplint
