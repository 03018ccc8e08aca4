#include "analyzer/wxss_lexer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstring>

namespace mplint::wxss {

namespace {

constexpr size_t npos = std::string_view::npos;

bool name_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
}
bool digit(char c) { return c >= '0' && c <= '9'; }
// wcsc's white space: no form feed, no vertical tab.
bool blank(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  return true;
}

// Words wcsc turns into keywords wherever they occur (as a selector word, a property name).
constexpr std::array<std::string_view, 10> kKeywords = {
    "@import",   "@charset",  "@media",      "@keyframes",     "@-webkit-keyframes",
    "@supports", "nth-child", "nth-of-type", "nth-last-child", "nth-last-of-type"};
constexpr size_t kFirstBlockKeyword = 2, kLastBlockKeyword = 5;  // @media … @supports

// The character at `at` for a message: a whole UTF-8 sequence, or a control byte's code.
std::string shown_char(std::string_view s, size_t at) {
  unsigned char c = static_cast<unsigned char>(s[at]);
  if (c < 0x20 || c == 0x7f) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", c);
    return buf;
  }
  size_t e = at + 1;
  while (c >= 0x80 && e < s.size() && (static_cast<unsigned char>(s[e]) & 0xC0) == 0x80) ++e;
  return std::string(s.substr(at, e - at));
}

}  // namespace

bool name_char(char c) { return name_start(c) || digit(c); }

// wcsc reads its input as a C string: nothing after a NUL byte exists for it.
Lexer::Lexer(std::string_view text) : s_(text.substr(0, text.find('\0'))) {}

void Lexer::resume_at(size_t pos) {
  i_ = std::min(pos, s_.size());
  mode_ = Mode::top;
}

Token Lexer::next() {
  switch (mode_) {
    case Mode::block:
      return block();
    case Mode::value:
      return value();
    case Mode::prelude:
      return prelude();
    case Mode::top:
      break;
  }
  return top();
}

Token Lexer::make(Kind k, size_t b, size_t e) {
  Token t;
  t.kind = k;
  t.begin = static_cast<uint32_t>(b);
  t.end = static_cast<uint32_t>(e);
  t.text = s_.substr(b, e - b);
  return t;
}

Token Lexer::fail(size_t at, std::string message) {
  Token t = make(Kind::error, at, std::min(at + 1, s_.size()));
  t.message = std::move(message);
  return t;
}

size_t Lexer::word_end(size_t from) const {
  while (from < s_.size() && name_char(s_[from])) ++from;
  return from;
}

size_t Lexer::string_end(size_t quote) const {
  size_t close = s_.find(s_[quote], quote + 1);
  return close == npos ? npos : close + 1;
}

bool Lexer::skip_blank(Token* err) {
  while (i_ < s_.size()) {
    if (blank(s_[i_])) {
      ++i_;
    } else if (s_[i_] == '/' && i_ + 1 < s_.size() && s_[i_ + 1] == '*') {
      size_t close = s_.find("*/", i_ + 2);
      if (close == npos) {
        *err = fail(i_, "unterminated comment: expected `*/`");
        i_ = s_.size();
        return false;
      }
      i_ = close + 2;
    } else if (s_[i_] == '/') {
      i_ = std::min(i_ + 2, s_.size());  // wcsc drops a lone `/` and the byte after it
    } else {
      return true;
    }
  }
  return true;
}

