#include "analyzer/disk_cache.h"

#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <thread>

#include "analyzer/file_system.h"

namespace mplint {

namespace {

namespace fs = std::filesystem;

// An entry: magic, the key it was stored under, the payload's length and hash, the payload.
constexpr std::string_view kMagic = "mplint-cache-1\n";

std::string hex64(uint64_t v) {
  static const char* digits = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[i] = digits[v & 15];
  return out;
}

std::string header(const std::string& key, std::string_view payload) {
  return std::string(kMagic) + key + "\n" + std::to_string(payload.size()) + " " +
         hash_hex(payload) + "\n";
}

}  // namespace

std::string hash_hex(std::string_view data) {
  // Two FNV-1a lanes with different offsets, the length mixed into the second; one loop, so
  // that the two multiplications of a byte run side by side.
  uint64_t a = 0xcbf29ce484222325ULL;
  uint64_t b = 0x84222325cbf29ce4ULL ^ (data.size() * 0x9e3779b97f4a7c15ULL);
  for (unsigned char c : data) {
    a = (a ^ c) * 0x100000001b3ULL;
    b = (b ^ c) * 0x100000001b3ULL;
  }
  return hex64(a) + hex64(b);
}

std::string DiskCache::path_of(const std::string& key) const {
  return dir_ + "/" + key.substr(0, 2) + "/" + key;
}

std::optional<std::string> DiskCache::load(const std::string& key) const {
  std::string entry, error;
  if (!DiskFileSystem().read(path_of(key), &entry, &error)) return std::nullopt;
  // The header is rebuilt from the payload found and must match byte for byte.
  size_t first = entry.find('\n');
  size_t second = first == std::string::npos ? first : entry.find('\n', first + 1);
  size_t third = second == std::string::npos ? second : entry.find('\n', second + 1);
  if (third == std::string::npos) return std::nullopt;
  std::string_view payload = std::string_view(entry).substr(third + 1);
  if (entry.compare(0, third + 1, header(key, payload)) != 0) return std::nullopt;
  return std::string(payload);
}

void DiskCache::store(const std::string& key, std::string_view payload) const {
  static std::atomic<uint64_t> counter{0};
  std::error_code ec;
  std::string path = path_of(key);
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (ec) return;
  if (!fs::exists(dir_ + "/.gitignore", ec)) {
    std::ofstream ignore(dir_ + "/.gitignore");
    ignore << "# mplint's cache: safe to delete at any time\n*\n";
  }
  // A name no other thread or process uses, then an atomic rename over the entry.
  std::string temp =
      path + ".tmp" + std::to_string(getpid()) + "-" + std::to_string(counter.fetch_add(1));
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return;
    out << header(key, payload);
    out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
    if (!out) {
      out.close();
      fs::remove(temp, ec);
      return;
    }
  }
  fs::rename(temp, path, ec);
  if (ec) fs::remove(temp, ec);
}

}  // namespace mplint
