// WXML side of the page data facts (page_data.h): the data roots a WXML file reads.
#include <cctype>

#include "analyzer/page_data.h"
#include "analyzer/source.h"
#include "analyzer/wxml.h"
#include "analyzer/wxml_expr.h"

namespace mplint {

namespace {

bool ident_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool ident_char(char c) { return ident_start(c) || std::isdigit(static_cast<unsigned char>(c)); }

bool is_literal_name(std::string_view name) {
  return name == "true" || name == "false" || name == "null" || name == "undefined";
}

// The next character that is not a space at or after `i`, or 0.
char next_char(std::string_view e, size_t i) {
  while (i < e.size() && std::isspace(static_cast<unsigned char>(e[i]))) ++i;
  return i < e.size() ? e[i] : 0;
}

// The end of the string literal opening at `i`, or npos when it is not closed.
size_t string_end(std::string_view e, size_t i) {
  for (size_t p = i + 1; p < e.size(); ++p) {
    if (e[p] == '\\')
      ++p;
    else if (e[p] == e[i])
      return p + 1;
  }
  return std::string_view::npos;
}

// One `wx:for` scope: the names it makes local, and the scope around it.
struct LoopScope {
  std::string item, index;
  int outer = -1;
};

class ReadsExtractor {
 public:
  ReadsExtractor(const WxmlDocument& doc, const SourceText& source) : doc_(doc), source_(source) {}

  WxmlReads run() {
    if (!doc_.errors.empty()) fail(doc_.errors.front().range, "a syntax error");
    size_t n = doc_.nodes.size();
    in_template_.assign(n, false);
    scope_.assign(n, -1);
    for (size_t i = 0; i < n; ++i) enter(static_cast<int>(i));
    for (const WxmlBinding& b : doc_.bindings) read(b);
    return std::move(out_);
  }

 private:
  void fail(Range r, std::string why) {
    if (!out_.unfollowable.empty()) return;
    out_.unfollowable = std::move(why);
    out_.unfollowable_at = locate(source_, r);
  }

  // Nodes come in document order: a parent before its children.
  void enter(int i) {
    const WxmlNode& node = doc_.nodes[i];
    int parent = node.parent;
    in_template_[i] = parent >= 0 && in_template_[parent];
    scope_[i] = parent >= 0 ? scope_[parent] : -1;
    if (!node.is_element()) return;
    if (node.tag == "template" && node.has("name")) in_template_[i] = true;
    check_followable(node, in_template_[i]);
    const WxmlAttribute* loop = node.attribute("wx:for");
    if (!loop) loop = node.attribute("wx:for-items");
    if (!loop) return;
    LoopScope s{"item", "index", scope_[i]};
    if (const WxmlAttribute* a = node.attribute("wx:for-item"); a && !a->value.empty())
      s.item = a->value;
    if (const WxmlAttribute* a = node.attribute("wx:for-index"); a && !a->value.empty())
      s.index = a->value;
    scopes_.push_back(s);
    scope_[i] = static_cast<int>(scopes_.size()) - 1;
  }

  void check_followable(const WxmlNode& node, bool in_template) {
    for (const char* name : {"wx:for-item", "wx:for-index"})
      if (const WxmlAttribute* a = node.attribute(name); a && a->dynamic)
        fail(a->range, "a `" + std::string(name) + "` set by a binding");
    if (node.tag == "import" || node.tag == "include") {
      const WxmlAttribute* src = node.attribute("src");
      if (!src || src->dynamic || src->value.empty())
        fail(node.start_tag, "an `<" + node.tag + ">` without a static src");
    }
    // Inside a template definition, a dynamic `is` reads the template's data, not the page's.
    if (node.tag == "template" && !in_template) {
      const WxmlAttribute* is = node.attribute("is");
      if (is && is->dynamic) fail(is->range, "a `<template is>` chosen at run time");
    }
  }

  // Whether `name` is a wx:for local in scope `s` (for a scope nested deeper than any real
  // page, the name counts as read).
  bool local(const std::string& name, int s) const {
    for (int depth = 0; s >= 0 && depth < 64; s = scopes_[s].outer, ++depth)
      if (scopes_[s].item == name || scopes_[s].index == name) return true;
    return false;
  }

  // The wx:for scope a binding sees: the list of a `wx:for` is read outside its own loop.
  int scope_of(const WxmlBinding& b) const {
    int scope = scope_[b.node];
    if (b.attribute < 0 || scope < 0) return scope;
    const std::string& name = doc_.nodes[b.node].attributes[b.attribute].name;
    return name == "wx:for" || name == "wx:for-items" ? scopes_[scope].outer : scope;
  }

  void read(const WxmlBinding& b) {
    if (b.node < 0) return;
    std::string_view content = source_.slice(b.content);
    if (content.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
    std::set<std::string> roots;
    if (check_wxml_expression(content)) return fail(b.content, "a binding that does not parse");
    if (!binding_roots(content, &roots)) {
      if (!in_template_[b.node]) fail(b.content, "a binding it cannot read");
      return;
    }
    int scope = scope_of(b);
    for (const std::string& r : roots)
      if (!local(r, scope)) (in_template_[b.node] ? out_.template_roots : out_.roots).insert(r);
  }

  const WxmlDocument& doc_;
  const SourceText& source_;
  WxmlReads out_;
  std::vector<bool> in_template_;
  std::vector<int> scope_;  // per node: the innermost wx:for scope on or around it
  std::vector<LoopScope> scopes_;
};

}  // namespace

bool binding_roots(std::string_view e, std::set<std::string>* roots) {
  std::string brackets;      // the open ( [ { around
  bool key_position = true;  // where an object key may stand: `{{k: v}}`, `{k: v, k2: v}`
  bool after_dot = false;    // a member name follows
  size_t i = 0;
  while (i < e.size()) {
    char c = e[i];
    bool in_object = brackets.empty() || brackets.back() == '{';
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '\'' || c == '"') {
      i = string_end(e, i);
      if (i == std::string_view::npos) return false;
      key_position = after_dot = false;
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < e.size() &&
                std::isdigit(static_cast<unsigned char>(e[i + 1])))) {
      while (i < e.size() && (ident_char(e[i]) || e[i] == '.')) ++i;
      key_position = after_dot = false;
    } else if (ident_start(c)) {
      size_t start = i;
      while (i < e.size() && ident_char(e[i])) ++i;
      std::string name(e.substr(start, i - start));
      bool key = key_position && in_object && next_char(e, i) == ':';
      if (!after_dot && !key && !is_literal_name(name)) {
        if (name == "this") return false;
        roots->insert(name);
      }
      key_position = after_dot = false;
    } else if (c == '.') {
      bool spread = e.substr(i, 3) == "...";
      after_dot = !spread;
      key_position = false;
      i += spread ? 3 : 1;
    } else {
      if (c == '(' || c == '[' || c == '{') brackets += c;
      if ((c == ')' || c == ']' || c == '}') && !brackets.empty()) brackets.pop_back();
      key_position = c == '{' || (c == ',' && in_object);
      after_dot = false;
      ++i;
    }
  }
  return true;
}

WxmlReads extract_wxml_reads(const WxmlDocument& doc, const SourceText& source) {
  return ReadsExtractor(doc, source).run();
}

}  // namespace mplint
