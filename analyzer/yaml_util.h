// Small helpers for the strict YAML readers (.mplint.yml and declarative rules): every
// mistake is a YamlError with the 1-based line of the offending node.
#pragma once

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/source.h"

namespace mplint {

struct YamlError {
  int line;
  std::string message;
};

inline int yaml_line(const YAML::Node& n) { return n.Mark().is_null() ? 0 : n.Mark().line + 1; }

[[noreturn]] inline void yaml_fail(const YAML::Node& n, std::string message) {
  throw YamlError{yaml_line(n), std::move(message)};
}

inline std::string yaml_scalar(const YAML::Node& n, const std::string& what) {
  if (!n.IsScalar()) yaml_fail(n, what + " must be a string");
  return n.as<std::string>();
}

/// A string or a list of strings.
inline std::vector<std::string> yaml_string_list(const YAML::Node& n, const std::string& what) {
  if (n.IsScalar()) return {n.as<std::string>()};
  if (!n.IsSequence()) yaml_fail(n, what + " must be a string or a list of strings");
  std::vector<std::string> out;
  for (const auto& item : n) out.push_back(yaml_scalar(item, what + " entries"));
  return out;
}

/// Runs `read` on `text` (which throws YamlError or yaml-cpp's exceptions); on failure sets
/// `error` to "path:line: message" and returns false. YAML is UTF-8 here: other bytes are
/// refused before yaml-cpp sees them (they would reach option values and reports).
template <typename Read>
bool yaml_read(const std::string& path, std::string_view text, std::string* error, Read read) {
  if (std::optional<uint32_t> bad = first_invalid_utf8(text)) {
    auto line = std::count(text.begin(), text.begin() + *bad, '\n') + 1;
    *error = path + ":" + std::to_string(line) + ": not valid UTF-8 (a YAML file is UTF-8)";
    return false;
  }
  try {
    read();
    return true;
  } catch (const YamlError& e) {
    *error = path + ":" + std::to_string(e.line) + ": " + e.message;
  } catch (const YAML::Exception& e) {
    *error = path + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg;
  }
  return false;
}

}  // namespace mplint
