// WXML side of the data flow: which data paths `<web-view src>` and `<rich-text nodes>` read.
#include <cctype>

#include "analyzer/flow.h"
#include "analyzer/wxml.h"

namespace mplint {

namespace {

bool ident_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}
bool ident_char(char c) { return ident_start(c) || std::isdigit(static_cast<unsigned char>(c)); }

size_t skip_space(std::string_view s, size_t i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

// `[0]` → "0", `['a']` → "a", `[i]` → "[]"; npos when not a subscript.
size_t read_subscript(std::string_view s, size_t i, std::string* step) {
  size_t close = s.find(']', i);
  if (close == std::string_view::npos) return close;
  std::string_view inner = s.substr(i + 1, close - i - 1);
  while (!inner.empty() && std::isspace(static_cast<unsigned char>(inner.front())))
    inner.remove_prefix(1);
  while (!inner.empty() && std::isspace(static_cast<unsigned char>(inner.back())))
    inner.remove_suffix(1);
  bool digits = !inner.empty() && inner.find_first_not_of("0123456789") == std::string_view::npos;
  bool quoted = inner.size() >= 2 && (inner.front() == '\'' || inner.front() == '"') &&
                inner.back() == inner.front();
  *step = digits   ? std::string(inner)
          : quoted ? std::string(inner.substr(1, inner.size() - 2))
                   : "[]";
  return close + 1;
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= path.size()) {
    size_t dot = path.find('.', at);
    if (dot == std::string_view::npos) dot = path.size();
    out.emplace_back(path.substr(at, dot - at));
    at = dot + 1;
  }
  return out;
}

struct LoopScope {
  std::string item;
  std::string index;
  std::string list;  // the data path the loop reads
};

// The wx:for loops around (and on) a node, innermost first.
std::vector<LoopScope> loops_around(const WxmlDocument& doc, const SourceText& source, int node) {
  std::vector<LoopScope> out;
  for (int i = node; i >= 0; i = doc.nodes[i].parent) {
    const WxmlNode& n = doc.nodes[i];
    const WxmlAttribute* loop = n.attribute("wx:for");
    if (!loop) loop = n.attribute("wx:for-items");
    if (!loop || !loop->dynamic) continue;
    LoopScope s{"item", "index", ""};
    if (const WxmlAttribute* a = n.attribute("wx:for-item"); a && !a->value.empty())
      s.item = a->value;
    if (const WxmlAttribute* a = n.attribute("wx:for-index"); a && !a->value.empty())
      s.index = a->value;
    std::string_view value = source.slice(loop->value_range);
    size_t open = value.find("{{");
    if (open != std::string_view::npos) s.list = leading_data_path(value.substr(open + 2));
    out.push_back(s);
  }
  return out;
}

// `item.content` inside `wx:for="{{list}}"` reads "list.[].content".
std::string through_loops(std::string path, const std::vector<LoopScope>& loops) {
  for (const LoopScope& loop : loops) {
    std::string root = path.substr(0, path.find('.'));
    if (root == loop.index) return "";
    if (root != loop.item) continue;
    if (loop.list.empty()) return "";
    path = loop.list + ".[]" + path.substr(root.size());
  }
  return path;
}

const WxmlBinding* first_binding(const WxmlDocument& doc, int node, int attribute) {
  for (const WxmlBinding& b : doc.bindings)
    if (b.node == node && b.attribute == attribute) return &b;
  return nullptr;
}

}  // namespace

std::string leading_data_path(std::string_view e, size_t* consumed) {
  size_t i = skip_space(e, 0);
  if (i >= e.size() || !ident_start(e[i])) return "";
  std::string out;
  size_t start = i;
  while (i < e.size() && ident_char(e[i])) ++i;
  out = std::string(e.substr(start, i - start));
  if (out == "true" || out == "false" || out == "null" || out == "undefined") return "";
  for (;;) {
    size_t j = skip_space(e, i);
    if (j < e.size() && e[j] == '.') {
      size_t k = skip_space(e, j + 1);
      size_t name = k;
      while (k < e.size() && ident_char(e[k])) ++k;
      if (k == name) break;
      out += "." + std::string(e.substr(name, k - name));
      i = k;
    } else if (j < e.size() && e[j] == '[') {
      std::string step;
      size_t k = read_subscript(e, j, &step);
      if (k == std::string_view::npos) break;
      out += "." + step;
      i = k;
    } else {
      break;
    }
  }
  if (consumed) *consumed = i;
  return out;
}

bool data_paths_overlap(std::string_view a, std::string_view b) {
  std::vector<std::string> x = split_path(a), y = split_path(b);
  for (size_t i = 0; i < x.size() && i < y.size(); ++i)
    if (x[i] != y[i] && x[i] != "[]" && y[i] != "[]") return false;
  return true;
}

std::vector<BindingSink> extract_binding_sinks(const WxmlDocument& doc, const SourceText& source) {
  std::vector<BindingSink> out;
  for (size_t i = 0; i < doc.nodes.size(); ++i) {
    const WxmlNode& n = doc.nodes[i];
    if (!n.is_element()) continue;
    const char* attribute = n.tag == "web-view" ? "src" : n.tag == "rich-text" ? "nodes" : nullptr;
    if (!attribute) continue;
    for (size_t a = 0; a < n.attributes.size(); ++a) {
      const WxmlAttribute& attr = n.attributes[a];
      if (attr.name != attribute || !attr.has_value) continue;
      BindingSink s{n.tag, attr.name, "", false, "", locate(source, attr.value_range)};
      if (!attr.dynamic) {
        s.text = attr.value;
        out.push_back(s);
        continue;
      }
      const WxmlBinding* b = first_binding(doc, static_cast<int>(i), static_cast<int>(a));
      if (!b) continue;
      std::string_view before = source.text().substr(attr.value_range.begin,
                                                     b->content.begin - 2 - attr.value_range.begin);
      s.starts = before.find_first_not_of(" \t\r\n") == std::string_view::npos;
      s.path = through_loops(leading_data_path(source.slice(b->content)),
                             loops_around(doc, source, static_cast<int>(i)));
      if (!s.path.empty()) out.push_back(s);
    }
  }
  return out;
}

}  // namespace mplint
