// The tokens of WXSS as WeChat's compiler `wcsc` reads them (tests/oracle: scripts/fuzz-oracle).
// wcsc's tokenizer is modal, not CSS Syntax Level 3: between rules it knows names, `#ids`,
// strings, numbers and single-character punctuation; inside `{ }` only property names, `:`,
// `;` and `}`; after `:` a value is every byte up to `;` or `}` (outside strings and one level
// of parentheses, so `{` is an ordinary character there); after `@media`, `@supports` and
// `@keyframes` a prelude is every byte up to `{`. Strings have no escapes and may span lines.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mplint::wxss {

enum class Kind {
  name,     // .a, a-b, 0%, @font-face (a selector word or a property name)
  id,       // #a
  value,    // a string or a word starting with a digit (top level), or a declaration's value
  prelude,  // the condition of @media/@supports/@keyframes, up to `{`
  punct,    // one character: * , { } [ ] : ( ) ~ = | > + ^ ; @ $
  keyword,  // @import @charset @media @keyframes @-webkit-keyframes @supports nth-child...
  end,      // the end of the input (or of a string that swallowed it)
  error,    // a byte wcsc's tokenizer rejects; `message` says why
};

struct Token {
  Kind kind = Kind::end;
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string_view text;
  std::string message;  // Kind::error only
  bool is(char c) const { return kind == Kind::punct && text.size() == 1 && text[0] == c; }
};

enum class Mode { top, block, value, prelude };

class Lexer {
 public:
  explicit Lexer(std::string_view text);
  Token next();
  Mode mode() const { return mode_; }
  std::string_view text() const { return s_; }
  /// Continues between rules at `pos` (error recovery).
  void resume_at(size_t pos);
  /// Where a string that ran to the end of the input started, or npos.
  size_t unterminated_string() const { return open_string_; }

 private:
  Token top();
  Token block();
  Token value();
  Token prelude();
  // Skips white space, comments and wcsc's `/x` (a `/` not starting a comment is dropped
  // with the byte after it); false at an unterminated comment, whose error goes to `err`.
  bool skip_blank(Token* err);
  Token make(Kind k, size_t b, size_t e);
  Token fail(size_t at, std::string message);
  size_t word_end(size_t from) const;
  size_t string_end(size_t quote) const;  // after the closing quote, or npos

  std::string_view s_;
  size_t i_ = 0;
  Mode mode_ = Mode::top;
  size_t open_string_ = std::string_view::npos;
  size_t keyword_at_ = 0;  // the @media… whose prelude is being read
};

/// Is `c` a byte of a WXSS name (letters, digits, `.`, `_`, `-`)?
bool name_char(char c);

}  // namespace mplint::wxss