Token Lexer::top() {
  Token err;
  if (!skip_blank(&err)) return err;
  size_t b = i_;
  if (b >= s_.size()) return make(Kind::end, b, b);
  char c = s_[b];
  if (name_start(c) || (c == '@' && b + 1 < s_.size() && name_start(s_[b + 1]))) {
    i_ = word_end(b + 1);
    Token t = make(Kind::name, b, i_);
    for (size_t k = 0; k < kKeywords.size(); ++k) {
      if (!iequals(t.text, kKeywords[k])) continue;
      t.kind = Kind::keyword;
      if (k >= kFirstBlockKeyword && k <= kLastBlockKeyword) {
        mode_ = Mode::prelude;
        keyword_at_ = b;
      }
    }
    return t;
  }
  if (digit(c) || c == '#') {
    i_ = word_end(b + 1);
    if (c == '#') return make(Kind::id, b, i_);
    if (i_ < s_.size() && s_[i_] == '%') return make(Kind::name, b, ++i_);  // 0% in @keyframes
    return make(Kind::value, b, i_);
  }
  if (c == '"' || c == '\'') {
    size_t e = string_end(b);
    if (e == npos) {  // wcsc ends its input there, silently
      open_string_ = b;
      i_ = s_.size();
      return make(Kind::end, i_, i_);
    }
    i_ = e;
    return make(Kind::value, b, e);
  }
  if (std::strchr("*,{}[]:()~=|>+^;@$", c) != nullptr) {
    ++i_;
    if (c == '{') mode_ = Mode::block;
    return make(Kind::punct, b, i_);
  }
  return fail(b, "unexpected `" + shown_char(s_, b) + "` in a selector");
}

Token Lexer::block() {
  Token err;
  if (!skip_blank(&err)) return err;
  size_t b = i_;
  if (b >= s_.size()) return make(Kind::end, b, b);
  char c = s_[b];
  if (name_start(c)) {
    size_t e = word_end(b + 1);
    std::string_view word = s_.substr(b, e - b);
    if (e < s_.size() && s_[e] == '{')
      return fail(e, "unexpected `{` after `" + std::string(word) +
                         "`: rules cannot be nested in a declaration block (missing `}`?)");
    if (e < s_.size() && !blank(s_[e]) && std::strchr(":;}", s_[e]) == nullptr)
      return fail(e, "expected `:` after property name `" + std::string(word) + "`, found `" +
                         shown_char(s_, e) + "`");
    i_ = e;
    Token t = make(Kind::name, b, e);
    for (std::string_view k : kKeywords)
      if (iequals(word, k)) t.kind = Kind::keyword;
    return t;
  }
  if (c == ':' || c == ';' || c == '}') {
    ++i_;
    if (c == ':') mode_ = Mode::value;
    if (c == '}') mode_ = Mode::top;
    return make(Kind::punct, b, i_);
  }
  if (c == '{') return fail(b, "unexpected `{` in a declaration block (missing `}`?)");
  return fail(b, "expected a property name, found `" + shown_char(s_, b) + "`");
}

// A value runs to `;` or `}` outside strings and parentheses (one level: wcsc does not count
// them, so `f(a))` is fine and `(` … `)` hides any `;` `}` between them).
Token Lexer::value() {
  size_t b = i_;
  bool paren = false;
  while (i_ < s_.size()) {
    char c = s_[i_];
    if (c == '"' || c == '\'') {
      size_t e = string_end(i_);
      if (e == npos) {
        open_string_ = i_;
        i_ = s_.size();
        break;
      }
      i_ = e;
      continue;
    }
    if (!paren && (c == ';' || c == '}')) break;
    if (c == '(') paren = true;
    if (c == ')') paren = false;
    ++i_;
  }
  if (i_ >= s_.size()) return make(Kind::end, s_.size(), s_.size());
  mode_ = Mode::block;
  // Even blanks make a value (`color: ;` is accepted, `color:}` is not).
  return i_ > b ? make(Kind::value, b, i_) : block();
}

Token Lexer::prelude() {
  size_t brace = s_.find('{', i_);
  if (brace == npos) {
    size_t kw_end = word_end(keyword_at_ + 1);
    i_ = s_.size();
    return fail(keyword_at_, "expected `{` after `" +
                                 std::string(s_.substr(keyword_at_, kw_end - keyword_at_)) +
                                 " …` before the end of the file");
  }
  if (brace > i_) {
    Token t = make(Kind::prelude, i_, brace);
    i_ = brace;
    return t;
  }
  ++i_;
  mode_ = Mode::top;  // the block of @media holds rules, read between rules
  return make(Kind::punct, brace, i_);
}

}  // namespace mplint::wxss
