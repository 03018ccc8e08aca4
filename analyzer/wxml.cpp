#include "analyzer/wxml.h"

#include <algorithm>
#include <cctype>

namespace mplint {

namespace {

constexpr size_t kMaxErrors = 50;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ':' ||
         c == '.';
}
bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}
Range span(size_t b, size_t e) { return {static_cast<uint32_t>(b), static_cast<uint32_t>(e)}; }

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  WxmlDocument run() {
    while (pos_ < s_.size()) step();
    close_all_at_eof();
    collect_bindings();
    return std::move(doc_);
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
  WxmlDocument doc_;
  std::vector<int> open_;  // indexes of open elements, innermost last

  bool at(std::string_view lit) const { return s_.compare(pos_, lit.size(), lit) == 0; }

  void error(Range r, std::string message) {
    if (doc_.errors.size() < kMaxErrors) doc_.errors.push_back({r, std::move(message)});
  }

  int add_node(WxmlNode node) {
    node.parent = open_.empty() ? -1 : open_.back();
    int index = static_cast<int>(doc_.nodes.size());
    if (node.parent < 0) doc_.roots.push_back(index);
    else doc_.nodes[node.parent].children.push_back(index);
    doc_.nodes.push_back(std::move(node));
    return index;
  }

  void step() {
    if (at("<!--")) return comment();
    if (s_[pos_] == '<' && pos_ + 1 < s_.size()) {
      char next = s_[pos_ + 1];
      if (next == '/') return end_tag();
      if (is_name_start(next)) return start_tag();
      if (next == '!' || next == '?') return declaration();
    }
    text();
  }

  void comment() {
    size_t end = s_.find("-->", pos_ + 4);
    WxmlNode node;
    node.kind = WxmlNode::Kind::comment;
    if (end == std::string_view::npos) {
      error(span(pos_, pos_ + 4), "unterminated comment: expected `-->`");
      node.range = span(pos_, s_.size());
      node.content = span(pos_ + 4, s_.size());
      pos_ = s_.size();
    } else {
      node.range = span(pos_, end + 3);
      node.content = span(pos_ + 4, end);
      pos_ = end + 3;
    }
    add_node(std::move(node));
  }

  // `<!DOCTYPE ...>` or `<?xml ...?>`: not WXML, kept as a comment so nothing reads it.
  void declaration() {
    size_t end = s_.find('>', pos_);
    end = end == std::string_view::npos ? s_.size() : end + 1;
    WxmlNode node;
    node.kind = WxmlNode::Kind::comment;
    node.range = node.content = span(pos_, end);
    pos_ = end;
    add_node(std::move(node));
  }

  void text() {
    size_t start = pos_;
    while (pos_ < s_.size()) {
      if (at("{{")) {
        size_t close = find_binding_close(s_, pos_ + 2);
        if (close != std::string_view::npos && !spans_markup(pos_, close)) {
          pos_ = close + 2;
          continue;
        }
        pos_ += 2;
        continue;
      }
      if (s_[pos_] == '<' && pos_ + 1 < s_.size() &&
          (is_name_start(s_[pos_ + 1]) || s_[pos_ + 1] == '/' || s_[pos_ + 1] == '!' ||
           s_[pos_ + 1] == '?'))
        break;
      ++pos_;
    }
    bool blank = std::all_of(s_.begin() + start, s_.begin() + pos_, is_space);
    if (blank) return;
    WxmlNode node;
    node.kind = WxmlNode::Kind::text;
    node.range = node.content = span(start, pos_);
    add_node(std::move(node));
  }

  // A binding in text that would swallow an end tag or a comment is not a binding.
  bool spans_markup(size_t open, size_t close) const {
    std::string_view inner = s_.substr(open, close - open);
    return inner.find("</") != std::string_view::npos ||
           inner.find("<!--") != std::string_view::npos;
  }

  void end_tag() {
    size_t start = pos_;
    size_t name_begin = pos_ + 2;
    size_t p = name_begin;
    while (p < s_.size() && is_name_char(s_[p])) ++p;
    std::string_view name = s_.substr(name_begin, p - name_begin);
    size_t gt = s_.find('>', p);
    if (gt == std::string_view::npos) {
      error(span(start, p), "unterminated end tag `</" + std::string(name) + "`");
      pos_ = s_.size();
      return;
    }
    pos_ = gt + 1;
    close_element(name, span(start, pos_));
  }

  void close_element(std::string_view name, Range end_tag) {
    auto match = std::find_if(open_.rbegin(), open_.rend(),
                              [&](int i) { return doc_.nodes[i].tag == name; });
    if (match == open_.rend())
      match = std::find_if(open_.rbegin(), open_.rend(),
                           [&](int i) { return iequals(doc_.nodes[i].tag, name); });
    if (match == open_.rend()) {
      error(end_tag, "unexpected end tag `</" + std::string(name) + ">`: no open element");
      return;
    }
    // Everything opened after the matching element is unclosed: report, then close it.
    size_t keep = open_.size() - 1 - (match - open_.rbegin());
    for (size_t i = open_.size() - 1; i > keep; --i) {
      WxmlNode& unclosed = doc_.nodes[open_[i]];
      error(unclosed.start_tag, "expected end tag `</" + unclosed.tag + ">` before `</" +
                                    std::string(name) + ">`");
      unclosed.range.end = end_tag.begin;
    }
    doc_.nodes[open_[keep]].range.end = end_tag.end;
    open_.resize(keep);
  }

  void close_all_at_eof() {
    for (auto it = open_.rbegin(); it != open_.rend(); ++it) {
      WxmlNode& node = doc_.nodes[*it];
      node.range.end = static_cast<uint32_t>(s_.size());
    }
    // Report the outermost unclosed elements first: they are the ones a reader fixes.
    for (int index : open_) {
      const WxmlNode& node = doc_.nodes[index];
      error(node.start_tag, "expected end tag `</" + node.tag + ">`");
    }
    open_.clear();
  }

  void start_tag() {
    WxmlNode node;
    size_t start = pos_;
    size_t p = pos_ + 1;
    while (p < s_.size() && is_name_char(s_[p])) ++p;
    node.tag = std::string(s_.substr(start + 1, p - start - 1));
    node.name_range = span(start + 1, p);
    bool terminated = false;
    while (p < s_.size()) {
      char c = s_[p];
      if (is_space(c)) {
        ++p;
      } else if (c == '>') {
        ++p;
        terminated = true;
        break;
      } else if (c == '/' && p + 1 < s_.size() && s_[p + 1] == '>') {
        node.self_closing = true;
        p += 2;
        terminated = true;
        break;
      } else if (c == '<') {
        break;  // a new tag starts: this one was never closed with '>'
      } else if (!attribute(p, node)) {
        p = s_.size();
        break;
      }
    }
    node.start_tag = node.range = span(start, p);
    if (!terminated)
      error(span(start, node.name_range.end),
            "unterminated start tag `<" + node.tag + "`: expected `>`");
    pos_ = p;
    bool raw = node.tag == "wxs" && !node.self_closing && terminated;
    bool leaf = node.self_closing || !terminated;
    int index = add_node(std::move(node));
    if (raw) return raw_wxs(index);
    if (!leaf) open_.push_back(index);
  }

  // Parses one attribute at `p`; returns false when its quoted value never ends.
  bool attribute(size_t& p, WxmlNode& node) {
    WxmlAttribute a;
    size_t name_begin = p;
    while (p < s_.size() && !is_space(s_[p]) && s_[p] != '=' && s_[p] != '>' && s_[p] != '<' &&
           !(s_[p] == '/' && p + 1 < s_.size() && s_[p + 1] == '>'))
      ++p;
    if (p == name_begin) ++p;  // a stray character such as a lone quote: skip it
    a.name = std::string(s_.substr(name_begin, p - name_begin));
    a.name_range = a.range = span(name_begin, p);
    size_t q = p;
    while (q < s_.size() && is_space(s_[q])) ++q;
    if (q < s_.size() && s_[q] == '=') {
      ++q;
      while (q < s_.size() && is_space(s_[q])) ++q;
      a.has_value = true;
      if (q < s_.size() && (s_[q] == '"' || s_[q] == '\'')) {
        size_t close = s_.find(s_[q], q + 1);
        if (close == std::string_view::npos) {
          error(span(name_begin, q + 1), "unterminated value of attribute `" + a.name + "`");
          a.value_range = span(q + 1, s_.size());
          a.value = std::string(s_.substr(q + 1));
          node.attributes.push_back(std::move(a));
          return false;
        }
        a.value_range = span(q + 1, close);
        p = close + 1;
      } else {
        size_t v = q;
        while (v < s_.size() && !is_space(s_[v]) && s_[v] != '>') ++v;
        a.value_range = span(q, v);
        p = v;
      }
      a.value = std::string(s_.substr(a.value_range.begin, a.value_range.end - a.value_range.begin));
      a.range.end = static_cast<uint32_t>(p);
      a.dynamic = a.value.find("{{") != std::string::npos;
    }
    node.attributes.push_back(std::move(a));
    return true;
  }

  void raw_wxs(int index) {
    size_t body = pos_;
    size_t close = body;
    for (;;) {
      close = s_.find("</", close);
      if (close == std::string_view::npos) break;
      // `</wxs>` or `</wxs >`, not `</wxs-x>` inside a string of the module.
      size_t after = close + 5;
      bool name_ends = after >= s_.size() || s_[after] == '>' ||
                       std::isspace(static_cast<unsigned char>(s_[after]));
      if (iequals(s_.substr(close + 2, 3), "wxs") && name_ends) break;
      close += 2;
    }
    WxmlNode& node = doc_.nodes[index];
    doc_.inline_wxs.push_back(index);
    if (close == std::string_view::npos) {
      error(node.start_tag, "expected end tag `</wxs>`");
      node.content = span(body, s_.size());
      node.range.end = static_cast<uint32_t>(s_.size());
      pos_ = s_.size();
      return;
    }
    node.content = span(body, close);
    size_t gt = s_.find('>', close);
    pos_ = gt == std::string_view::npos ? s_.size() : gt + 1;
    node.range.end = static_cast<uint32_t>(pos_);
  }

  void scan_bindings(Range r, int node, int attribute, bool object_body) {
    size_t p = r.begin;
    while (p < r.end) {
      size_t open = s_.find("{{", p);
      if (open == std::string_view::npos || open >= r.end) return;
      size_t close = find_binding_close(s_.substr(0, r.end), open + 2);
      if (close == std::string_view::npos ||
          (attribute < 0 && spans_markup(open, close))) {
        error(span(open, open + 2), "unterminated `{{`: expected `}}`");
        return;
      }
      doc_.bindings.push_back({span(open + 2, close), node, attribute, object_body});
      p = close + 2;
    }
  }

  void collect_bindings() {
    for (size_t i = 0; i < doc_.nodes.size(); ++i) {
      const WxmlNode& n = doc_.nodes[i];
      int index = static_cast<int>(i);
      if (n.kind == WxmlNode::Kind::text) scan_bindings(n.content, index, -1, false);
      if (n.kind != WxmlNode::Kind::element) continue;
      for (size_t a = 0; a < n.attributes.size(); ++a) {
        const WxmlAttribute& attr = n.attributes[a];
        if (!attr.dynamic) continue;
        bool object_body = n.tag == "template" && attr.name == "data";
        scan_bindings(attr.value_range, index, static_cast<int>(a), object_body);
      }
    }
  }
};

}  // namespace

const WxmlAttribute* WxmlNode::attribute(std::string_view name) const {
  for (const auto& a : attributes)
    if (a.name == name) return &a;
  return nullptr;
}

size_t find_binding_close(std::string_view s, size_t from) {
  char quote = 0;
  int depth = 0;  // object literals inside the binding: `{{ {a: {b: 1}} }}`
  for (size_t p = from; p < s.size(); ++p) {
    char c = s[p];
    if (quote) {
      if (c == '\\') ++p;
      else if (c == quote || c == '\n') quote = 0;  // strings cannot span lines
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') quote = c;
    else if (c == '{') ++depth;
    else if (c == '}' && depth > 0) --depth;
    else if (c == '}' && p + 1 < s.size() && s[p + 1] == '}') return p;
  }
  return std::string_view::npos;
}

WxmlDocument parse_wxml(std::string_view text) { return Parser(text).run(); }

}  // namespace mplint
