// WXSS syntax as WeChat's compiler `wcsc` accepts it: a small hand-written LL(1) checker over
// the tokens of wxss_lexer.h, modelled on wcsc's grammar and probed against it with
// scripts/fuzz-oracle. Not CSS: `*` and nested rules are rejected, a declaration is
// `name [: value] [;]` with no empty `;;`, a selector is a run of simple selectors (`.a`,
// `#b`, `> c`, `+ d`, `e ~ f`, `[g=h]`, `:not(.i)`, `::after`, `:nth-child(2n+1)`) with
// optional commas, `@import`/`@charset` take a string and an optional `;`, and
// `@media`/`@supports`/`@keyframes` a non-empty block of rules. Iterative (the only nesting,
// at-rule blocks and `:not(:not(…))`, is counted) and linear; after an error it skips to the
// end of the rule it is in, so each broken rule is one finding.
#include <algorithm>

#include "analyzer/parsed_file.h"
#include "analyzer/wxss_lexer.h"

namespace mplint {

namespace {

using wxss::Kind;
using wxss::Mode;
using wxss::Token;

constexpr size_t kMaxProblems = 20;

std::string quoted(std::string_view text) { return "`" + shorten_for_message(text) + "`"; }

bool selector_start(const Token& t) {
  return t.kind == Kind::name || t.kind == Kind::id || t.is('+') || t.is('>') || t.is('[') ||
         t.is(':');
}

class Checker {
 public:
  explicit Checker(std::string_view text) : lex_(text) {}
  std::vector<ParseProblem> run();

 private:
  bool stylesheet();
  bool item();
  bool at_rule();
  bool rule();
  bool selectors();
  bool simple(const char* where);
  bool pseudo();
  bool nth();
  bool attribute();
  bool declarations();
  bool want(bool ok, const std::string& expected);
  bool fail(const Token& at, std::string message);
  bool fail_end(const std::string& expected);
  void advance();
  bool recover();

