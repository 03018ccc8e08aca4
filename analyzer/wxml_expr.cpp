// A recursive-descent checker for the `{{ }}` language. What it accepts is measured
// against WeChat's compilers (wcc and glass-easel; a binding is valid when either accepts
// it), see tests/oracle.sh. Recursion is capped: a binding nested deeper than kMaxDepth is
// not judged rather than risking the stack.
#include "analyzer/wxml_expr.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace mplint {

namespace {

constexpr int kMaxDepth = 400;

enum class Tok { end, name, number, string, punct, bad };

struct Token {
  Tok kind = Tok::end;
  size_t begin = 0;
  size_t end = 0;
  std::string_view text;
  std::string bad_message;  // for Tok::bad
};

bool is_ident_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}
bool is_ident_char(char c) {
  return is_ident_start(c) || std::isdigit(static_cast<unsigned char>(c));
}
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// JavaScript reserves these; the `{{ }}` language reads them as data keys.
bool js_reserved(std::string_view w) {
  static constexpr std::array<std::string_view, 41> kWords = {
      "await",     "break",      "case",      "catch",    "class", "const",      "continue",
      "debugger",  "default",    "delete",    "do",       "else",  "enum",       "export",
      "extends",   "finally",    "for",       "function", "if",    "implements", "import",
      "in",        "instanceof", "interface", "let",      "new",   "package",    "private",
      "protected", "public",     "return",    "static",   "super", "switch",     "throw",
      "try",       "typeof",     "var",       "void",     "while", "with"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end() || w == "yield";
}

// Multi-character operators, longest first. Those JavaScript has but `{{ }}` does not come
// with the reason, so the finding says what was meant.
struct Punct {
  std::string_view text;
  const char* rejected;  // nullptr when the operator is part of the language
};
constexpr std::array<Punct, 33> kPuncts = {{
    {">>>=", "assignment is not allowed in `{{ }}`"},
    {"===", nullptr},
    {"!==", nullptr},
    {">>>", nullptr},
    {"...", nullptr},
    {"**=", "assignment is not allowed in `{{ }}`"},
    {"<<=", "assignment is not allowed in `{{ }}`"},
    {">>=", "assignment is not allowed in `{{ }}`"},
    {"&&=", "assignment is not allowed in `{{ }}`"},
    {"||=", "assignment is not allowed in `{{ }}`"},
    {"?\?=", "assignment is not allowed in `{{ }}`"},
    {"==", nullptr},
    {"!=", nullptr},
    {"<=", nullptr},
    {">=", nullptr},
    {"&&", nullptr},
    {"||", nullptr},
    {"?\?", nullptr},
    {"<<", nullptr},
    {">>", nullptr},
    {"**", "`**` is not supported in `{{ }}`"},
    {"++", "`++` and `--` are not allowed in `{{ }}`"},
    {"=>", "arrow functions are not allowed in `{{ }}`"},
    {"+=", "assignment is not allowed in `{{ }}`"},
    {"-=", "assignment is not allowed in `{{ }}`"},
    {"*=", "assignment is not allowed in `{{ }}`"},
    {"/=", "assignment is not allowed in `{{ }}`"},
    {"%=", "assignment is not allowed in `{{ }}`"},
    {"&=", "assignment is not allowed in `{{ }}`"},
    {"|=", "assignment is not allowed in `{{ }}`"},
    {"^=", "assignment is not allowed in `{{ }}`"},
    {"?.", "optional chaining `?.` is not supported in `{{ }}`"},
    {"=", "assignment is not allowed in `{{ }}`"},
}};
constexpr std::string_view kSingle = "+-*/%<>!~&|^?:,.()[]{}";

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  Token next() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
      ++pos_;
    Token t;
    t.begin = pos_;
    if (pos_ >= s_.size()) return finish(t, Tok::end, pos_);
    char c = s_[pos_];
    if (is_ident_start(c)) {
      size_t e = pos_;
      while (e < s_.size() && is_ident_char(s_[e])) ++e;
      return finish(t, Tok::name, e);
    }
    if (is_digit(c) || (c == '.' && pos_ + 1 < s_.size() && is_digit(s_[pos_ + 1])))
      return number(t);
    if (c == '"' || c == '\'') return string(t);
    return punct(t);
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;

  Token finish(Token t, Tok kind, size_t end) {
    t.kind = kind;
    t.end = end;
    t.text = s_.substr(t.begin, end - t.begin);
    pos_ = end;
    return t;
  }
  Token bad(Token t, size_t end, std::string message) {
    t.bad_message = std::move(message);
    return finish(t, Tok::bad, end);
  }

  Token number(Token t) {
    size_t e = pos_;
    bool dot_last = false;
    if (s_[e] == '0' && e + 1 < s_.size() && (s_[e + 1] == 'x' || s_[e + 1] == 'X')) {
      e += 2;
      while (e < s_.size() && std::isxdigit(static_cast<unsigned char>(s_[e]))) ++e;
    } else {
      while (e < s_.size() && is_digit(s_[e])) ++e;
      if (e < s_.size() && s_[e] == '.') {
        ++e;
        dot_last = e >= s_.size() || !is_digit(s_[e]);
        while (e < s_.size() && is_digit(s_[e])) ++e;
      }
      if (e < s_.size() && (s_[e] == 'e' || s_[e] == 'E')) {
        size_t x = e + 1;
        if (x < s_.size() && (s_[x] == '+' || s_[x] == '-')) ++x;
        if (x < s_.size() && is_digit(s_[x])) {
          while (x < s_.size() && is_digit(s_[x])) ++x;
          e = x;
          dot_last = false;
        }
      }
    }
    // `1_000`, `0b1`, `10n`, `1..toString()`: not numbers the language knows.
    if (e < s_.size() && (is_ident_char(s_[e]) || (dot_last && s_[e] == '.')))
      return bad(t, e + 1, "invalid number `" + std::string(s_.substr(pos_, e + 1 - pos_)) + "`");
    return finish(t, Tok::number, e);
  }

  Token string(Token t) {
    char quote = s_[pos_];
    for (size_t e = pos_ + 1; e < s_.size(); ++e) {
      if (s_[e] == '\\')
        ++e;
      else if (s_[e] == quote)
        return finish(t, Tok::string, e + 1);
    }
    return bad(t, s_.size(), "unterminated string");
  }

  Token punct(Token t) {
    for (const Punct& p : kPuncts) {
      if (s_.compare(pos_, p.text.size(), p.text) != 0) continue;
      // `a?.5:1` is a conditional, not optional chaining.
      if (p.text == "?." && pos_ + 2 < s_.size() && is_digit(s_[pos_ + 2])) continue;
      if (p.rejected) return bad(t, pos_ + p.text.size(), p.rejected);
      return finish(t, Tok::punct, pos_ + p.text.size());
    }
    char c = s_[pos_];
    if (kSingle.find(c) != std::string_view::npos) return finish(t, Tok::punct, pos_ + 1);
    if (c == '`') return bad(t, pos_ + 1, "template literals are not allowed in `{{ }}`");
    if (c == ';') return bad(t, pos_ + 1, "`;` is not allowed in `{{ }}`: it holds one expression");
    if (static_cast<unsigned char>(c) >= 0x80)
      return bad(t, pos_ + 1, "non-ASCII character in `{{ }}` outside a string");
    return bad(t, pos_ + 1, "unexpected `" + std::string(1, c) + "`");
  }
};

