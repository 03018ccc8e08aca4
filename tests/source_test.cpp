#include <doctest/doctest.h>

#include "analyzer/source.h"

using namespace mplint;

TEST_CASE("positions are 1-based lines and UTF-16 columns") {
  SourceText s("a.wxml", "ab\n中文x\n😀y");
  CHECK(s.position(0) == Position{1, 1});
  CHECK(s.position(1) == Position{1, 2});
  CHECK(s.position(3) == Position{2, 1});
  CHECK(s.position(9) == Position{2, 3});   // after two 3-byte CJK characters
  CHECK(s.position(11) == Position{3, 1});
  CHECK(s.position(15) == Position{3, 3});  // an astral character is two UTF-16 units
  CHECK(s.line_count() == 3);
  CHECK(s.line_text(2) == "中文x");
}

TEST_CASE("a BOM is not a column and CRLF is not part of a line") {
  SourceText s("a.js", "\xEF\xBB\xBF" "a\r\nb");
  CHECK(s.has_bom());
  CHECK(s.parse_text().substr(0, 4) == "   a");
  CHECK(s.position(3) == Position{1, 1});
  CHECK(s.line_text(1) == "a");
  CHECK(s.position(6) == Position{2, 1});
}

TEST_CASE("invalid UTF-8 is found at its first bad byte") {
  CHECK_FALSE(first_invalid_utf8("plain 中文 😀"));
  CHECK(first_invalid_utf8("ab\xD6\xD0") == 2u);       // GBK
  CHECK(first_invalid_utf8("\xC0\xAF") == 0u);          // overlong
  CHECK(first_invalid_utf8("\xED\xA0\x80") == 0u);      // surrogate
  CHECK(first_invalid_utf8("ok\xE4\xB8") == 2u);        // truncated
}
