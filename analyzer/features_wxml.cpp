// The elements of a WXML file with the `wx:if` conditions they sit under, for the compat
// rules (features.h); and base-library version comparison.
#include <algorithm>
#include <cctype>

#include "analyzer/features.h"
#include "analyzer/wxml.h"

namespace mplint {

namespace {

// Guards sit close to what they guard: deeper ancestors are not searched (which also keeps a
// file of thousands of nested `wx:if`s linear).
constexpr int kMaxAncestors = 64;
constexpr size_t kMaxConditions = 16;

// A node's own conditions: its `wx:if`/`wx:elif`, and for a `wx:elif`/`wx:else` the negated
// conditions of the branches before it (`<a wx:if="{{!canIUseX}}"/><b wx:else/>`).
std::vector<std::string> own_conditions(const WxmlDocument& doc, int index) {
  std::vector<std::string> out;
  const WxmlNode& node = doc.nodes[index];
  bool chained = false;
  for (const WxmlAttribute& a : node.attributes) {
    if (a.name == "wx:if" || a.name == "wx:elif") out.push_back(a.value);
    chained = chained || a.name == "wx:elif" || a.name == "wx:else";
  }
  if (!chained) return out;
  const std::vector<int>& siblings = node.parent >= 0 ? doc.nodes[node.parent].children : doc.roots;
  auto self = std::find(siblings.begin(), siblings.end(), index);
  for (auto it = self; it != siblings.begin();) {
    const WxmlNode& before = doc.nodes[*--it];
    if (!before.is_element()) continue;
    const WxmlAttribute* cond = before.attribute("wx:elif");
    if (!cond) cond = before.attribute("wx:if");
    if (!cond) break;
    // `<a wx:if="{{!canUseX}}"/><b wx:else/>`: b runs when canUseX holds. A positive test
    // before (`wx:if="{{canUseX}}"`) makes this the branch where it failed.
    std::string_view v = cond->value;
    size_t open = v.find("{{");
    size_t first = v.find_first_not_of(" \t\n", open == std::string_view::npos ? 0 : open + 2);
    if (first != std::string_view::npos && v[first] == '!' && v.substr(first, 2) != "!=")
      out.push_back(cond->value);
    if (cond->name == "wx:if" || out.size() >= kMaxConditions) break;
  }
  return out;
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) {
  auto next = [](std::string_view* s) {
    long v = 0;
    size_t i = 0;
    while (i < s->size() && std::isdigit(static_cast<unsigned char>((*s)[i])))
      v = v * 10 + ((*s)[i++] - '0');
    if (i < s->size() && (*s)[i] == '.') ++i;
    s->remove_prefix(i);
    return v;
  };
  for (int part = 0; part < 3; ++part) {
    long x = next(&a), y = next(&b);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

std::vector<ElementUse> extract_elements(const WxmlDocument& doc, const SourceText& source) {
  std::vector<ElementUse> out;
  for (size_t i = 0; i < doc.nodes.size(); ++i) {
    const WxmlNode& node = doc.nodes[i];
    if (!node.is_element() || node.tag.empty()) continue;
    ElementUse use;
    use.tag = node.tag;
    use.at = locate(source, node.name_range);
    for (const WxmlAttribute& a : node.attributes) {
      ElementAttribute attr;
      attr.name = a.name;
      attr.dynamic = a.dynamic;
      if (!a.dynamic && a.value.size() <= 64) attr.value = a.value;
      attr.at = locate(source, a.name_range);
      use.attributes.push_back(std::move(attr));
    }
    int depth = 0;
    for (int at = static_cast<int>(i); at >= 0 && depth < kMaxAncestors;
         at = doc.nodes[at].parent, ++depth) {
      if (!doc.nodes[at].has("wx:if") && !doc.nodes[at].has("wx:elif") &&
          !doc.nodes[at].has("wx:else"))
        continue;
      for (std::string& c : own_conditions(doc, at))
        if (use.conditions.size() < kMaxConditions) use.conditions.push_back(std::move(c));
    }
    out.push_back(std::move(use));
  }
  return out;
}

}  // namespace mplint