  wxss::Lexer lex_;
  Token tok_;
  Mode tok_mode_ = Mode::top;  // the lexer's mode when `tok_` was read
  Token last_;                 // the token before `tok_`
  Token error_at_;
  Mode error_mode_ = Mode::top;
  std::vector<ParseProblem> out_;
  struct Block {
    uint32_t brace;
    std::string keyword;
    bool empty;
  };
  std::vector<Block> blocks_;  // open @media/@supports/@keyframes blocks
  bool in_rule_ = false;
  uint32_t rule_brace_ = 0;  // the `{` of the rule being read
};

void Checker::advance() {
  if (tok_.kind != Kind::end) last_ = tok_;
  tok_mode_ = lex_.mode();
  tok_ = lex_.next();
}

std::vector<ParseProblem> Checker::run() {
  advance();
  while (!stylesheet() && out_.size() < kMaxProblems && recover()) {
  }
  return std::move(out_);
}

bool Checker::fail(const Token& at, std::string message) {
  out_.push_back({{at.begin, std::max(at.end, at.begin + 1)}, std::move(message)});
  error_at_ = at;
  error_mode_ = tok_mode_;
  return false;
}

// The end of the input where more was expected: point at what is still open.
bool Checker::fail_end(const std::string& expected) {
  Token at = tok_;
  size_t quote = lex_.unterminated_string();
  if (quote != std::string_view::npos) {
    at.begin = at.end = static_cast<uint32_t>(quote);
    return fail(at, "unterminated string: it runs to the end of the file");
  }
  if (in_rule_) {
    at.begin = at.end = rule_brace_;
    return fail(at, "unclosed `{`: expected `}` before the end of the file");
  }
  if (!blocks_.empty()) {
    // wcsc names the last token here; the message names the block's line.
    const Block& b = blocks_.back();
    std::string_view s = lex_.text().substr(0, b.brace);
    size_t line = 1 + static_cast<size_t>(std::count(s.begin(), s.end(), '\n'));
    at.begin = last_.begin;
    at.end = last_.end;
    return fail(at, "unclosed `{` of `" + b.keyword + "` (line " + std::to_string(line) +
                        "): expected `}` before the end of the file");
  }
  // Like wcsc, name the last token: what it lacks is after it.
  at.begin = last_.begin;
  at.end = last_.end;
  return fail(at, "unexpected end of the file: expected " + expected);
}

// Fails unless `ok`, naming what was expected and what was found.
bool Checker::want(bool ok, const std::string& expected) {
  if (ok) return true;
  if (tok_.kind == Kind::error) return fail(tok_, tok_.message);
  if (tok_.kind == Kind::end) return fail_end(expected);
  return fail(tok_, "expected " + expected + ", found " + quoted(tok_.text));
}

bool Checker::stylesheet() {
  while (tok_.kind != Kind::end || !blocks_.empty()) {
    if (tok_.is('}') && !blocks_.empty()) {
      if (blocks_.back().empty)
        return fail(tok_, "empty `" + blocks_.back().keyword + "` block: wcsc needs a rule in it");
      blocks_.pop_back();
      advance();
      continue;
    }
    if (!blocks_.empty()) blocks_.back().empty = false;
    if (!item()) return false;
  }
  return true;
}

bool Checker::item() {
  if (tok_.kind == Kind::keyword && tok_.text[0] == '@') return at_rule();
  if (selector_start(tok_)) return rule();
  if (tok_.is('*')) return fail(tok_, "the universal selector `*` is not supported in WXSS");
  if (tok_.is('}')) return fail(tok_, "unexpected `}`: no block is open");
  if (tok_.is(';')) return fail(tok_, "unexpected `;` between rules");
  return want(false, "a selector or an at-rule");
}

bool Checker::at_rule() {
  std::string keyword = ascii_lower(tok_.text);
  advance();
  if (keyword == "@import" || keyword == "@charset") {
    if (!want(tok_.kind == Kind::value, "a quoted string after `" + keyword + "`")) return false;
    advance();
    if (tok_.is(';')) advance();  // optional, also at the end of the file
    return true;
  }
  if (!want(tok_.kind == Kind::prelude, "a condition or a name after `" + keyword + "`"))
    return false;
  advance();
  if (!want(tok_.is('{'), "`{`")) return false;
  blocks_.push_back({tok_.begin, keyword, true});
  advance();
  return true;
}

bool Checker::rule() {
  Token first = tok_;
  if (!selectors()) {
    // `@foo …;` reads as a selector `@foo`: say what it is.
    if (first.kind == Kind::name && first.text[0] == '@' && !out_.empty() &&
        out_.back().range.begin != first.begin)
      out_.back().message = "unknown at-rule " + quoted(first.text) + ": " + out_.back().message;
    return false;
  }
  in_rule_ = true;
  rule_brace_ = tok_.begin;
  advance();
  if (!declarations()) return false;
  in_rule_ = false;
  return true;
}

// Simple selectors with optional commas between them, up to `{`.
bool Checker::selectors() {
  while (true) {
    if (tok_.is(':')) {
      if (!pseudo()) return false;
    } else if (!simple("a selector")) {
      return false;
    }
    if (tok_.is(',')) {
      advance();
      if (!want(selector_start(tok_) || tok_.is('{'), "a selector after `,`")) return false;
    }
    if (tok_.is('{')) return true;
    if (tok_.is(';')) return fail(tok_, "unexpected `;` in a selector: expected `{`");
    if (!want(selector_start(tok_), "`{` after the selector")) return false;
  }
}

// One simple selector other than a pseudo-class: .a, #b, e ~ f, > c, + d, [g=h].
bool Checker::simple(const char* where) {
  if (tok_.kind == Kind::id) {
    advance();
    return true;
  }
  if (tok_.kind == Kind::name) {
    advance();
    if (!tok_.is('~')) return true;
    advance();
    if (!want(tok_.kind == Kind::name, "a class or tag name after `~`")) return false;
    advance();
    return true;
  }
  if (tok_.is('>') || tok_.is('+')) {
    std::string op(tok_.text);
    advance();
    if (!want(tok_.kind == Kind::name, "a class or tag name after `" + op + "`")) return false;
    advance();
    return true;
  }
  if (tok_.is('[')) return attribute();
  return want(false, where);
}

// :name, :name(simple), ::name, :nth-child(an+b); `:not(:not(.a))` nests without recursion.
bool Checker::pseudo() {
  int open = 0;
  while (true) {
    advance();  // past `:`
    if (tok_.is(':')) {
      advance();
      if (!want(tok_.kind == Kind::name, "a pseudo-element name after `::`")) return false;
      advance();
      break;
    }
    if (tok_.kind == Kind::keyword && tok_.text[0] != '@') {  // nth-child and its kin
      advance();
      if (!want(tok_.is('('), "`(` after `nth-…`")) return false;
      advance();
      if (!nth()) return false;
      if (!want(tok_.is(')'), "`)`")) return false;
      advance();
      break;
    }
    if (!want(tok_.kind == Kind::name, "a pseudo-class name after `:`")) return false;
    advance();
    if (!tok_.is('(')) break;
    advance();
    ++open;
    if (tok_.is(':')) continue;
    if (!simple("one simple selector inside `( )`")) return false;
    break;
  }
  for (; open > 0; --open) {
    if (!want(tok_.is(')'), "`)` (wcsc takes one simple selector inside `( )`)")) return false;
    advance();
  }
  return true;
}

bool Checker::nth() {
  if (!want(tok_.kind == Kind::name || tok_.kind == Kind::value, "an+b")) return false;
  advance();
  while (tok_.is('+')) {
    advance();
    if (!want(tok_.kind == Kind::value, "a number after `+`")) return false;
    advance();
  }
  return true;
}

bool Checker::attribute() {
  advance();  // past `[`
  if (!want(tok_.kind == Kind::name, "an attribute name after `[`")) return false;
  advance();
  if (tok_.is(']')) {
    advance();
    return true;
  }
  if (tok_.is('~')) {
    advance();
    if (tok_.is('=')) advance();
  } else if (tok_.is('|') || tok_.is('^') || tok_.is('$') || tok_.is('*')) {
    advance();
    if (!want(tok_.is('='), "`=`")) return false;
    advance();
  } else if (!want(tok_.is('='), "`]` or `=` in the attribute selector")) {
    return false;
  } else {
    advance();
  }
  if (!want(tok_.kind == Kind::name || tok_.kind == Kind::value, "an attribute value"))
    return false;
  advance();
  if (!want(tok_.is(']'), "`]`")) return false;
  advance();
  return true;
}

// name [: value] [;] … up to `}`.
bool Checker::declarations() {
  while (!tok_.is('}')) {
    if (tok_.is(':')) return fail(tok_, "expected a property name before `:`");
    if (tok_.is(';')) return fail(tok_, "unexpected `;`: empty declaration");
    if (!want(tok_.kind == Kind::name, "a property name or `}`")) return false;
    std::string name(tok_.text);
    advance();
    if (tok_.is(':')) {
      advance();
      if (tok_.kind == Kind::value) {
        advance();
      } else if (!tok_.is(';')) {
        return want(false, "a value after `" + name + ":`");
      }
    }
    if (tok_.is(';')) advance();
  }
  advance();
  return true;
}

// Skips to the `}` that ends the rule (or block) the error is in, or to the `;` that ends a
// statement between rules, and goes on after it.
bool Checker::recover() {
  if (error_at_.kind == Kind::end) return false;
  std::string_view s = lex_.text();
  int depth = error_mode_ == Mode::block || error_mode_ == Mode::value ? 1 : 0;
  size_t i = error_at_.begin;
  while (i < s.size()) {
    char c = s[i];
    size_t skip = 1;
    if (c == '"' || c == '\'') {
      size_t close = s.find(c, i + 1);
      skip = close == std::string_view::npos ? s.size() - i : close + 1 - i;
    } else if (s.compare(i, 2, "/*") == 0) {
      size_t close = s.find("*/", i + 2);
      skip = close == std::string_view::npos ? s.size() - i : close + 2 - i;
    } else if (c == ';' && depth == 0) {
      break;  // the end of a statement between rules (`@foo;`, `@import url(x);`)
    } else if (c == '{') {
      ++depth;
    } else if (c == '}' && --depth <= 0) {
      if (depth < 0 && !blocks_.empty()) blocks_.pop_back();
      break;
    }
    i += skip;
  }
  if (i >= s.size()) return false;  // nothing after it to check
  in_rule_ = false;
  lex_.resume_at(i + 1);
  advance();
  return true;
}

}  // namespace

std::vector<ParseProblem> check_wxss_syntax(std::string_view text) { return Checker(text).run(); }

}  // namespace mplint
