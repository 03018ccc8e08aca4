#include "analyzer/wxml.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>

namespace mplint {

namespace {

constexpr size_t kMaxErrors = 50;
constexpr size_t kMaxValueBinding = 16 * 1024;  // longest `{{ }}` that may hold a value's quote

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ':' ||
         c == '.';
}
// WeChat's compiler takes attribute names of these characters only (`-a` and `:a` too).
bool is_attribute_start(char c) { return is_name_start(c) || c == '-' || c == ':'; }
bool is_module_name(std::string_view m) {
  return !m.empty() && is_name_start(m[0]) && std::all_of(m.begin(), m.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}
std::string printable(char c) {
  if (c == '\n' || c == '\r') return "line break";
  if (static_cast<unsigned char>(c) >= 0x80) return "non-ASCII character";
  return "`" + std::string(1, c) + "`";
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
  std::vector<int> open_;             // indexes of open elements, innermost last
  bool swallowed_ = false;            // an unterminated comment, value or tag ran to the end
  bool tag_error_ = false;            // the current start tag already has its error
  std::unordered_set<int> reported_;  // open elements a stray end tag already named

  bool at(std::string_view lit) const { return s_.compare(pos_, lit.size(), lit) == 0; }

  void error(Range r, std::string message, std::optional<Range> related = std::nullopt,
             std::string related_message = {}) {
    if (doc_.errors.size() < kMaxErrors)
      doc_.errors.push_back({r, std::move(message), related, std::move(related_message)});
  }

  int add_node(WxmlNode node) {
    node.parent = open_.empty() ? -1 : open_.back();
    int index = static_cast<int>(doc_.nodes.size());
    if (node.parent < 0)
      doc_.roots.push_back(index);
    else
      doc_.nodes[node.parent].children.push_back(index);
    doc_.nodes.push_back(std::move(node));
    return index;
  }

  void step() {
    if (at("<!--")) return comment();
    if (s_[pos_] == '<' && pos_ + 1 < s_.size()) {
      char next = s_[pos_ + 1];
      if (next == '/') return end_tag();
      if (is_name_start(next) || spaced_tag(pos_)) return start_tag();
      if (next == '!' || next == '?') return declaration();
    }
    text();
  }

  void comment() {
    // WeChat looks for `-->` right after `<!`, so `<!-->` is a whole (empty) comment.
    size_t end = s_.find("-->", pos_ + 2);
    WxmlNode node;
    node.kind = WxmlNode::Kind::comment;
    if (end == std::string_view::npos) {
      error(span(pos_, pos_ + 4), "unterminated comment: expected `-->`");
      swallowed_ = true;
      node.range = span(pos_, s_.size());
      node.content = span(pos_ + 4, s_.size());
      pos_ = s_.size();
    } else {
      node.range = span(pos_, end + 3);
      node.content = span(std::min(pos_ + 4, end), end);
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
        bool markup = false;
        size_t close = find_binding_close(s_, pos_ + 2, &markup);
        pos_ = close != std::string_view::npos && !markup ? close + 2 : pos_ + 2;
        continue;
      }
      if (s_[pos_] == '<' && pos_ + 1 < s_.size() &&
          (is_name_start(s_[pos_ + 1]) || s_[pos_ + 1] == '/' || s_[pos_ + 1] == '!' ||
           s_[pos_ + 1] == '?' || spaced_tag(pos_)))
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

  // wcc lets a `;` and a blank follow a tag or attribute name (`<view; a="1">`).
  // wcc lets one stray character and a blank follow a tag or attribute name
  // (`<view; a="1">`, `<view} a>`), but not a `"`.
  size_t skip_stray_after_name(size_t p) const {
    if (p + 1 >= s_.size() || !is_space(s_[p + 1])) return p;
    char c = s_[p];
    bool stray = !is_space(c) && !is_name_char(c) && c != '=' && c != '>' && c != '/' && c != '<' &&
                 c != '"';
    return stray ? p + 1 : p;
  }

  // `<` + blanks + a name: wcc reads a tag there, glass-easel text (`a < b`). A tag only
  // when what follows reads as one: attributes with quoted values, then `>` or `/>`.
  bool spaced_tag(size_t lt) const {
    size_t p = lt + 1;
    if (p >= s_.size() || !is_space(s_[p])) return false;
    p = skip_space(p);
    if (p >= s_.size() || !is_name_start(s_[p])) return false;
    while (p < s_.size() && is_name_char(s_[p])) ++p;
    for (;;) {
      p = skip_space(p);
      if (p >= s_.size() || s_[p] == '<') return false;
      if (s_[p] == '>' || s_.compare(p, 2, "/>") == 0) return true;
      if (!is_attribute_start(s_[p])) return false;
      while (p < s_.size() && is_name_char(s_[p])) ++p;
      size_t q = skip_space(p);
      if (q >= s_.size() || s_[q] != '=') continue;
      q = skip_space(q + 1);
      if (q >= s_.size() || (s_[q] != '"' && s_[q] != '\'')) return false;
      size_t close = s_.find(s_[q], q + 1);
      if (close == std::string_view::npos) return false;
      p = close + 1;
    }
  }

  size_t skip_space(size_t p) const {
    while (p < s_.size() && is_space(s_[p])) ++p;
    return p;
  }

  // `</name>`, with blanks allowed after `</` and after the name.
  void end_tag() {
    size_t start = pos_;
    size_t name_begin = skip_space(pos_ + 2);
    size_t p = name_begin;
    while (p < s_.size() && is_name_char(s_[p])) ++p;
    std::string name(s_.substr(name_begin, p - name_begin));
    p = skip_space(p);
    if (p < s_.size() && s_[p] == '>' && !name.empty()) {
      pos_ = p + 1;
      return close_element(name, span(start, pos_));
    }
    if (p >= s_.size() && !name.empty()) {  // `</view` at the end: glass-easel closes it
      pos_ = p;
      return close_element(name, span(start, pos_));
    }
    size_t gt = s_.find('>', p);
    if (gt == std::string_view::npos) {
      error(span(start, p), "unterminated end tag `</" + name + "`");
      swallowed_ = true;
      pos_ = s_.size();
      return;
    }
    pos_ = gt + 1;
    if (name.empty()) return error(span(start, pos_), "end tag without a name");
    error(span(p, p + 1),
          "unexpected " + printable(s_[p]) + " in end tag `</" + name + ">`: expected `>`");
    close_element(name, span(start, pos_), false);
  }

  void close_element(const std::string& name, Range end_tag, bool report = true) {
    auto match = std::find_if(open_.rbegin(), open_.rend(),
                              [&](int i) { return doc_.nodes[i].tag == name; });
    if (match == open_.rend())
      match = std::find_if(open_.rbegin(), open_.rend(),
                           [&](int i) { return iequals(doc_.nodes[i].tag, name); });
    if (match == open_.rend() && open_.empty()) {
      if (report) error(end_tag, "unexpected end tag `</" + name + ">`: no element is open");
      return;
    }
    const WxmlNode& innermost = doc_.nodes[open_.back()];
    if (match == open_.rend()) {
      // A stray or misspelt end tag (`<view>…</veiw>`) is ignored; the element it was
      // probably meant to close is not reported again at the end of the file.
      if (report)
        error(end_tag, "end tag `</" + name + ">` does not match `<" + innermost.tag + ">`",
              innermost.start_tag, "`<" + innermost.tag + ">` opened here");
      reported_.insert(open_.back());
      return;
    } else if (match != open_.rbegin() && report && !reported_.count(open_.back())) {
      error(end_tag,
            "expected `</" + innermost.tag + ">` before `</" + name + ">`: `<" + innermost.tag +
                ">` is not closed",
            innermost.start_tag, "`<" + innermost.tag + ">` opened here");
    }
    // Everything opened after the matching element ends where this end tag starts.
    size_t keep = open_.size() - 1 - (match - open_.rbegin());
    for (size_t i = open_.size() - 1; i > keep; --i) doc_.nodes[open_[i]].range.end = end_tag.begin;
    doc_.nodes[open_[keep]].range.end = end_tag.end;
    open_.resize(keep);
  }

  void close_all_at_eof() {
    for (auto it = open_.rbegin(); it != open_.rend(); ++it) {
      WxmlNode& node = doc_.nodes[*it];
      node.range.end = static_cast<uint32_t>(s_.size());
    }
    // Text swallowed by an unterminated comment or value: that one finding says it all.
    if (!swallowed_) {
      // Report the outermost unclosed elements first: they are the ones a reader fixes.
      for (int index : open_) {
        if (reported_.count(index)) continue;
        const WxmlNode& node = doc_.nodes[index];
        error(node.start_tag, "expected end tag `</" + node.tag + ">`");
      }
    }
    open_.clear();
  }

  enum class TagEnd { open, self_closed, unterminated };

  void start_tag() {
    WxmlNode node;
    size_t start = pos_;
    size_t name = skip_space(pos_ + 1);  // wcc takes `<` + newline + `view …>`
    size_t p = name;
    while (p < s_.size() && is_name_char(s_[p])) ++p;
    node.tag = std::string(s_.substr(name, p - name));
    node.name_range = span(name, p);
    p = skip_stray_after_name(p);
    TagEnd end = start_tag_body(p, node);
    node.start_tag = node.range = span(start, p);
    node.self_closing = end == TagEnd::self_closed;
    if (end == TagEnd::unterminated && !tag_error_)
      error(span(start, node.name_range.end),
            "unterminated start tag `<" + node.tag + "`: expected `>`");
    if (node.tag == "wxs") check_wxs_module(node);
    pos_ = p;
    bool raw = node.tag == "wxs" && end == TagEnd::open;
    int index = add_node(std::move(node));
    if (raw) return raw_wxs(index);
    if (end == TagEnd::open) open_.push_back(index);
  }

  // Attributes up to `>` or `/>`. One error per tag: after it, skip to the tag's `>`.
  TagEnd start_tag_body(size_t& p, WxmlNode& node) {
    tag_error_ = false;
    while (p < s_.size()) {
      char c = s_[p];
      if (is_space(c)) {
        ++p;
      } else if (c == '>') {
        ++p;
        return TagEnd::open;
      } else if (c == '/' && p + 1 < s_.size() && s_[p + 1] == '>') {
        p += 2;
        return TagEnd::self_closed;
      } else if (c == '<') {
        return TagEnd::unterminated;  // a new tag starts: this one never got its '>'
      } else if (!is_attribute_start(c)) {
        tag_error(p, "unexpected " + printable(c) + " in `<" + node.tag +
                         ">`: expected an attribute name");
        return recover(p);
      } else if (!attribute(p, node)) {
        return swallowed_ ? TagEnd::unterminated : recover(p);
      }
    }
    return TagEnd::unterminated;
  }

  void tag_error(size_t at, std::string message) {
    tag_error_ = true;
    error(span(at, std::min(at + 1, s_.size())), std::move(message));
  }

  // After an error inside a start tag: the tag ends at the next `>`, if one comes before `<`.
  TagEnd recover(size_t& p) {
    while (p < s_.size() && s_[p] != '>' && s_[p] != '<') ++p;
    if (p >= s_.size() || s_[p] == '<') return TagEnd::unterminated;
    ++p;
    return s_[p - 2] == '/' ? TagEnd::self_closed : TagEnd::open;
  }

  // Parses one attribute at `p`; false after an error (reported) in it.
  bool attribute(size_t& p, WxmlNode& node) {
    WxmlAttribute a;
    size_t name_begin = p;
    while (p < s_.size() && is_name_char(s_[p])) ++p;
    a.name = std::string(s_.substr(name_begin, p - name_begin));
    a.name_range = a.range = span(name_begin, p);
    p = skip_stray_after_name(p);
    if (p < s_.size() && !is_space(s_[p]) && s_[p] != '=' && s_[p] != '>' && s_[p] != '/' &&
        s_[p] != '<') {
      tag_error(p, "unexpected " + printable(s_[p]) + " in attribute name `" + a.name + "`");
      return false;
    }
    size_t q = skip_space(p);
    if (q >= s_.size() || s_[q] != '=') {
      node.attributes.push_back(std::move(a));
      return true;
    }
    a.has_value = true;
    size_t v = skip_space(q + 1);
    bool ok = true;
    if (v < s_.size() && (s_[v] == '"' || s_[v] == '\'')) {
      ok = quoted_value(v, a, p);
    } else if (v >= s_.size() || s_[v] == '>' || s_[v] == '/' ||
               (v > q + 1 && is_attribute_start(s_[v]))) {
      a.value_range = span(v, v);  // `key= value="v"`: an empty value, then `value`
      p = v;
    } else {
      ok = unquoted_value(v, a, p);
    }
    a.value = std::string(s_.substr(a.value_range.begin, a.value_range.end - a.value_range.begin));
    a.range.end = static_cast<uint32_t>(std::max(p, static_cast<size_t>(a.value_range.end)));
    a.dynamic = a.value.find("{{") != std::string::npos;
    node.attributes.push_back(std::move(a));
    return ok;
  }

  // A value in quotes (it may span lines). After it comes a blank, `>`, `/` or a name.
  bool quoted_value(size_t open, WxmlAttribute& a, size_t& p) {
    size_t close = closing_quote(open);
    if (close == std::string_view::npos) {
      error(span(a.name_range.begin, open + 1), "unterminated value of attribute `" + a.name + "`");
      swallowed_ = tag_error_ = true;
      a.value_range = span(open + 1, s_.size());
      p = s_.size();
      return false;
    }
    a.value_range = span(open + 1, close);
    p = close + 1;
    if (p < s_.size() && !is_space(s_[p]) && s_[p] != '>' && s_[p] != '/' &&
        !is_attribute_start(s_[p])) {
      tag_error(
          p, "unexpected " + printable(s_[p]) + " after the value of attribute `" + a.name + "`");
      return false;
    }
    return true;
  }

  // The quote that ends a value opened at `open`. A string inside a `{{ }}` may hold that
  // quote (`a="{{ "x" }}"`, which glass-easel accepts), so complete bindings are skipped.
  size_t closing_quote(size_t open) const {
    char quote = s_[open];
    size_t p = open + 1;
    for (;;) {
      size_t close = s_.find(quote, p);
      size_t binding = s_.find("{{", p);
      if (close == std::string_view::npos || binding == std::string_view::npos || binding > close)
        return close;
      // Bounded, so a file of unclosed `{{` in values stays linear.
      size_t end = find_binding_close(s_.substr(0, binding + kMaxValueBinding), binding + 2);
      if (end == std::string_view::npos) return close;
      p = end + 2;
    }
  }

  // wcc reads an unquoted value that starts like a name up to the next `"` (`a=b "` is
  // `b `): accepted when what
  // follows that quote may follow a value, else the value should have been quoted.
  bool unquoted_value(size_t v, WxmlAttribute& a, size_t& p) {
    size_t quote = is_attribute_start(s_[v]) ? s_.find('"', v) : std::string_view::npos;
    size_t after = quote + 1;
    if (quote != std::string_view::npos &&
        (after >= s_.size() || is_space(s_[after]) || s_[after] == '>' || s_[after] == '/' ||
         is_attribute_start(s_[after]))) {
      a.value_range = span(v, quote);
      p = after;
      return true;
    }
    size_t e = v;
    while (e < s_.size() && !is_space(s_[e]) && s_[e] != '>') ++e;
    a.value_range = span(v, e);
    tag_error(v, "the value of attribute `" + a.name + "` must be quoted");
    p = e;
    return false;
  }

  void check_wxs_module(const WxmlNode& node) {
    const WxmlAttribute* module = nullptr;  // the last one counts
    for (const WxmlAttribute& a : node.attributes)
      if (a.name == "module") module = &a;
    if (!module) return error(node.name_range, "`<wxs>` needs a `module` name");
    if (!module->value.empty() && !is_module_name(module->value))
      error(module->value_range, "invalid `<wxs>` module name `" + module->value +
                                     "`: letters, digits and `_`, not starting with a digit");
  }

  void raw_wxs(int index) {
    size_t body = pos_;
    size_t close = body;
    for (;;) {
      close = s_.find("</", close);
      if (close == std::string_view::npos) break;
      // `</wxs>` or `</ wxs >`, not `</wxs-x>` inside a string of the module.
      size_t name = skip_space(close + 2);
      size_t after = name + 3;
      bool name_ends = after >= s_.size() || s_[after] == '>' || is_space(s_[after]);
      if (iequals(s_.substr(name, 3), "wxs") && name_ends) break;
      close += 2;
    }
    WxmlNode& node = doc_.nodes[index];
    if (close == std::string_view::npos) {
      // wcc takes a `<wxs>` left open at the end of the file without a word, and does not
      // compile what follows it: no error, and no module to check.
      node.content = span(body, s_.size());
      node.range.end = static_cast<uint32_t>(s_.size());
      pos_ = s_.size();
      return;
    }
    doc_.inline_wxs.push_back(index);
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
      bool markup = false;
      size_t close = find_binding_close(s_.substr(0, r.end), open + 2, &markup);
      if (close == std::string_view::npos || (attribute < 0 && markup)) {
        error(span(open, open + 2), "unterminated `{{`: expected `}}`");
        return;
      }
      doc_.bindings.push_back({span(open + 2, close), node, attribute, object_body});
      p = close + 2;
    }
  }

  // `a="{{x" a="{{y}}"`: WeChat keeps the last value and never compiles the earlier one.
  static bool overridden(const WxmlNode& n, size_t a) {
    return std::any_of(
        n.attributes.begin() + a + 1, n.attributes.end(),
        [&](const WxmlAttribute& later) { return later.name == n.attributes[a].name; });
  }

  void collect_bindings() {
    for (size_t i = 0; i < doc_.nodes.size(); ++i) {
      const WxmlNode& n = doc_.nodes[i];
      int index = static_cast<int>(i);
      if (n.kind == WxmlNode::Kind::text) scan_bindings(n.content, index, -1, false);
      if (n.kind != WxmlNode::Kind::element) continue;
      for (size_t a = 0; a < n.attributes.size(); ++a) {
        const WxmlAttribute& attr = n.attributes[a];
        if (!attr.dynamic || overridden(n, a)) continue;
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

size_t find_binding_close(std::string_view s, size_t from, bool* crosses_markup) {
  char quote = 0;
  int depth = 0;  // object literals inside the binding: `{{ {a: {b: 1}} }}`
  for (size_t p = from; p < s.size(); ++p) {
    char c = s[p];
    if (quote) {
      if (c == '\\')
        ++p;
      else if (c == quote)
        quote = 0;  // glass-easel lets a string span lines
      continue;
    }
    if (c == '\'' || c == '"')
      quote = c;
    else if (c == '{')
      ++depth;
    else if (c == '}' && depth > 0)
      --depth;
    else if (c == '}' && p + 1 < s.size() && s[p + 1] == '}')
      return p;
    else if (c == '<' && crosses_markup &&
             (s.compare(p, 2, "</") == 0 || s.compare(p, 4, "<!--") == 0))
      *crosses_markup = true;
  }
  return std::string_view::npos;
}

WxmlDocument parse_wxml(std::string_view text) { return Parser(text).run(); }

}  // namespace mplint
