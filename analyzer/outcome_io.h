// A binary form of what linting one file yields (its findings and FileFacts), for the disk
// cache (analyzer/disk_cache.h). One `describe` per struct lists its fields once; the same
// list writes and reads, so the two cannot drift apart. Reading junk never crashes: every
// length is checked against what is left, and a short or inconsistent input only makes
// Reader::ok() false.
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "analyzer/facts.h"
#include "analyzer/finding.h"

namespace mplint {

class ByteWriter {
 public:
  template <class... T>
  void operator()(const T&... values) {
    (put(values), ...);
  }
  const std::string& bytes() const { return bytes_; }

 private:
  template <class T>
  void put(const T& v) {
    if constexpr (std::is_enum_v<T>) {
      put(static_cast<int64_t>(v));
    } else if constexpr (std::is_arithmetic_v<T>) {
      char raw[sizeof(T)];
      std::memcpy(raw, &v, sizeof(T));
      bytes_.append(raw, sizeof(T));
    } else {
      describe(*this, const_cast<T&>(v));  // describe() only reads through a ByteWriter
    }
  }
  void put(const std::string& s) {
    put(static_cast<uint64_t>(s.size()));
    bytes_ += s;
  }
  template <class T>
  void put(const std::vector<T>& v) {
    put(static_cast<uint64_t>(v.size()));
    for (const T& x : v) put(x);
  }
  template <class T, class C>
  void put(const std::set<T, C>& v) {
    put(static_cast<uint64_t>(v.size()));
    for (const T& x : v) put(x);
  }
  template <class K, class V>
  void put(const std::map<K, V>& m) {
    put(static_cast<uint64_t>(m.size()));
    for (const auto& [k, v] : m) put(k), put(v);
  }
  template <class A, class B>
  void put(const std::pair<A, B>& p) {
    put(p.first), put(p.second);
  }
  template <class T>
  void put(const std::optional<T>& o) {
    put(o.has_value());
    if (o) put(*o);
  }

  std::string bytes_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}
  template <class... T>
  void operator()(T&... values) {
    (get(values), ...);
  }
  bool ok() const { return ok_; }
  bool at_end() const { return at_ == bytes_.size(); }

 private:
  template <class T>
  void get(T& v) {
    if constexpr (std::is_enum_v<T>) {
      int64_t raw = 0;
      get(raw);
      v = static_cast<T>(raw);
    } else if constexpr (std::is_arithmetic_v<T>) {
      if (!take(sizeof(T))) return;
      std::memcpy(&v, bytes_.data() + at_ - sizeof(T), sizeof(T));
    } else {
      describe(*this, v);
    }
  }
  void get(std::string& s) {
    uint64_t n = count(1);
    if (!take(n)) return;
    s.assign(bytes_.data() + at_ - n, n);
  }
  template <class T>
  void get(std::vector<T>& v) {
    uint64_t n = count(1);
    v.clear();
    for (uint64_t i = 0; i < n && ok_; ++i) get(v.emplace_back());
  }
  template <class T, class C>
  void get(std::set<T, C>& v) {
    uint64_t n = count(1);
    v.clear();
    for (uint64_t i = 0; i < n && ok_; ++i) {
      T x{};
      get(x);
      v.insert(std::move(x));
    }
  }
  template <class K, class V>
  void get(std::map<K, V>& m) {
    uint64_t n = count(1);
    m.clear();
    for (uint64_t i = 0; i < n && ok_; ++i) {
      K k{};
      get(k);
      get(m[std::move(k)]);
    }
  }
  template <class A, class B>
  void get(std::pair<A, B>& p) {
    get(p.first), get(p.second);
  }
  template <class T>
  void get(std::optional<T>& o) {
    bool has = false;
    get(has);
    if (!has) return o.reset();
    get(o.emplace());
  }

  // A length prefix, refused when even `min_item` bytes per item would not fit.
  uint64_t count(uint64_t min_item) {
    uint64_t n = 0;
    get(n);
    if (!ok_ || n > (bytes_.size() - at_) / min_item) {
      ok_ = false;
      return 0;
    }
    return n;
  }
  bool take(uint64_t n) {
    if (!ok_ || n > bytes_.size() - at_) {
      ok_ = false;
      return false;
    }
    at_ += n;
    return true;
  }

  std::string_view bytes_;
  size_t at_ = 0;
  bool ok_ = true;
};

