#include "analyzer/wxml_size.h"

#include <algorithm>

#include "analyzer/wxml.h"

namespace mplint {

namespace {

enum class Role { rendered, transparent, none, include };

Role role_of(const WxmlNode& n) {
  if (!n.is_element() || n.tag.empty()) return Role::none;
  if (n.tag == "include") return Role::include;
  if (n.tag == "import" || n.tag == "wxs") return Role::none;
  if (n.tag == "template") return n.has("name") ? Role::none : Role::transparent;
  if (n.tag == "block" || n.tag == "slot") return Role::transparent;
  return Role::rendered;
}

// What a node gives its parent: rendered elements (`count`) and children (`flat`).
struct Tally {
  int count = 0;
  int flat = 0;
};

// The sum over `children`. Every branch of a `wx:if`/`wx:elif`/`wx:else` chain counts: the
// count is static, like the catalog's (only a `wx:for` body is folded to once).
Tally sum_children(const WxmlDocument& doc, const std::vector<int>& children,
                   const std::vector<Tally>& tally) {
  Tally sum;
  for (int c : children)
    if (doc.nodes[c].is_element()) sum = {sum.count + tally[c].count, sum.flat + tally[c].flat};
  return sum;
}

}  // namespace

WxmlSize measure_wxml(const WxmlDocument& doc, const SourceText& source) {
  size_t n = doc.nodes.size();
  std::vector<Role> role(n);
  std::vector<bool> excluded(n);
  std::vector<int> depth(n), effective_parent(n, -1);
  // Parents come before their children in the node table.
  for (size_t i = 0; i < n; ++i) {
    role[i] = role_of(doc.nodes[i]);
    int p = doc.nodes[i].parent;
    if (p >= 0) {
      excluded[i] = excluded[p] || role[p] == Role::none || role[p] == Role::include;
      effective_parent[i] = role[p] == Role::rendered ? p : effective_parent[p];
      depth[i] = depth[p];
    }
    if (role[i] == Role::rendered) ++depth[i];
  }
  std::vector<Tally> tally(n);
  std::vector<int> children(n);
  for (size_t i = n; i-- > 0;) {
    if (role[i] != Role::rendered && role[i] != Role::transparent) continue;
    Tally sum = sum_children(doc, doc.nodes[i].children, tally);
    children[i] = sum.flat;
    tally[i] = role[i] == Role::rendered ? Tally{sum.count + 1, 1} : sum;
  }
  WxmlSize out;
  Tally top = sum_children(doc, doc.roots, tally);
  out.nodes = top.count;
  out.roots = top.flat;
  for (int r : doc.roots)
    if (doc.nodes[r].is_element() && !doc.nodes[r].tag.empty()) {
      out.first = locate(source, doc.nodes[r].name_range);
      break;
    }
  for (size_t i = 0; i < n; ++i) {
    const WxmlNode& node = doc.nodes[i];
    if (excluded[i]) continue;
    if (role[i] == Role::include) {
      const WxmlAttribute* src = node.attribute("src");
      if (!src || !src->has_value || src->dynamic || src->value.empty()) continue;
      int p = effective_parent[i];
      out.includes.push_back(
          {src->value, locate(source, src->value_range), p, p < 0 ? 0 : depth[p]});
      if (p >= 0) out.include_parents[p] = {children[p], locate(source, doc.nodes[p].name_range)};
    }
    if (role[i] != Role::rendered) continue;
    if (depth[i] > out.depth) {
      out.depth = depth[i];
      out.deepest = locate(source, node.name_range);
    }
    if (children[i] > out.widest_children) {
      out.widest_children = children[i];
      out.widest = locate(source, node.name_range);
    }
  }
  return out;
}

}  // namespace mplint
