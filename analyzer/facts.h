// Facts extracted from one file for the project rules. Trees are dropped after this.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "analyzer/features.h"
#include "analyzer/finding.h"
#include "analyzer/flow.h"
#include "analyzer/hot_paths.h"
#include "analyzer/page_data.h"
#include "analyzer/parsed_file.h"
#include "analyzer/suppressions.h"
#include "analyzer/wxml_size.h"

namespace mplint {

struct PathRef {
  enum class Kind {
    wxml_import,
    wxml_include,
    wxs_src,
    css_import,
    require,
    es_import,
    require_async
  };
  Kind kind = Kind::require;
  std::string spec;  // as written
  Loc loc;           // the string literal / attribute value
};

struct HandlerUse {
  std::string name;
  std::string attribute;  // e.g. "bindtap"
  Loc loc;                // the attribute value
};

/// What a script's `Page({...})` / `Component({...})` call defines.
struct ScriptShape {
  enum class Kind { none, app, page, component, behavior };
  Kind kind = Kind::none;
  bool methods_known = false;  // false when a spread, behaviors or a non-literal hides some
  std::set<std::string> methods;
};

struct FileFacts {
  std::string path;
  FileKind kind = FileKind::other;
  bool parsed = false;
  std::vector<PathRef> refs;
  std::vector<HandlerUse> handlers;        // WXML event bindings with a static value
  ScriptShape shape;                       // scripts
  std::vector<Suppression> suppressions;   // inline suppression comments
  ScriptFlow flow;                         // .js/.ts: the data flow (flow.h)
  std::vector<BindingSink> binding_sinks;  // .wxml: web-view src, rich-text nodes
  ScriptFeatures features;                 // .js/.ts: wx APIs used, under which guards
  ScriptHotPaths hot_paths;                // .js/.ts: setData and *Sync calls in loops, methods
  std::vector<ElementUse> elements;        // .wxml: every element, with its wx:if guards
  WxmlReads wxml_reads;                    // .wxml: the data its bindings read
  /// Tokens that may name package files ('/images/a.png', "img/*.png"), sorted: see
  /// path_literals.h. Scripts, WXML, WXSS and WXS.
  std::vector<std::string> path_literals;
  bool dynamic_require = false;  // a require() of a path computed from nothing literal
  WxmlSize size;                           // .wxml: its element tree, counted statically
  /// .js/.ts: the keys of `relations: {…}` objects (`'../item/item'`), as written.
  std::vector<std::string> relation_paths;
  /// Plugins the file names: `requirePlugin('x')` arguments, the NAME of `plugin://NAME/…`
  /// and the APPID of `plugin-private://APPID/…` in script strings and WXML attribute values.
  std::vector<std::string> plugin_refs;
  /// A `requirePlugin(expression)`, or a plugin URL whose name is computed: any plugin may
  /// be used.
  bool plugin_ref_unknown = false;
};

FileFacts extract_facts(const ParsedFile& file);

/// Whether a WXML attribute name is an event binding (bindtap, catch:tap, mut-bind:x…).
bool is_event_attribute(std::string_view name);

/// Whether a require/import spec is a path (./x, ../x, /x) rather than a package name.
bool is_path_spec(std::string_view spec);

}  // namespace mplint
