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
class SecretMask {
 public:
  /// Returns line `n` of file `path` (as findings name it), or "" if unknown.
  using LineOf = std::function<std::string_view(const std::string& path, uint32_t n)>;
  SecretMask(const std::vector<Finding>& findings, const LineOf& line_of);
  bool empty() const { return spans_.empty(); }
  /// `text`, which is line `n` of `path`, with every secret on it masked.
  std::string line(const std::string& path, uint32_t n, std::string_view text) const;
  /// A message about `path` with any secret text masked.
  std::string message(const std::string& path, std::string text) const;
  /// Masks the finding's message and its related locations' messages.
  void mask_messages(Finding* f) const;

 private:
  struct Span {
    uint32_t from;  // UTF-16 columns, 1-based; `to` is exclusive (UINT32_MAX: end of line)
    uint32_t to;
    size_t keep;
  };
  void add(const std::string& path, const Loc& secret, const LineOf& line_of);
  std::map<std::string, std::map<uint32_t, std::vector<Span>>> spans_;
  std::map<std::string, std::vector<std::string>> pieces_;
};

}  // namespace mplint