int binary_precedence(const Token& t) {
  if (t.kind == Tok::name) return t.text == "instanceof" ? 7 : 0;
  if (t.kind != Tok::punct) return 0;
  std::string_view o = t.text;
  if (o == "||" || o == "??") return 1;
  if (o == "&&") return 2;
  if (o == "|") return 3;
  if (o == "^") return 4;
  if (o == "&") return 5;
  if (o == "==" || o == "!=" || o == "===" || o == "!==") return 6;
  if (o == "<" || o == ">" || o == "<=" || o == ">=") return 7;
  if (o == "<<" || o == ">>" || o == ">>>") return 8;
  if (o == "+" || o == "-") return 9;
  if (o == "*" || o == "/" || o == "%") return 10;
  return 0;
}

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s), lex_(s) { advance(); }

  /// Parses the whole text as an expression (object_body = false) or an object body.
  bool parse(bool object_body) {
    bool ok = object_body ? body_items(Tok::end, "") : expression();
    if (ok && tok_.kind != Tok::end) ok = unexpected();
    return ok;
  }

  std::optional<WxmlExprError> error;
  bool too_deep = false;
  std::vector<size_t> reserved_names;  // offsets of JS-reserved words used as names

 private:
  std::string_view s_;
  Lexer lex_;
  Token tok_;
  int depth_ = 0;

  void advance() { tok_ = lex_.next(); }
  bool is(std::string_view p) const { return tok_.kind == Tok::punct && tok_.text == p; }

  bool fail(size_t offset, std::string message) {
    if (!error) error = WxmlExprError{offset, std::move(message)};
    return false;
  }
  bool unexpected() {
    if (tok_.kind == Tok::bad) return fail(tok_.begin, tok_.bad_message);
    if (tok_.kind == Tok::end) return fail(tok_.begin, "the expression ends too early");
    return fail(tok_.begin, "unexpected `" + std::string(tok_.text) + "`");
  }
  bool expect(std::string_view p) {
    if (!is(p)) return unexpected();
    advance();
    return true;
  }

  struct Depth {
    Parser& p;
    explicit Depth(Parser& parser) : p(parser) { ++p.depth_; }
    ~Depth() { --p.depth_; }
  };
  bool deep() {
    if (depth_ < kMaxDepth) return false;
    too_deep = true;
    return true;
  }

  bool starts_operand() const {
    switch (tok_.kind) {
      case Tok::name:
      case Tok::number:
      case Tok::string:
        return true;
      case Tok::punct:
        return tok_.text.size() == 1 &&
               std::string_view("([{!-+~").find(tok_.text[0]) != std::string_view::npos;
      default:
        return false;
    }
  }

  bool expression() {
    Depth d(*this);
    if (deep()) return false;
    if (!binary(1)) return false;
    if (!is("?")) return true;
    advance();
    if (!expression() || !expect(":")) return false;
    return expression();
  }

  bool binary(int min_precedence) {
    if (!unary()) return false;
    for (;;) {
      int p = binary_precedence(tok_);
      if (p < min_precedence || p == 0) return true;
      advance();
      if (!binary(p + 1)) return false;
    }
  }

  bool unary() {
    Depth d(*this);
    if (deep()) return false;
    if (is("!") || is("-") || is("+") || is("~")) {
      advance();
      return unary();
    }
    if (tok_.kind == Tok::name && (tok_.text == "typeof" || tok_.text == "void")) {
      Token word = tok_;
      advance();
      if (starts_operand()) return unary();
      reserved_names.push_back(word.begin);  // a lone `typeof` is a data key
      return postfix();
    }
    if (!primary()) return false;
    return postfix();
  }

  bool postfix() {
    for (;;) {
      if (is(".")) {
        advance();
        if (tok_.kind != Tok::name) return unexpected();
        advance();
      } else if (is("[")) {
        advance();
        if (!expression() || !expect("]")) return false;
      } else if (is("(")) {
        advance();
        if (!call_arguments()) return false;
      } else {
        return after_operand();
      }
    }
  }

  // What may follow a complete operand; JavaScript-only words get their own message.
  bool after_operand() {
    if (tok_.kind != Tok::name || tok_.text == "instanceof") return true;
    if (tok_.text == "in") return fail(tok_.begin, "`in` is not supported in `{{ }}`");
    return true;  // the caller reports the stray name
  }

  bool call_arguments() {
    while (!is(")")) {
      if (!expression()) return false;
      if (is(","))
        advance();
      else if (!is(")"))
        return unexpected();
    }
    advance();
    return true;
  }

  bool primary() {
    switch (tok_.kind) {
      case Tok::name:
        return name();
      case Tok::number:
      case Tok::string:
        advance();
        return true;
      case Tok::punct:
        if (is("(")) {
          advance();
          return expression() && expect(")");
        }
        if (is("[")) return array_literal();
        if (is("{")) {
          advance();
          return body_items(Tok::punct, "}");
        }
        if (is("/")) return fail(tok_.begin, "regular expressions are not allowed in `{{ }}`");
        return unexpected();
      default:
        return unexpected();
    }
  }

  bool name() {
    Token word = tok_;
    advance();
    // `new Date()`, `delete a.b`; but `new - 1` and `new[0]` read the data key "new".
    if (word.text == "new" && tok_.kind == Tok::name)
      return fail(word.begin, "`new` is not supported in `{{ }}`");
    if (word.text == "delete" && tok_.kind == Tok::name)
      return fail(word.begin, "`delete` is not supported in `{{ }}`");
    if (word.text == "function" && (is("(") || tok_.kind == Tok::name))
      return fail(word.begin, "function literals are not allowed in `{{ }}`");
    if (js_reserved(word.text)) reserved_names.push_back(word.begin);
    return true;
  }

  bool array_literal() {
    advance();  // [
    while (!is("]")) {
      if (is(",")) {  // a hole
        advance();
        continue;
      }
      if (is("...")) advance();
      if (!expression()) return false;
      if (is(","))
        advance();
      else if (!is("]"))
        return unexpected();
    }
    advance();
    return true;
  }

  // `name`, `name: expr` or `...expr`, comma-separated, up to `closer` (`}` or the end).
  bool body_items(Tok closer_kind, std::string_view closer) {
    auto at_close = [&] {
      return tok_.kind == closer_kind && (closer.empty() || tok_.text == closer);
    };
    while (!at_close()) {
      if (!body_item()) return false;
      if (is(","))
        advance();
      else if (!at_close())
        return unexpected();
    }
    if (closer_kind == Tok::punct) advance();
    return true;
  }

  bool body_item() {
    if (is("...")) {
      advance();
      return expression();
    }
    if (tok_.kind != Tok::name) return unexpected();
    Token key = tok_;
    advance();
    if (!is(":")) {
      if (js_reserved(key.text)) reserved_names.push_back(key.begin);  // shorthand `{class}`
      return true;
    }
    advance();
    return expression();
  }
};

}  // namespace

WxmlExpression read_wxml_expression(std::string_view text) {
  WxmlExpression out;
  Parser as_expression(text);
  Parser as_body(text);
  const Parser* valid = nullptr;
  if (as_expression.parse(false) || as_expression.too_deep) {
    valid = &as_expression;
  } else if (as_body.parse(true) || as_body.too_deep) {
    valid = &as_body;
    out.object_body = true;
  }
  if (!valid) {
    // Report the reading that got further: it is the one the author meant.
    const auto& e = as_expression.error;
    const auto& b = as_body.error;
    out.error = (b && e && b->offset > e->offset) ? b : e;
    return out;
  }
  out.parse_text = std::string(text);
  for (size_t offset : valid->reserved_names) out.parse_text[offset] = '$';
  return out;
}

std::optional<WxmlExprError> check_wxml_expression(std::string_view text) {
  return read_wxml_expression(text).error;
}

bool is_wxml_object_body(std::string_view text) { return read_wxml_expression(text).object_body; }

std::string wxml_expression_parse_text(std::string_view text) {
  return read_wxml_expression(text).parse_text;
}

}  // namespace mplint
