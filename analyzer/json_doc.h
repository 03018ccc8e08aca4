// A JSON value tree with byte ranges, built from a tree-sitter-json tree. Config rules read
// it instead of the syntax tree.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/source.h"
#include "analyzer/syntax_tree.h"

namespace mplint {

struct JsonValue {
  enum class Kind { null, boolean, number, string, array, object, invalid };
  Kind kind = Kind::invalid;
  Range range;      // the value's bytes (a string's range includes its quotes)
  Range key_range;  // for a member of an object: its key's bytes
  bool boolean = false;
  double number = 0;
  std::string string;                                      // decoded string value
  std::vector<JsonValue> items;                            // array elements
  std::vector<std::pair<std::string, JsonValue>> members;  // object members, in order

  // Defined where JsonValue is complete: `members` holds pairs of it, which clang (14) will
  // not instantiate inside the class.
  JsonValue();
  JsonValue(const JsonValue&);
  JsonValue(JsonValue&&) noexcept;
  JsonValue& operator=(const JsonValue&);
  JsonValue& operator=(JsonValue&&) noexcept;
  ~JsonValue();

  bool is_object() const { return kind == Kind::object; }
  bool is_array() const { return kind == Kind::array; }
  bool is_string() const { return kind == Kind::string; }
  bool is_bool() const { return kind == Kind::boolean; }
  /// The first member named `key`, or null.
  const JsonValue* get(std::string_view key) const;
  const char* kind_name() const;
};

/// A parsed JSON file: its value (if any), syntax errors and comment ranges.
struct JsonDoc {
  std::unique_ptr<SyntaxTree> tree;
  JsonValue root;
  bool has_root = false;
};

JsonDoc parse_json(const SourceText& source);

}  // namespace mplint
