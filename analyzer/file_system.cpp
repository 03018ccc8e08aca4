#include "analyzer/file_system.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "analyzer/source.h"

namespace mplint {

namespace fs = std::filesystem;

bool DiskFileSystem::read(const std::string& path, std::string* out, std::string* error) const {
  // One open, one fstat, reads straight into the string (a stream copy costs twice that).
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = std::strerror(errno);
    return false;
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    *error = "is a directory";
    return false;
  }
  std::string data;
  data.resize(st.st_size > 0 ? static_cast<size_t>(st.st_size) : 0);
  size_t got = 0;
  char more[4096];  // past the size fstat gave: a file that grew, or one that reports 0
  for (;;) {
    bool full = got == data.size();
    ssize_t n = full ? ::read(fd, more, sizeof more) : ::read(fd, data.data() + got, data.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *error = std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    if (full) data.append(more, static_cast<size_t>(n));
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  data.resize(got);
  *out = std::move(data);
  return true;
}

bool DiskFileSystem::is_file(const std::string& path) const {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

bool DiskFileSystem::is_dir(const std::string& path) const {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

std::vector<DirEntry> DiskFileSystem::list(const std::string& dir) const {
  std::vector<DirEntry> out;
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    DirEntry e;
    e.name = it->path().filename().string();
    std::error_code ec2;
    bool symlink = it->is_symlink(ec2);
    // Symlinked directories are not followed: that is how symlink loops cannot hang us.
    e.is_dir = !symlink && it->is_directory(ec2);
    if (!e.is_dir) {
      if (!it->is_regular_file(ec2) && !symlink) continue;
      if (symlink && fs::is_directory(it->path(), ec2)) continue;
      e.size = it->file_size(ec2);
      if (ec2) e.size = 0;
    }
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(),
            [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return out;
}

std::vector<DirEntry> ListingCache::list(const std::string& dir) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = lists_.find(dir);
  if (it == lists_.end()) it = lists_.emplace(dir, base_.list(dir)).first;
  return it->second;
}

std::string DiskFileSystem::absolute(const std::string& path) const {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  return normalize_path(p.lexically_normal().generic_string());
}

bool MemoryFileSystem::read(const std::string& path, std::string* out, std::string* error) const {
  auto it = files_.find(path);
  if (it == files_.end()) {
    *error = "No such file or directory";
    return false;
  }
  *out = it->second;
  return true;
}

bool MemoryFileSystem::is_file(const std::string& path) const { return files_.count(path) > 0; }

bool MemoryFileSystem::is_dir(const std::string& path) const {
  std::string prefix = path == "/" ? "/" : path + "/";
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

std::vector<DirEntry> MemoryFileSystem::list(const std::string& dir) const {
  std::string prefix = dir == "/" ? "/" : dir + "/";
  std::vector<DirEntry> out;
  for (auto it = files_.lower_bound(prefix);
       it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    std::string rest = it->first.substr(prefix.size());
    auto slash = rest.find('/');
    DirEntry e;
    e.name = rest.substr(0, slash);
    e.is_dir = slash != std::string::npos;
    e.size = e.is_dir ? 0 : it->second.size();
    if (out.empty() || out.back().name != e.name) out.push_back(e);
  }
  return out;
}

std::string MemoryFileSystem::absolute(const std::string& path) const {
  return normalize_path(path.empty() || path[0] != '/' ? "/" + path : path);
}

std::string normalize_path(const std::string& path) {
  bool absolute = !path.empty() && path[0] == '/';
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(path);
  while (std::getline(in, part, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..")
        parts.pop_back();
      else if (!absolute)
        parts.push_back(part);
      continue;
    }
    parts.push_back(part);
  }
  std::string out = absolute ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "/" : "") + parts[i];
  return out.empty() ? "." : out;
}

std::string join_path(const std::string& base, const std::string& rel) {
  if (!rel.empty() && rel[0] == '/') return normalize_path(rel);
  if (base.empty() || base == ".") return normalize_path(rel);
  return normalize_path(base + "/" + rel);
}

std::string parent_dir(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return "";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace mplint

namespace mplint {
std::string relative_path(const std::string& from, const std::string& to) {
  auto split = [](const std::string& p) {
    std::vector<std::string> parts;
    std::istringstream in(p);
    std::string part;
    while (std::getline(in, part, '/'))
      if (!part.empty()) parts.push_back(part);
    return parts;
  };
  auto a = split(from), b = split(to);
  size_t common = 0;
  while (common < a.size() && common < b.size() && a[common] == b[common]) ++common;
  std::string out;
  for (size_t i = common; i < a.size(); ++i) out += "../";
  for (size_t i = common; i < b.size(); ++i) out += b[i] + (i + 1 < b.size() ? "/" : "");
  return out.empty() ? "." : out;
}
}  // namespace mplint

namespace mplint {
bool OverlayFileSystem::read(const std::string& path, std::string* out, std::string* error) const {
  auto it = files_.find(path);
  if (it == files_.end()) return base_.read(path, out, error);
  *out = it->second;
  return true;
}

bool OverlayFileSystem::is_file(const std::string& path) const {
  return files_.count(path) > 0 || base_.is_file(path);
}

std::vector<DirEntry> OverlayFileSystem::list(const std::string& dir) const {
  std::vector<DirEntry> out = base_.list(dir);
  bool added = false;
  for (const auto& [path, content] : files_) {
    if (parent_dir(path) != dir) continue;
    std::string name = path.substr(path.rfind('/') + 1);
    auto it =
        std::find_if(out.begin(), out.end(), [&](const DirEntry& e) { return e.name == name; });
    if (it != out.end()) {
      it->size = content.size();
      continue;
    }
    out.push_back({name, false, content.size()});
    added = true;
  }
  if (added)
    std::sort(out.begin(), out.end(),
              [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return out;
}

std::string uri_path(std::string_view path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// The position of the dot that starts the last segment's extension, or npos.
static size_t extension_dot(const std::string& path) {
  size_t dot = path.rfind('.');
  size_t slash = path.rfind('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
    return std::string::npos;
  return dot;
}

std::string extension_of(const std::string& path) {
  size_t dot = extension_dot(path);
  return dot == std::string::npos ? "" : ascii_lower(std::string_view(path).substr(dot + 1));
}

std::string stem_of(const std::string& path) {
  size_t dot = extension_dot(path);
  return dot == std::string::npos ? path : path.substr(0, dot);
}

}  // namespace mplint
