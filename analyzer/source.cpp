#include "analyzer/source.h"

#include <algorithm>

namespace mplint {

namespace {
// Length of the UTF-8 sequence a lead byte starts, or 0 for a byte that cannot lead.
int sequence_length(unsigned char c) {
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return 2;
  if (c >= 0xE0 && c <= 0xEF) return 3;
  if (c >= 0xF0 && c <= 0xF4) return 4;
  return 0;
}

// UTF-16 units a byte adds: continuation bytes none, a 4-byte lead two (a surrogate pair).
uint32_t units_of_byte(unsigned char c) {
  if ((c & 0xC0) == 0x80) return 0;
  return c >= 0xF0 ? 2 : 1;
}
}  // namespace

std::optional<uint32_t> first_invalid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int n = sequence_length(c);
    if (n == 0 || i + n > s.size()) return static_cast<uint32_t>(i);
    auto c1 = static_cast<unsigned char>(s[i + 1]);
    // Reject overlong forms and surrogates through the second byte's allowed range.
    unsigned char lo = 0x80, hi = 0xBF;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
    if (c1 < lo || c1 > hi) return static_cast<uint32_t>(i);
    for (int k = 2; k < n; ++k) {
      auto ck = static_cast<unsigned char>(s[i + k]);
      if (ck < 0x80 || ck > 0xBF) return static_cast<uint32_t>(i);
    }
    i += n;
  }
  return std::nullopt;
}

size_t byte_at_column(std::string_view line, uint32_t column) {
  size_t at = 0;
  for (uint32_t col = 1; at < line.size() && col < column; ++at)
    if ((static_cast<unsigned char>(line[at]) & 0xC0) != 0x80)
      col += static_cast<unsigned char>(line[at]) >= 0xF0 ? 2 : 1;
  while (at < line.size() && (static_cast<unsigned char>(line[at]) & 0xC0) == 0x80) ++at;
  return at;
}

void LineScanner::start(const std::string& path, uint32_t line_number, std::string_view line) {
  bool same = path == path_ && line_number == line_number_ && line.data() == line_.data() &&
              line.size() == line_.size();
  if (same) return;
  path_ = path;
  line_number_ = line_number;
  line_ = line;
  column_ = asked_column_ = 1;
  column_at_ = 0;
  units_at_ = asked_byte_ = 0;
  units_ = 0;
}

size_t LineScanner::byte_at_column(const std::string& path, uint32_t line_number,
                                   std::string_view line, uint32_t column) {
  start(path, line_number, line);
  if (column < asked_column_) column_ = 1, column_at_ = 0;  // to the left: from the start
  asked_column_ = column;
  // The loop of ::byte_at_column(), resumed where the last call stopped.
  for (; column_at_ < line.size() && column_ < column; ++column_at_)
    if ((static_cast<unsigned char>(line[column_at_]) & 0xC0) != 0x80)
      column_ += static_cast<unsigned char>(line[column_at_]) >= 0xF0 ? 2 : 1;
  size_t at = column_at_;
  while (at < line.size() && (static_cast<unsigned char>(line[at]) & 0xC0) == 0x80) ++at;
  return at;
}

uint32_t LineScanner::utf16_length_before(const std::string& path, uint32_t line_number,
                                          std::string_view line, size_t byte) {
  start(path, line_number, line);
  if (byte < asked_byte_) units_at_ = 0, units_ = 0;
  asked_byte_ = byte;
  // The loop of ::utf16_length() over line[0, byte), resumed.
  for (size_t end = std::min(byte, line.size()); units_at_ < end;) {
    int n = sequence_length(static_cast<unsigned char>(line[units_at_]));
    if (n == 0) n = 1;
    units_ += n == 4 ? 2 : 1;
    units_at_ += n;
  }
  return units_;
}

uint32_t utf16_length(std::string_view s) {
  uint32_t units = 0;
  size_t i = 0;
  while (i < s.size()) {
    int n = sequence_length(static_cast<unsigned char>(s[i]));
    if (n == 0) n = 1;
    units += n == 4 ? 2 : 1;
    i += n;
  }
  return units;
}

SourceText::SourceText(std::string path, std::string bytes)
    : path_(std::move(path)), bytes_(std::move(bytes)) {
  has_bom_ = bytes_.size() >= 3 && bytes_.compare(0, 3, "\xEF\xBB\xBF") == 0;
  parse_bytes_ = bytes_;
  if (has_bom_) parse_bytes_.replace(0, 3, "   ");
  invalid_utf8_ = first_invalid_utf8(bytes_);
  line_starts_.push_back(0);
  uint32_t units = 0;
  for (uint32_t i = 0; i < bytes_.size(); ++i) {
    if (i % kBlock == 0) units_before_block_.push_back(units);
    if (bytes_[i] == '\n') line_starts_.push_back(i + 1);
    units += units_of_byte(static_cast<unsigned char>(bytes_[i]));
  }
}

uint32_t SourceText::units_before(uint32_t byte) const {
  if (units_before_block_.empty()) return 0;
  uint32_t block = byte / kBlock;
  if (block >= units_before_block_.size())
    block = static_cast<uint32_t>(units_before_block_.size()) - 1;
  uint32_t units = units_before_block_[block];
  for (uint32_t i = block * kBlock; i < byte; ++i)
    units += units_of_byte(static_cast<unsigned char>(bytes_[i]));
  return units;
}

Position SourceText::position(uint32_t byte) const {
  byte = std::min<uint32_t>(byte, static_cast<uint32_t>(bytes_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte);
  auto line = static_cast<uint32_t>(it - line_starts_.begin());
  uint32_t start = line_starts_[line - 1];
  if (line == 1 && has_bom_) start = std::min<uint32_t>(3, byte);
  // A short line is counted from its start; the block table serves long (minified) lines.
  if (byte - start < kBlock) {
    uint32_t units = 0;
    for (uint32_t i = start; i < byte; ++i)
      units += units_of_byte(static_cast<unsigned char>(bytes_[i]));
    return {line, units + 1};
  }
  return {line, units_before(byte) - units_before(start) + 1};
}

std::string_view SourceText::line_text(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  uint32_t start = line_starts_[line - 1];
  if (line == 1 && has_bom_) start = 3;
  uint32_t end =
      line < line_starts_.size() ? line_starts_[line] - 1 : static_cast<uint32_t>(bytes_.size());
  if (end > start && bytes_[end - 1] == '\r') --end;
  if (end < start) end = start;
  return std::string_view(bytes_).substr(start, end - start);
}

std::string_view SourceText::slice(Range r) const {
  uint32_t b = std::min<uint32_t>(r.begin, static_cast<uint32_t>(bytes_.size()));
  uint32_t e = std::clamp<uint32_t>(r.end, b, static_cast<uint32_t>(bytes_.size()));
  return std::string_view(bytes_).substr(b, e - b);
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace mplint
