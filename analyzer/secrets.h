// Secrets are never echoed. A finding may carry the ranges of secrets it found (a hard-coded
// AppSecret, a private key); every output masks them: the first 4 characters stay, the rest
// become '*' (one per UTF-16 unit, so columns and caret lines still line up; whitespace of a
// multi-line secret stays). Code frames mask every line a secret covers, whichever finding
// shows the line, and messages are masked of any secret text as a safety net.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/finding.h"

namespace mplint {

/// How many characters of a secret outputs show.
constexpr size_t kSecretKept = 4;

/// `text` with the characters from byte `from` to byte `to` masked, the first `keep` of them
/// kept. Whitespace is kept; a character becomes one '*' per UTF-16 unit.
std::string mask_bytes(std::string_view text, size_t from, size_t to, size_t keep);

/// The parts of a secret's text that messages must not contain: its lines, trimmed, of 8
/// characters or more.
std::vector<std::string> secret_pieces(std::string_view secret);

/// `text` with every occurrence of a piece, or of a run of 16 characters of one, masked.
std::string mask_pieces(std::string text, const std::vector<std::string>& pieces);

/// The secrets of a report's findings, read back from their files, to mask outputs with.
/// Not thread-safe (it remembers the last line it masked).
class SecretMask {
 public:
  /// Returns line `n` of file `path` (as findings name it), or "" if unknown.
  using LineOf = std::function<std::string_view(const std::string& path, uint32_t n)>;
  /// A message must not contain a run of this many characters of a secret.
  static constexpr size_t kRun = 16;
  SecretMask(const std::vector<Finding>& findings, const LineOf& line_of);
  bool empty() const { return spans_.empty(); }
  /// `text`, which is line `n` of `path`, with every secret on it masked: `text` itself when
  /// it has none, else a masked copy valid until the next call.
  std::string_view line(const std::string& path, uint32_t n, std::string_view text) const;
  /// A message with any secret text masked (whole, or a run of kRun characters of one).
  std::string message(std::string text) const;
  /// Masks the finding's message and its related locations' messages.
  void mask_messages(Finding* f) const;

 private:
  struct Span {
    uint32_t from;  // UTF-16 columns, 1-based; `to` is exclusive (UINT32_MAX: end of line)
    uint32_t to;
    size_t keep;
  };
  void add_spans(const std::string& path, const Loc& secret);
  void add_pieces(const std::vector<Span>& spans, const std::string& text);
  void index_pieces();
  static std::vector<std::pair<size_t, size_t>> byte_ranges(const std::vector<Span>& spans,
                                                            std::string_view text);
  static uint64_t window_hash(std::string_view s);

  std::map<std::string, std::map<uint32_t, std::vector<Span>>> spans_;
  std::vector<std::string> pieces_;  // every secret's lines, trimmed
  struct Window {                    // a run of kRun characters of a piece
    uint64_t hash;
    uint32_t piece, offset;
    bool operator<(const Window& o) const { return hash < o.hash; }
  };
  std::vector<Window> windows_;         // sorted by hash
  std::vector<uint32_t> short_pieces_;  // pieces shorter than kRun
  mutable std::string cached_path_;
  mutable uint32_t cached_line_ = 0;
  mutable std::string cached_text_;
};

}  // namespace mplint
