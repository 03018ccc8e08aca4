// Secrets found by their text alone, whatever holds them: PEM private keys, access keys and
// tokens with a distinctive prefix, and a `secret=` parameter in a URL. Used by hardcoded-secret.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "rules/security/secret_values.h"

namespace mplint::rules {

/// A secret inside a string: its byte span in the string and what it is ("AWS access key ID").
struct SecretShape {
  size_t begin = 0;
  size_t end = 0;
  std::string what;
};

struct TokenPrefix {
  std::string_view prefix;
  size_t min, max;        // characters after the prefix
  std::string_view tail;  // what they may be: "A0" upper+digits, "a0" alnum, "a0_" alnum and _ -
  std::string_view what;
};

// Only shapes with a prefix no ordinary text starts with.
inline const TokenPrefix kTokenPrefixes[] = {
    {"AKIA", 16, 16, "A0", "an AWS access key ID"},
    {"LTAI", 12, 24, "a0", "an Alibaba Cloud AccessKey ID"},
    {"AKID", 30, 40, "a0", "a Tencent Cloud SecretId"},
    {"ghp_", 36, 36, "a0", "a GitHub token"},
    {"gho_", 36, 36, "a0", "a GitHub token"},
    {"ghs_", 36, 36, "a0", "a GitHub token"},
    {"github_pat_", 22, 255, "a0_", "a GitHub token"},
    {"xoxb-", 10, 255, "a0_", "a Slack token"},
    {"xoxp-", 10, 255, "a0_", "a Slack token"},
    {"xoxa-", 10, 255, "a0_", "a Slack token"},
    {"sk_live_", 20, 255, "a0", "a Stripe secret key"},
    {"sk-", 32, 255, "a0_", "an API key"},
};

inline bool in_class(char c, std::string_view cls) {
  if (cls == "A0") return is_upper(c) || is_digit(c);
  if (cls == "a0") return is_alnum(c);
  return is_alnum(c) || c == '_' || c == '-';
}

// A token with `p`'s prefix at `at` of `s`, standing alone (no letter or digit around it).
inline std::optional<SecretShape> token_at(std::string_view s, size_t at, const TokenPrefix& p) {
  auto joins = [](char c) { return is_alnum(c) || c == '_' || c == '+' || c == '/'; };
  if (at > 0 && joins(s[at - 1])) return std::nullopt;  // inside a longer token or base64
  size_t end = at + p.prefix.size();
  while (end < s.size() && in_class(s[end], p.tail)) ++end;
  size_t n = end - at - p.prefix.size();
  if (n < p.min || n > p.max || (end < s.size() && joins(s[end]))) return std::nullopt;
  std::string_view body = s.substr(at + p.prefix.size(), n);
  bool digits = std::any_of(body.begin(), body.end(), is_digit);
  bool letters = std::any_of(body.begin(), body.end(), is_alpha);
  // Words (`sk-circle-bounce-delay-1`, a CSS class) are not a key.
  if (!digits || !letters || is_placeholder(body) || is_placeholder(s.substr(at, end - at)) ||
      is_key_name(body))
    return std::nullopt;
  return SecretShape{at, end, std::string(p.what)};
}

inline std::optional<SecretShape> find_token(std::string_view s) {
  for (const TokenPrefix& p : kTokenPrefixes)
    for (size_t at = s.find(p.prefix); at != std::string_view::npos; at = s.find(p.prefix, at + 1))
      if (auto found = token_at(s, at, p)) return found;
  return std::nullopt;
}

/// A PEM private key (`-----BEGIN … PRIVATE KEY-----` and a body of 40+ base64 characters):
/// the span is from the BEGIN line to the end of the string.
inline std::optional<SecretShape> find_pem(std::string_view s) {
  size_t at = s.find("-----BEGIN ");
  if (at == std::string_view::npos) return std::nullopt;
  size_t header_end = s.find("-----", at + 11);
  if (header_end == std::string_view::npos || header_end - at > 50) return std::nullopt;
  if (!ends_with(s.substr(at, header_end - at), "PRIVATE KEY")) return std::nullopt;
  size_t body = 0;
  for (size_t i = header_end + 5; i < s.size() && s.compare(i, 5, "-----") != 0; ++i) {
    if (s[i] == '\\') {
      ++i;  // an escape such as \n
      continue;
    }
    if (is_alnum(s[i]) || s[i] == '+' || s[i] == '/') ++body;
  }
  if (body < 40) return std::nullopt;
  return SecretShape{at, s.size(), "a private key"};
}

/// A `secret=` / `appsecret=` / `app_secret=` / `client_secret=` query parameter with a value
/// that can be a secret (the classic client-side jscode2session URL).
inline std::optional<SecretShape> find_url_secret(std::string_view s) {
  std::string l = ascii_lower(s);
  for (size_t at = l.find("secret="); at != std::string::npos; at = l.find("secret=", at + 1)) {
    size_t name = at;
    while (name > 0 && (is_alpha(l[name - 1]) || l[name - 1] == '_')) --name;
    if (name == 0 || (l[name - 1] != '?' && l[name - 1] != '&')) continue;
    std::string_view key = std::string_view(l).substr(name, at + 6 - name);
    if (key != "secret" && key != "appsecret" && key != "app_secret" && key != "client_secret")
      continue;
    size_t begin = at + 7, end = begin;
    while (end < s.size() && (is_alnum(s[end]) || s[end] == '_' || s[end] == '-')) ++end;
    std::string_view value = s.substr(begin, end - begin);
    if (end < s.size() && s[end] != '&' && s[end] != '#') continue;  // `${…}`, a concatenation
    bool digits = std::any_of(value.begin(), value.end(), is_digit);
    if (value.size() >= 16 && digits && !is_placeholder(value))
      return SecretShape{begin, end, "an AppSecret in a URL's `secret=` parameter"};
  }
  return std::nullopt;
}

}  // namespace mplint::rules
