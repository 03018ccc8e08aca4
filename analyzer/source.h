// Source text with positions: byte offsets to 1-based line and UTF-16 column.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mplint {

/// A 1-based line and a 1-based column counted in UTF-16 code units (SARIF, LSP, GitHub).
struct Position {
  uint32_t line = 1;
  uint32_t column = 1;
  auto operator<=>(const Position&) const = default;
};

/// A half-open byte range [begin, end) in a file's original bytes.
struct Range {
  uint32_t begin = 0;
  uint32_t end = 0;
};

/// Returns the offset of the first byte that is not valid UTF-8, if any.
std::optional<uint32_t> first_invalid_utf8(std::string_view bytes);

/// A file's bytes and their line table. A UTF-8 BOM is kept in `text()` but replaced by
/// spaces in `parse_text()` (same length, so offsets agree) and is not counted as a column.
class SourceText {
 public:
  SourceText() = default;
  SourceText(std::string path, std::string bytes);

  const std::string& path() const { return path_; }
  std::string_view text() const { return bytes_; }
  std::string_view parse_text() const { return parse_bytes_; }
  bool has_bom() const { return has_bom_; }
  const std::optional<uint32_t>& invalid_utf8() const { return invalid_utf8_; }

  Position position(uint32_t byte) const;
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }
  /// The line's text without its line terminator (1-based line).
  std::string_view line_text(uint32_t line) const;
  std::string_view slice(Range r) const;

 private:
  std::string path_;
  std::string bytes_;
  std::string parse_bytes_;
  bool has_bom_ = false;
  std::optional<uint32_t> invalid_utf8_;
  std::vector<uint32_t> line_starts_;
  // UTF-16 units before each kBlock-byte block: a column costs at most kBlock bytes of
  // scanning, even on a 10 MB single-line minified file with many findings.
  static constexpr uint32_t kBlock = 4096;
  std::vector<uint32_t> units_before_block_;
  uint32_t units_before(uint32_t byte) const;
};

/// Number of UTF-16 code units in a UTF-8 string (invalid bytes count one each).
uint32_t utf16_length(std::string_view utf8);

/// The byte offset in `line` where 1-based UTF-16 `column` starts (its end when beyond).
size_t byte_at_column(std::string_view line, uint32_t column);

/// byte_at_column() and utf16_length() of a line's prefix for findings that come sorted:
/// each answer goes on from the previous one when it is about the same line (same file and
/// line number, same text) and further right, so a minified line with thousands of findings
/// is scanned once, not once per finding.
class LineScanner {
 public:
  size_t byte_at_column(const std::string& path, uint32_t line_number, std::string_view line,
                        uint32_t column);
  uint32_t utf16_length_before(const std::string& path, uint32_t line_number,
                               std::string_view line, size_t byte);

 private:
  /// Starts over unless `line` is the one the scans are on.
  void start(const std::string& path, uint32_t line_number, std::string_view line);
  std::string path_;
  uint32_t line_number_ = 0;
  std::string_view line_;
  uint32_t column_ = 1, asked_column_ = 1;  // byte_at_column's scan: at byte column_at_
  size_t column_at_ = 0;
  size_t units_at_ = 0, asked_byte_ = 0;  // utf16_length's scan: units_ before units_at_
  uint32_t units_ = 0;
};

/// `text` with ASCII letters lower-cased (other bytes, UTF-8 included, unchanged).
std::string ascii_lower(std::string_view text);

}  // namespace mplint
