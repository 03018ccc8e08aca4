// Per-file outcomes (findings and facts) kept on disk between runs, one file per key in a
// cache folder (`.mplint-cache/` by default). A key names everything an outcome depends on
// (the file's bytes, its path and kind, mplint's version, the rules and their settings, the
// project's layout and JSON), so a stored outcome is reused only when recomputing it would
// give the same bytes. Entries are written to a temporary file and renamed into place, so a
// concurrent run sees a whole entry or none; an entry that is truncated, corrupt or from
// another version fails its checks and is recomputed and rewritten, never trusted.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mplint {

/// 32 hex digits: a 128-bit hash of `data` (not cryptographic; for cache keys).
std::string hash_hex(std::string_view data);

class DiskCache {
 public:
  /// `dir`: absolute; created on the first store.
  explicit DiskCache(std::string dir) : dir_(std::move(dir)) {}
  const std::string& dir() const { return dir_; }
  /// The payload stored under `key`, or nothing when it is missing or fails a check.
  std::optional<std::string> load(const std::string& key) const;
  /// Stores `payload` under `key`; a folder that cannot be written is silently skipped (the
  /// cache only saves time).
  void store(const std::string& key, std::string_view payload) const;

 private:
  std::string path_of(const std::string& key) const;
  std::string dir_;
};

}  // namespace mplint
