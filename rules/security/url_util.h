// The parts of a URL's known beginning that the URL rules judge: scheme, host, port, path.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>

#include "analyzer/flow.h"
#include "analyzer/source.h"

namespace mplint::rules {

struct UrlStart {
  std::string scheme;          // lower case, "" when the text does not start with one
  std::string host;            // lower case
  bool host_complete = false;  // the host ends inside the known text
  std::string port;
  std::string path;  // up to '?' or '#', as far as known
  /// `scheme://host[:port]`: what a message may quote (never a query, which can hold keys).
  std::string origin() const { return scheme + "://" + host + (port.empty() ? "" : ":" + port); }
};

/// Reads the start of a URL; false when `text` does not begin with `scheme://`.
inline bool parse_url_start(const std::string& text, UrlStart* out) {
  size_t colon = text.find("://");
  if (colon == std::string::npos || colon == 0 || colon > 10) return false;
  for (size_t i = 0; i < colon; ++i)
    if (!std::isalpha(static_cast<unsigned char>(text[i]))) return false;
  out->scheme = ascii_lower(text.substr(0, colon));
  size_t host_begin = colon + 3;
  size_t host_end = text.find_first_of("/?#", host_begin);
  out->host_complete = host_end != std::string::npos;
  if (!out->host_complete) host_end = text.size();
  std::string authority = text.substr(host_begin, host_end - host_begin);
  if (size_t at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
  size_t port = authority.rfind(':');
  if (port != std::string::npos && authority.find(']', port) == std::string::npos) {
    out->port = authority.substr(port + 1);
    authority.resize(port);
  }
  out->host = ascii_lower(authority);
  if (out->host_complete) {
    size_t path_end = text.find_first_of("?#", host_end);
    out->path = text.substr(
        host_end, path_end == std::string::npos ? std::string::npos : path_end - host_end);
  }
  return true;
}

inline bool is_loopback_host(const std::string& host) {
  return host == "localhost" || host == "127.0.0.1" || host == "[::1]" || host == "0.0.0.0" ||
         host.ends_with(".localhost");
}

inline bool is_ip_host(const std::string& host) {
  if (host.size() > 2 && host.front() == '[') return true;  // IPv6
  int dots = 0;
  for (char c : host) {
    if (c == '.')
      ++dots;
    else if (!std::isdigit(static_cast<unsigned char>(c)))
      return false;
  }
  return dots == 3;
}

/// The first literal of a URL value (where its scheme is written), or null.
inline const FlowPart* first_literal(const FlowString& url) {
  return !url.parts.empty() && url.parts[0].kind == FlowPart::Kind::text ? &url.parts[0] : nullptr;
}

}  // namespace mplint::rules
