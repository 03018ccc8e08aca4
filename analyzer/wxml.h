// A hand-written, error-tolerant WXML parser. Iterative: nesting depth never grows the
// C++ stack. Produces a flat node table with byte ranges, the `{{ }}` bindings and errors.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/source.h"

namespace mplint {

struct WxmlAttribute {
  std::string name;
  Range name_range;
  Range range;  // from the name through the closing quote
  bool has_value = false;
  std::string value;     // raw text between the quotes
  Range value_range;     // bytes between the quotes
  bool dynamic = false;  // the value holds a `{{ }}` binding
};

struct WxmlNode {
  enum class Kind { element, text, comment };
  Kind kind = Kind::element;
  std::string tag;
  Range range;      // the whole node, end tag included when there is one
  Range start_tag;  // '<' .. '>' of an element
  Range name_range;
  Range content;  // raw content of an inline <wxs>; text/comment body otherwise
  std::vector<WxmlAttribute> attributes;
  int parent = -1;
  std::vector<int> children;
  bool self_closing = false;

  bool is_element() const { return kind == Kind::element; }
  const WxmlAttribute* attribute(std::string_view name) const;
  bool has(std::string_view name) const { return attribute(name) != nullptr; }
};

/// A `{{ }}` span. `content` excludes the braces. `attribute` is -1 for text.
struct WxmlBinding {
  Range content;
  int node = -1;
  int attribute = -1;
  /// `<template data="{{...a, b}}">`: the content is an object literal's body.
  bool object_body = false;
};

struct WxmlError {
  Range range;
  std::string message;
  /// Another place the error refers to (where a mismatched end tag's element opened).
  std::optional<Range> related;
  std::string related_message;  // "opened here"
};

struct WxmlDocument {
  std::vector<WxmlNode> nodes;
  std::vector<int> roots;
  std::vector<WxmlBinding> bindings;
  std::vector<WxmlError> errors;
  /// Elements that are inline `<wxs>` modules (content = the JavaScript).
  std::vector<int> inline_wxs;
};

WxmlDocument parse_wxml(std::string_view text);

/// Finds the `}}` closing a binding whose content starts at `from`, skipping strings.
/// Returns std::string_view::npos when there is none. `crosses_markup`, when given, is set
/// if an end tag or comment start (`</`, `<!--`) lies outside strings before the close.
size_t find_binding_close(std::string_view text, size_t from, bool* crosses_markup = nullptr);

}  // namespace mplint
