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

TEST_CASE("columns stay exact across the position index's blocks") {
  // One long line mixing ASCII, 3-byte Chinese and 4-byte emoji, crossing many 4 KiB blocks.
  std::string line;
  for (int i = 0; i < 6000; ++i) line += i % 7 == 0 ? "价" : i % 11 == 0 ? "😀" : "ab";
  SourceText src("a.js", "x\n" + line + "\nend");
  for (uint32_t at : {2u, 4097u, 4098u, 8191u, 8192u, 9000u, static_cast<uint32_t>(line.size()) + 2}) {
    uint32_t byte = at;
    while (byte > 2 && (static_cast<unsigned char>(src.text()[byte]) & 0xC0) == 0x80) --byte;
    INFO("byte " << byte);
    Position p = src.position(byte);
    CHECK(p.line == 2);
    CHECK(p.column == utf16_length(src.text().substr(2, byte - 2)) + 1);
  }
  CHECK(src.position(static_cast<uint32_t>(src.text().size())).line == 3);
  CHECK(SourceText("e.js", "").position(0).column == 1);
}

TEST_CASE("LineScanner answers what byte_at_column and utf16_length do, in any order") {
  // ASCII, CJK, an astral character, a stray continuation byte and a cut sequence.
  std::string line;
  for (int i = 0; i < 40; ++i) line += std::string("ab中😀\x80x\xE4") + "c";
  std::string other = line;  // the same text at another address: another line
  LineScanner scan;
  const std::string path = "a.js";
  std::vector<uint32_t> columns;
  for (uint32_t c = 1; c < 400; c += 3) columns.push_back(c);
  for (uint32_t c : {5u, 5u, 2u, 390u, 1u, 1000u}) columns.push_back(c);  // back, same, beyond
  for (uint32_t c : columns) {
    CAPTURE(c);
    CHECK(scan.byte_at_column(path, 1, line, c) == byte_at_column(line, c));
    size_t b = byte_at_column(line, c);
    CHECK(scan.utf16_length_before(path, 1, line, b) == utf16_length(line.substr(0, b)));
    CHECK(scan.byte_at_column(path, 2, other, c / 2 + 1) == byte_at_column(other, c / 2 + 1));
  }
  for (size_t b = 0; b <= line.size() + 2; ++b) {
    CAPTURE(b);
    CHECK(scan.utf16_length_before(path, 1, line, b) ==
          utf16_length(line.substr(0, std::min(b, line.size()))));
  }
}
