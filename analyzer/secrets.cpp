#include "analyzer/secrets.h"

#include <algorithm>
#include <climits>

namespace mplint {

namespace {

constexpr size_t kMinPiece = 8, kRun = SecretMask::kRun;

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
    for (const Loc& secret : f.secrets) add_spans(f.path, secret);
  // Each line once (a minified line may hold thousands of secrets), grouped by file.
  for (const auto& [path, lines] : spans_)
    for (const auto& [n, spans] : lines) add_pieces(spans, std::string(line_of(path, n)));
  index_pieces();
}

void SecretMask::add_spans(const std::string& path, const Loc& secret) {
  for (uint32_t n = secret.begin.line; n <= secret.end.line; ++n)
    spans_[path][n].push_back({n == secret.begin.line ? secret.begin.column : 1,
                               n == secret.end.line ? secret.end.column : UINT32_MAX,
                               n == secret.begin.line ? kSecretKept : 0});
}

std::vector<std::pair<size_t, size_t>> SecretMask::byte_ranges(const std::vector<Span>& spans,
                                                               std::string_view text) {
  std::vector<uint32_t> columns;
  for (const Span& s : spans) columns.insert(columns.end(), {s.from, s.to});
  std::sort(columns.begin(), columns.end());
  columns.erase(std::unique(columns.begin(), columns.end()), columns.end());
  // One pass over the line for all columns, not one scan per span.
  std::vector<size_t> bytes;
  size_t at = 0;
  uint32_t col = 1;
  for (uint32_t want : columns) {
    while (at < text.size() && col < want) {
      auto c = static_cast<unsigned char>(text[at]);
      at += std::min(sequence_bytes(c), text.size() - at);
      col += sequence_bytes(c) == 4 ? 2 : 1;
    }
    bytes.push_back(at);
  }
  std::vector<std::pair<size_t, size_t>> out;
  for (const Span& s : spans) {
    auto byte = [&](uint32_t c) {
      return bytes[std::lower_bound(columns.begin(), columns.end(), c) - columns.begin()];
    };
    out.emplace_back(byte(s.from), byte(s.to));
  }
  return out;
}

void SecretMask::add_pieces(const std::vector<Span>& spans, const std::string& text) {
  for (const auto& [from, to] : byte_ranges(spans, text)) {
    std::string_view piece = trim(std::string_view(text).substr(from, to - std::min(from, to)));
    if (piece.size() >= kMinPiece) pieces_.emplace_back(piece);
  }
}

// A hash of a run of kRun bytes.
uint64_t SecretMask::window_hash(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s.substr(0, kRun)) h = (h ^ c) * 1099511628211ull;
  return h;
}

void SecretMask::index_pieces() {
  std::sort(pieces_.begin(), pieces_.end());
  pieces_.erase(std::unique(pieces_.begin(), pieces_.end()), pieces_.end());
  for (uint32_t i = 0; i < pieces_.size(); ++i) {
    const std::string& p = pieces_[i];
    if (p.size() < kRun) short_pieces_.push_back(i);
    for (size_t at = 0; at + kRun <= p.size(); ++at)
      windows_.push_back(
          {window_hash(std::string_view(p).substr(at)), i, static_cast<uint32_t>(at)});
  }
  std::sort(windows_.begin(), windows_.end());
}

std::string_view SecretMask::line(const std::string& path, uint32_t n,
                                  std::string_view text) const {
  auto file = spans_.find(path);
  if (file == spans_.end()) return text;
  auto spans = file->second.find(n);
  if (spans == file->second.end()) return text;
  // Findings come sorted: the next frame is often the same line.
  if (cached_path_ == path && cached_line_ == n) return cached_text_;
  std::vector<bool> masked(text.size());
  std::vector<std::pair<size_t, size_t>> ranges = byte_ranges(spans->second, text);
  for (size_t i = 0; i < ranges.size(); ++i)
    mark(text, ranges[i].first, ranges[i].second, spans->second[i].keep, &masked);
  cached_path_ = path;
  cached_line_ = n;
  cached_text_ = masked_text(text, masked);
  return cached_text_;
}

std::string SecretMask::message(std::string text) const {
  // Bytes of `text` inside a run of kRun characters that some secret holds, or inside a
  // short secret held whole; each run then keeps its first characters like a frame does.
  std::vector<bool> covered(text.size());
  bool any = false;
  for (size_t at = 0; at + kRun <= text.size(); ++at) {
    uint64_t h = window_hash(std::string_view(text).substr(at));
    auto it = std::lower_bound(windows_.begin(), windows_.end(), Window{h, 0, 0});
    for (; it != windows_.end() && it->hash == h; ++it) {
      if (text.compare(at, kRun, pieces_[it->piece], it->offset, kRun) != 0) continue;
      std::fill(covered.begin() + at, covered.begin() + at + kRun, true);
      any = true;
      break;
    }
  }
  for (uint32_t i : short_pieces_)
    for (size_t at = text.find(pieces_[i]); at != std::string::npos;
         at = text.find(pieces_[i], at + 1)) {
      std::fill(covered.begin() + at, covered.begin() + at + pieces_[i].size(), true);
      any = true;
    }
  if (!any) return text;
  std::vector<bool> masked(text.size());
  for (size_t at = 0; at < text.size();) {
    size_t end = at;
    while (end < text.size() && covered[end]) ++end;
    if (end > at) mark(text, at, end, kSecretKept, &masked);
    at = end + 1;
  }
  return masked_text(text, masked);
}

void SecretMask::mask_messages(Finding* f) const {
  if (pieces_.empty()) return;
  f->message = message(std::move(f->message));
  for (RelatedLocation& r : f->related) r.message = message(std::move(r.message));
}

}  // namespace mplint
