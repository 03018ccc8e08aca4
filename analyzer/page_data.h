// Which data keys a page or component sets, and which its WXML reads, for
// performance/setdata-unused-key. Both are per-file facts; the rule joins a script with the
// WXML beside it and what that WXML includes.
//
// Script side (extracted with the data flow, flow.h): the top-level keys of `data: {…}` and
// of the object literals passed to `this.setData(…)` (or to setData on a variable holding
// `this`) in the functions of the `Page({…})`/`Component({…})` options; path keys
// ('list[0].x', `list[${i}].x`) count as their root; a key whose root is not known is left
// out. Also what makes keys meaningful without the WXML: a component's `properties`, the keys
// its `observers` watch, its `pureDataPattern`; and what the rule cannot judge (behaviors,
// computed/watch fields, an observer of `**`).
//
// WXML side: the roots of every `{{ }}` binding (text and attributes, `wx:for` lists,
// `<template is data>` objects, WXS calls' arguments) outside `<template name>` definitions,
// whose bodies read only the data passed to them; `wx:for-item`/`wx:for-index` names are
// locals inside their element. Anything it cannot follow (a dynamic `<template is>`, a
// dynamic `<import>`/`<include>` src, a syntax error, `this`) makes the file unfollowable.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "analyzer/finding.h"

namespace mplint {

/// One place a key is set: its `data` declaration or a setData call.
struct DataKey {
  std::string key;        // the top-level key ("list" for 'list[0].x')
  bool declared = false;  // in `data: {…}`; else passed to setData
  Loc at;                 // the key as written
};

struct PageData {
  enum class Kind { none, page, component };
  Kind kind = Kind::none;  // none: no single Page/Component call with a readable object
  std::string unjudged;    // why the rule cannot judge the file ("behaviors"), or ""
  /// The `data` declaration of each key and its first setData, in document order.
  std::vector<DataKey> keys;
  std::set<std::string> properties;  // a component's properties
  std::set<std::string> observed;    // roots of the paths its observers watch
  std::string pure_pattern;          // source of `options.pureDataPattern` (a regex literal)
  std::string pure_flags;
};

/// The data a WXML file reads.
struct WxmlReads {
  std::set<std::string> roots;           // outside template definitions, minus wx:for locals
  std::set<std::string> template_roots;  // inside them: the data their callers pass
  std::string unfollowable;              // what the file reads that cannot be followed, or ""
  Loc unfollowable_at;
};

struct WxmlDocument;
class SourceText;

WxmlReads extract_wxml_reads(const WxmlDocument& doc, const SourceText& source);

/// The names a `{{ }}` expression reads at its roots (`a.b[c] + m.f(d)` → a, c, m, d; not
/// object keys `{{k: v}}`). False when it cannot be read (an unterminated string, `this`).
bool binding_roots(std::string_view expression, std::set<std::string>* roots);

}  // namespace mplint
