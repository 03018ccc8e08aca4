// The size of a WXML file's element tree, counted statically, for performance/wxml-too-large.
// `<include>`s are recorded where they sit so a page's total can be joined across files.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analyzer/finding.h"

namespace mplint {

struct WxmlDocument;
class SourceText;

/// An `<include src>` of the file: its content takes the include's place.
struct WxmlSizeInclude {
  std::string spec;  // as written
  Loc at;            // the src value
  int parent = -1;   // the rendered element it lands in (a node index), -1 at the top
  int depth = 0;     // that element's depth (0 at the top)
};

/// A rendered element that has includes among its children: its own count of children.
struct WxmlSizeParent {
  int children = 0;
  Loc at;
};

/// Counts over the rendered elements: not `<block>`, `<template>` or `<slot>` (their children
/// take their place), not `<import>`/`<wxs>`/`<include>` and nothing inside a
/// `<template name>` definition. A `wx:for` body counts once; every branch of a
/// `wx:if`/`wx:elif`/`wx:else` chain counts (a static count of what the file holds).
struct WxmlSize {
  Loc first;      // the first top-level element's tag name (where a page-wide finding goes)
  int nodes = 0;  // rendered elements, includes left out
  int roots = 0;  // the elements the file puts at the top (what an including parent gains)
  int depth = 0;  // the deepest element's depth (1 at the top)
  Loc deepest;
  int widest_children = 0;  // the most children of one element, includes left out
  Loc widest;
  std::vector<WxmlSizeInclude> includes;
  std::map<int, WxmlSizeParent> include_parents;  // by node index
};

WxmlSize measure_wxml(const WxmlDocument& doc, const SourceText& source);

}  // namespace mplint