// The fields of each struct, in one place (A is ByteWriter or ByteReader).
template <class A>
void describe(A& a, Position& x) {
  a(x.line, x.column);
}
template <class A>
void describe(A& a, Range& x) {
  a(x.begin, x.end);
}
template <class A>
void describe(A& a, Loc& x) {
  a(x.range, x.begin, x.end);
}
template <class A>
void describe(A& a, RelatedLocation& x) {
  a(x.path, x.loc, x.message);
}
template <class A>
void describe(A& a, Edit& x) {
  a(x.loc, x.text);
}
template <class A>
void describe(A& a, Fix& x) {
  a(x.title, x.safe, x.edits);
}
template <class A>
void describe(A& a, Finding& x) {
  a(x.path, x.loc, x.rule_id, x.severity, x.message, x.suppressed, x.related, x.secrets,
    x.properties, x.fixes, x.whole_file);
}
template <class A>
void describe(A& a, PathRef& x) {
  a(x.kind, x.spec, x.loc);
}
template <class A>
void describe(A& a, HandlerUse& x) {
  a(x.name, x.attribute, x.loc);
}
template <class A>
void describe(A& a, ScriptShape& x) {
  a(x.kind, x.methods_known, x.methods);
}
template <class A>
void describe(A& a, Suppression& x) {
  a(x.kind, x.ids, x.loc, x.first_line, x.last_line, x.from_eslint, x.remove_comment, x.remove_id);
}
template <class A>
void describe(A& a, FlowCallee& x) {
  a(x.module, x.name);
}
template <class A>
void describe(A& a, FlowPart& x) {
  a(x.kind, x.text, x.module, x.param, x.param_path, x.param_fn, x.path, x.loc);
}
template <class A>
void describe(A& a, FlowString& x) {
  a(x.parts);
}
template <class A>
void describe(A& a, NetworkCall& x) {
  a(x.api, x.url, x.at);
}
template <class A>
void describe(A& a, ImportedCall& x) {
  a(x.callee, x.args, x.url_args, x.at);
}
template <class A>
void describe(A& a, FlowFunction& x) {
  a(x.name, x.exported, x.network, x.calls, x.url_param, x.url_param_path, x.url_template, x.api);
}
template <class A>
void describe(A& a, FlowSource& x) {
  a(x.kind, x.callee, x.what);
}
template <class A>
void describe(A& a, DataSink& x) {
  a(x.key, x.source, x.starts, x.at);
}
template <class A>
void describe(A& a, BindingSink& x) {
  a(x.tag, x.attribute, x.path, x.starts, x.text, x.at);
}
template <class A>
void describe(A& a, DataKey& x) {
  a(x.key, x.declared, x.at);
}
template <class A>
void describe(A& a, PageData& x) {
  a(x.kind, x.unjudged, x.keys, x.properties, x.observed, x.pure_pattern, x.pure_flags);
}
template <class A>
void describe(A& a, ScriptFlow& x) {
  a(x.exports, x.functions, x.network_calls, x.navigation_calls, x.imported_calls, x.data_sinks,
    x.page_data, x.plugin_urls);
}
template <class A>
void describe(A& a, FeatureGuards& x) {
  a(x.tests, x.absent, x.version);
}
template <class A>
void describe(A& a, ApiUse& x) {
  a(x.name, x.option, x.at, x.call, x.guards, x.function);
}
template <class A>
void describe(A& a, ElementAttribute& x) {
  a(x.name, x.value, x.dynamic, x.at);
}
template <class A>
void describe(A& a, ElementUse& x) {
  a(x.tag, x.at, x.attributes, x.conditions);
}
template <class A>
void describe(A& a, ScriptFeatures& x) {
  a(x.uses, x.feature_keys);
}
template <class A>
void describe(A& a, HotCall& x) {
  a(x.kind, x.callee, x.at);
}
template <class A>
void describe(A& a, LoopCall& x) {
  a(x.call, x.loop, x.loop_at);
}
template <class A>
void describe(A& a, MethodCalls::Callee& x) {
  a(x.name, x.at);
}
template <class A>
void describe(A& a, MethodCalls& x) {
  a(x.name, x.calls, x.callees);
}
template <class A>
void describe(A& a, ScriptHotPaths& x) {
  a(x.in_loops, x.methods);
}
template <class A>
void describe(A& a, WxmlReads& x) {
  a(x.roots, x.template_roots, x.unfollowable, x.unfollowable_at);
}
template <class A>
void describe(A& a, WxmlSizeInclude& x) {
  a(x.spec, x.at, x.parent, x.depth);
}
template <class A>
void describe(A& a, WxmlSizeParent& x) {
  a(x.children, x.at);
}
template <class A>
void describe(A& a, WxmlSize& x) {
  a(x.first, x.nodes, x.roots, x.depth, x.deepest, x.widest_children, x.widest, x.includes,
    x.include_parents);
}
template <class A>
void describe(A& a, FileFacts& x) {
  a(x.path, x.kind, x.parsed, x.refs, x.handlers, x.shape, x.suppressions, x.flow, x.binding_sinks,
    x.features, x.hot_paths, x.elements, x.wxml_reads, x.path_literals, x.dynamic_require, x.size,
    x.relation_paths, x.plugin_refs, x.plugin_ref_unknown);
}

}  // namespace mplint
