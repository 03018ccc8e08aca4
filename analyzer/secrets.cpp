#include "analyzer/secrets.h"

#include <algorithm>
#include <climits>

namespace mplint {

namespace {

// The byte length of the UTF-8 sequence that starts with `c` (1 for a stray byte).
size_t sequence_bytes(unsigned char c) {
  return c >= 0xF0 && c <= 0xF7 ? 4 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xC0 && c <= 0xDF ? 2 : 1;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Marks the characters of text[from, to) but the first `keep` (and blanks) in `masked`, at
// their lead bytes.
void mark(std::string_view text, size_t from, size_t to, size_t keep, std::vector<bool>* masked) {
  to = std::min(to, text.size());
  size_t seen = 0;
  for (size_t i = from; i < to; i += sequence_bytes(static_cast<unsigned char>(text[i]))) {
    if (seen++ >= keep && !is_blank(text[i])) (*masked)[i] = true;
  }
}

// `text` with each marked character replaced by one '*' per UTF-16 unit.
std::string masked_text(std::string_view text, const std::vector<bool>& masked) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t n = std::min(sequence_bytes(static_cast<unsigned char>(text[i])), text.size() - i);
    if (masked[i])
      out.append(n == 4 ? 2 : 1, '*');
    else
      out.append(text.substr(i, n));
    i += n;
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

// The longest prefix of `text` that occurs somewhere in `piece`.
size_t longest_run(std::string_view text, std::string_view piece) {
  size_t best = 0;
  for (size_t j = 0; j + best < piece.size(); ++j) {
    size_t k = 0;
    while (k < text.size() && j + k < piece.size() && text[k] == piece[j + k]) ++k;
    best = std::max(best, k);
  }
  return best;
}

constexpr size_t kMinPiece = 8, kRun = 16;

}  // namespace

std::string mask_bytes(std::string_view text, size_t from, size_t to, size_t keep) {
  std::vector<bool> masked(text.size());
  mark(text, from, to, keep, &masked);
  return masked_text(text, masked);
}

std::vector<std::string> secret_pieces(std::string_view secret) {
  std::vector<std::string> out;
  while (!secret.empty()) {
    size_t nl = secret.find('\n');
    std::string_view piece = trim(secret.substr(0, nl));
    if (piece.size() >= kMinPiece) out.emplace_back(piece);
    secret = nl == std::string_view::npos ? std::string_view() : secret.substr(nl + 1);
  }
  return out;
}

std::string mask_pieces(std::string text, const std::vector<std::string>& pieces) {
  std::vector<bool> masked(text.size());
  bool any = false;
  for (const std::string& piece : pieces) {
    size_t need = std::min(piece.size(), kRun);
    for (size_t i = 0; i < text.size();) {
      size_t run = longest_run(std::string_view(text).substr(i), piece);
      if (run < need) {
        ++i;
        continue;
      }
      mark(text, i, i + run, kSecretKept, &masked);
      any = true;
      i += run;
    }
  }
  return any ? masked_text(text, masked) : text;
}

SecretMask::SecretMask(const std::vector<Finding>& findings, const LineOf& line_of) {
  if (!line_of) return;
  for (const Finding& f : findings)
    for (const Loc& secret : f.secrets) add(f.path, secret, line_of);
}

void SecretMask::add(const std::string& path, const Loc& secret, const LineOf& line_of) {
  for (uint32_t n = secret.begin.line; n <= secret.end.line; ++n) {
    Span span{n == secret.begin.line ? secret.begin.column : 1,
              n == secret.end.line ? secret.end.column : UINT32_MAX,
              n == secret.begin.line ? kSecretKept : 0};
    spans_[path][n].push_back(span);
    std::string text(line_of(path, n));  // a copy: the next call may invalidate the view
    size_t from = byte_at_column(text, span.from);
    size_t to = span.to == UINT32_MAX ? text.size() : byte_at_column(text, span.to);
    std::string_view piece = trim(std::string_view(text).substr(from, to - std::min(from, to)));
    if (piece.size() >= kMinPiece) pieces_[path].emplace_back(piece);
  }
}

std::string SecretMask::line(const std::string& path, uint32_t n, std::string_view text) const {
  auto file = spans_.find(path);
  if (file == spans_.end()) return std::string(text);
  auto spans = file->second.find(n);
  if (spans == file->second.end()) return std::string(text);
  std::vector<bool> masked(text.size());
  for (const Span& s : spans->second) {
    size_t to = s.to == UINT32_MAX ? text.size() : byte_at_column(text, s.to);
    mark(text, byte_at_column(text, s.from), to, s.keep, &masked);
  }
  return masked_text(text, masked);
}

std::string SecretMask::message(const std::string& path, std::string text) const {
  for (const auto& [file, pieces] : pieces_) {
    if (file == path) {
      text = mask_pieces(std::move(text), pieces);
      continue;
    }
    // Secrets of other files: only where one appears whole (cheap, and enough for them).
    for (const std::string& piece : pieces)
      if (text.find(piece) != std::string::npos) text = mask_pieces(std::move(text), {piece});
  }
  return text;
}

void SecretMask::mask_messages(Finding* f) const {
  if (pieces_.empty()) return;
  f->message = message(f->path, std::move(f->message));
  for (RelatedLocation& r : f->related) r.message = message(r.path, std::move(r.message));
}

}  // namespace mplint
