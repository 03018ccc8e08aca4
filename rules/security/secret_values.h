// What a secret looks like, by its name and by its text: the words of a name, placeholders,
// key names, and the token shapes with a distinctive prefix. Used by hardcoded-secret.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/source.h"

namespace mplint::rules {

inline bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

/// The words of an identifier, lower case: camelCase, PascalCase, snake_case, kebab-case and
/// CONSTANT_CASE split; digits separate words. `APIKey` → api, key.
inline std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool boundary = !word.empty() && is_upper(c) &&
                    (is_lower(word.back()) ||
                     (i + 1 < name.size() && is_lower(name[i + 1]) && is_upper(word.back())));
    if (!is_alpha(c) || boundary) {
      if (!word.empty()) words.push_back(ascii_lower(word));
      word.clear();
    }
    if (is_alpha(c)) word += c;
  }
  if (!word.empty()) words.push_back(ascii_lower(word));
  return words;
}

enum class SecretName { none, secret, key, token, password };

inline bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

/// What a name says its value is: it must END in the secret word (`accessToken`,
/// `APP_SECRET`, `secretKey`); `TOKEN_KEY`, `tokenUrl`, `passwordPlaceholder` name other things.
inline SecretName secret_name(std::string_view name) {
  std::vector<std::string> w = name_words(name);
  if (w.empty()) return SecretName::none;
  const std::string& last = w.back();
  std::string two = w.size() >= 2 ? w[w.size() - 2] + last : last;
  if (ends_with(last, "secret")) return SecretName::secret;
  for (std::string_view k : {"secretkey", "apikey", "accesskey", "privatekey", "mchkey"})
    if (last == k || two == k) return SecretName::key;
  if (ends_with(last, "token")) return SecretName::token;
  if (ends_with(last, "password") || last == "passwd" || last == "pwd") return SecretName::password;
  return SecretName::none;
}

/// Whether a name is the app id: `appid`, `appId`, `APP_ID` (not `wxAppid`, which SDK
/// configs hold beside their own public app keys).
inline bool is_appid_name(std::string_view name) {
  std::string joined;
  for (const std::string& w : name_words(name)) joined += w;
  return joined == "appid";
}

/// Names of values that are hashes or ids, not secrets, even beside an appid.
inline bool is_hash_name(std::string_view name) {
  std::vector<std::string> w = name_words(name);
  if (w.empty()) return true;
  static const std::vector<std::string_view> kHash = {
      "hash", "md",     "etag",     "sign", "signature", "paysign", "nonce",  "noncestr",
      "str",  "digest", "checksum", "id",   "ids",       "uid",     "openid", "unionid",
      "uuid", "guid",   "code",     "sha",  "version",   "sn",      "no"};
  return std::find(kHash.begin(), kHash.end(), w.back()) != kHash.end();
}

inline bool is_hex32(std::string_view v) {
  return v.size() == 32 && std::all_of(v.begin(), v.end(), [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c)) != 0;
         });
}

/// Placeholders: `xxx…`, `your…`, `<…>`, `${…}`, `process.env…`, all-same characters,
/// `TODO`, `CHANGEME`, `******` and the like.
inline bool is_placeholder(std::string_view v) {
  if (v.empty()) return true;
  if (std::all_of(v.begin(), v.end(), [&](char c) { return c == v[0]; })) return true;
  if (v.front() == '<' && v.back() == '>') return true;
  std::string l = ascii_lower(v);
  for (std::string_view p : {"xxx", "your", "process.env", "${", "{{", "todo", "changeme",
                             "change_me", "***", "placeholder", "example", "dummy", "fixme",
                             "replace_", "replace-", "replaceme", "insert_", "fill_in"})
    if ((p == "xxx" || p == "your") ? l.rfind(p, 0) == 0 || l.find(p) != std::string::npos
                                    : l.find(p) != std::string::npos)
      return true;
  return false;
}

/// A letters-only word that reads like a name: lower, UPPER, Capitalized or camelCase of such
/// words. Random letters alternate case: a lone lower-case letter between capitals gives them
/// away ("kFjsPq").
inline bool word_like(std::string_view seg) {
  for (size_t i = 1; i < seg.size(); ++i) {
    bool lone = is_lower(seg[i]) && is_upper(seg[i - 1]) &&
                (i + 1 == seg.size() ? false : is_upper(seg[i + 1]));
    if (lone) return false;
  }
  return true;
}

/// A key name, label or path rather than a secret: words (with at most a short number) joined
/// by `_ - . : /` (`USER_TOKEN_V2`, `tokenStorageKey`, `pages/login/index`).
inline bool is_key_name(std::string_view v) {
  size_t i = 0;
  while (i < v.size()) {
    char c = v[i];
    if (c == '_' || c == '-' || c == '.' || c == ':' || c == '/') {
      ++i;
      continue;
    }
    if (!is_alnum(c)) return false;
    size_t letters = i;
    while (letters < v.size() && is_alpha(v[letters])) ++letters;
    size_t digits = letters;
    while (digits < v.size() && is_digit(v[digits])) ++digits;
    if (digits < v.size() && is_alnum(v[digits])) return false;  // "a1b": mixed
    if (digits - letters > 4) return false;
    if (!word_like(v.substr(i, letters - i))) return false;
    i = digits;
  }
  return true;
}

/// A URL or file path (`https://…`, `/pages/…`, `./a`).
inline bool is_url_or_path(std::string_view v) {
  return v.find("://") != std::string_view::npos || v.front() == '/' || v.rfind("./", 0) == 0 ||
         v.rfind("../", 0) == 0;
}

/// A validation pattern (`^[a-zA-Z0-9_]{6,16}$`), as rule tables keep under `password`.
inline bool is_pattern(std::string_view v) {
  if (v.front() == '^') return true;
  for (std::string_view p : {"]{", "\\d", "\\w", "(?=", ".*", "]+", "]*"})
    if (v.find(p) != std::string_view::npos) return true;
  return false;
}

/// A value that can be a secret under a secret's name: 16+ printable ASCII characters without
/// spaces or escapes, not a placeholder, URL, path or key name.
inline bool plausible_secret(std::string_view v) {
  if (v.size() < 16) return false;
  for (char c : v)
    if (c <= ' ' || c > '~' || c == '\\') return false;
  return !is_placeholder(v) && !is_url_or_path(v) && !is_key_name(v) && !is_pattern(v);
}

}  // namespace mplint::rules
