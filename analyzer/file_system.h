// Disk access behind a small interface so tests can lint an in-memory package.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace mplint {

struct DirEntry {
  std::string name;
  bool is_dir = false;
  uint64_t size = 0;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  /// Reads a whole file; on failure returns false and sets `error` (e.g. "permission denied").
  virtual bool read(const std::string& path, std::string* out, std::string* error) const = 0;
  virtual bool is_file(const std::string& path) const = 0;
  virtual bool is_dir(const std::string& path) const = 0;
  /// Lists a directory's entries sorted by name; symlinked directories are not followed.
  virtual std::vector<DirEntry> list(const std::string& dir) const = 0;
  /// An absolute, normalized form of `path` (no symlink resolution needed).
  virtual std::string absolute(const std::string& path) const = 0;
};

class DiskFileSystem : public FileSystem {
 public:
  bool read(const std::string& path, std::string* out, std::string* error) const override;
  bool is_file(const std::string& path) const override;
  bool is_dir(const std::string& path) const override;
  std::vector<DirEntry> list(const std::string& dir) const override;
  std::string absolute(const std::string& path) const override;
};

/// `base` with each directory listed once. A run lists the tree to find its packages, then
/// each package lists its files again; a listing is kept for one run only (it is not watched).
class ListingCache : public FileSystem {
 public:
  explicit ListingCache(const FileSystem& base) : base_(base) {}
  bool read(const std::string& path, std::string* out, std::string* error) const override {
    return base_.read(path, out, error);
  }
  bool is_file(const std::string& path) const override { return base_.is_file(path); }
  bool is_dir(const std::string& path) const override { return base_.is_dir(path); }
  std::vector<DirEntry> list(const std::string& dir) const override;
  std::string absolute(const std::string& path) const override { return base_.absolute(path); }

 private:
  const FileSystem& base_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::vector<DirEntry>> lists_;
};

/// Files held in memory, keyed by absolute '/'-separated path.
class MemoryFileSystem : public FileSystem {
 public:
  void add(const std::string& path, std::string content) { files_[path] = std::move(content); }
  bool read(const std::string& path, std::string* out, std::string* error) const override;
  bool is_file(const std::string& path) const override;
  bool is_dir(const std::string& path) const override;
  std::vector<DirEntry> list(const std::string& dir) const override;
  std::string absolute(const std::string& path) const override;

 private:
  std::map<std::string, std::string> files_;
};

/// Joins and normalizes '/'-separated paths ("a/b/../c" -> "a/c").
std::string join_path(const std::string& base, const std::string& rel);
std::string normalize_path(const std::string& path);
std::string parent_dir(const std::string& path);
/// The extension of the last path segment, lower-cased, without the dot ("" when none).
std::string extension_of(const std::string& path);
/// `path` without the extension of its last segment ("pages/a/index.js" -> "pages/a/index").
std::string stem_of(const std::string& path);

}  // namespace mplint

namespace mplint {
/// `to` (absolute) relative to directory `from` (absolute), using "../" where needed.
std::string relative_path(const std::string& from, const std::string& to);
/// A path as a URI reference (RFC 3986): bytes other than unreserved characters and '/' are
/// percent-encoded, so spaces and Chinese file names stay valid in SARIF and LSP URIs.
std::string uri_path(std::string_view path);
}  // namespace mplint

namespace mplint {
/// Another file system with some files' content replaced: an editor buffer from stdin, the
/// language server's open documents, the files --fix has changed. Keyed by absolute path.
class OverlayFileSystem : public FileSystem {
 public:
  explicit OverlayFileSystem(const FileSystem& base) : base_(base) {}
  OverlayFileSystem(const FileSystem& base, std::string path, std::string content) : base_(base) {
    set(std::move(path), std::move(content));
  }
  void set(std::string path, std::string content) { files_[std::move(path)] = std::move(content); }
  void erase(const std::string& path) { files_.erase(path); }
  /// The replaced files.
  const std::map<std::string, std::string>& files() const { return files_; }
  const FileSystem& base() const { return base_; }
  bool read(const std::string& path, std::string* out, std::string* error) const override;
  bool is_file(const std::string& path) const override;
  bool is_dir(const std::string& path) const override { return base_.is_dir(path); }
  std::vector<DirEntry> list(const std::string& dir) const override;
  std::string absolute(const std::string& path) const override { return base_.absolute(path); }

 private:
  const FileSystem& base_;
  std::map<std::string, std::string> files_;
};
}  // namespace mplint
