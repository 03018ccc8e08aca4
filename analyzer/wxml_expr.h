// The `{{ }}` expression language of WXML, as WeChat's compilers accept it. It is not
// JavaScript: only `true`, `false`, `null` and `undefined` are keywords (`{{class}}` reads
// the data key "class"), and there is no `new`, assignment, `++`/`--`, arrow, `function`,
// template literal, regex, `?.`, `in`, `delete` or `**`. A binding is one expression or,
// as in `<template data>`, the body of an object literal (`a, b: 1, ...c`).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mplint {

struct WxmlExprError {
  size_t offset = 0;  // byte offset inside the checked text
  std::string message;
};

/// One `{{ }}`'s content (braces excluded), read once: its verdict, its form, and the text
/// tree-sitter-javascript should see (names JavaScript reserves, such as `class`, `new` or
/// `default`, get a `$` for their first letter so `{{class}}` parses; offsets unchanged).
struct WxmlExpression {
  std::optional<WxmlExprError> error;  // nothing when valid
  bool object_body = false;            // `a: 1, ...b` rather than an expression
  std::string parse_text;              // empty when invalid
};
WxmlExpression read_wxml_expression(std::string_view text);

/// Checks the content of one `{{ }}` (braces excluded). Returns the first error, or nothing
/// when the text is a valid expression or a valid object-literal body.
std::optional<WxmlExprError> check_wxml_expression(std::string_view text);

/// True when the content is an object-literal body (`a: 1, ...b`) rather than an expression.
bool is_wxml_object_body(std::string_view text);

/// The text as tree-sitter-javascript should see it (see WxmlExpression::parse_text).
std::string wxml_expression_parse_text(std::string_view text);

}  // namespace mplint
