#include "analyzer/path_literals.h"

#include <array>

#include "analyzer/source.h"

namespace mplint {

namespace {

// Extensions of the files a literal can name: what unused-file reports, and audio.
bool known_extension(std::string_view name) {
  static constexpr std::array<std::string_view, 22> kExtensions = {
      "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp",  "ico", "mp3",  "aac",  "m4a",
      "mp4", "wav", "ogg",  "js",  "ts",  "wxml", "wxss", "wxs", "json", "wasm", "silk"};
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot + 1 == name.size()) return false;
  std::string ext = ascii_lower(name.substr(dot + 1));
  for (std::string_view e : kExtensions)
    if (ext == e) return true;
  return false;
}

bool is_code_path(std::string_view path) {
  for (std::string_view ext : {".js", ".ts", ".wxml", ".wxss", ".wxs", ".json"})
    if (path.ends_with(ext)) return true;
  return false;
}

bool separator(char c, bool keep_star) {
  switch (c) {
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case '\'':
    case '"':
    case '`':
    case '(':
    case ')':
    case '[':
    case ']':
    case '{':
    case '}':
    case '<':
    case '>':
    case ',':
    case ';':
    case '=':
    case '|':
    case '^':
    case '\\':
    case ':':
    case '$':
    case '+':
    case '!':
    case '&':
      return true;
    case '*':
      return !keep_star;
    default:
      return false;
  }
}

std::string_view strip_leading(std::string_view t) {
  for (;;) {
    if (t.starts_with("./"))
      t.remove_prefix(2);
    else if (t.starts_with("../"))
      t.remove_prefix(3);
    else if (t.starts_with("~/") || t.starts_with("@/"))
      t.remove_prefix(2);
    else if (t.starts_with("/"))
      t.remove_prefix(1);
    else
      return t;
  }
}

// A token without '*': a file with a known extension, or a folder "dir/".
void add_token(std::string_view token, std::set<std::string>* out) {
  token = token.substr(0, token.find_first_of("?#"));
  if (token.find('*') != std::string_view::npos) return add_path_pattern(token, out);
  std::string_view t = strip_leading(token);
  if (t.empty()) return;
  if (t.back() == '/') {
    if (t.size() > 1) out->insert(std::string(t) + "*");
    return;
  }
  size_t slash = t.rfind('/');
  if (known_extension(slash == std::string_view::npos ? t : t.substr(slash + 1)))
    out->insert(std::string(t));
}

void tokenize(std::string_view text, bool keep_star, std::set<std::string>* out) {
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && separator(text[i], keep_star)) ++i;
    size_t start = i;
    while (i < text.size() && !separator(text[i], keep_star)) ++i;
    if (i > start && i - start < 512) add_token(text.substr(start, i - start), out);
  }
}

// `text` with every `{{…}}` and `${…}` replaced by '*'.
std::string with_holes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    bool mustache = text.compare(i, 2, "{{") == 0;
    bool dollar = text.compare(i, 2, "${") == 0;
    if (!mustache && !dollar) {
      out += text[i++];
      continue;
    }
    size_t end = text.find(mustache ? "}}" : "}", i + 2);
    if (end == std::string_view::npos) end = text.size();
    out += '*';
    i = std::min(text.size(), end + (mustache ? 2 : 1));
  }
  return out;
}

bool wildcard_match(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] != '*' && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

void collect_path_literals(std::string_view text, std::set<std::string>* out) {
  tokenize(text, false, out);
  if (text.find("{{") != std::string_view::npos || text.find("${") != std::string_view::npos)
    tokenize(with_holes(text), true, out);
}

void add_path_pattern(std::string_view pattern, std::set<std::string>* out) {
  std::string p;
  for (char c : strip_leading(pattern.substr(0, pattern.find_first_of("?#"))))
    if (c != '*' || p.empty() || p.back() != '*') p += c;  // "**" is '*'
  size_t first = p.find('*');
  if (first == std::string::npos) return add_token(p, out);
  std::string_view before = std::string_view(p).substr(0, first);
  std::string_view after = std::string_view(p).substr(p.rfind('*') + 1);
  bool folder = before.find('/') != std::string_view::npos;
  bool file = !before.empty() && known_extension(after);
  if (folder || file) out->insert(p);
}

bool path_literal_matches(std::string_view token, std::string_view path) {
  bool star = token.find('*') != std::string_view::npos;
  // A folder, or a name built at run time with no extension, names media files, not code: a
  // page is reached by its pages entry, never by the path of a navigateTo.
  if (token.ends_with("*") && is_code_path(path)) return false;
  for (size_t start = 0;;) {
    std::string_view tail = path.substr(start);
    if (star ? wildcard_match(token, tail) : tail == token) return true;
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) return false;
    start = slash + 1;
  }
}

}  // namespace mplint
