// Facts for the base-library compatibility rules: the `wx` APIs a script uses and the
// built-in elements a WXML file uses, each with the feature tests in force where it is used.
// The facts are raw (names as written); rules/compat/ interprets them with its version tables.
//
// A feature test is written as a string:
//   "wx.getUserProfile"                 `if (wx.getUserProfile)`, `typeof wx.X === 'function'`
//   "canIUse:getUserProfile"            `wx.canIUse('getUserProfile')` (any canIUse argument)
//   "wx.createMapContext().moveAlong"   `if (ctx.moveAlong)` where ctx = wx.createMapContext()
//   "canIUse:*"                         a name that says it is a test (`canIUseNextTick()`)
//   "version:2.16.0"                    (feature keys) a version comparison
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/finding.h"

namespace mplint {

/// The feature tests that hold where a use sits.
struct FeatureGuards {
  std::vector<std::string> tests;
  /// Tests known to have failed: the `else` of `if (wx.getWindowInfo)`, the code after
  /// `if (wx.X) return …`; "version:2.20.1" in the `else` of a check for that version. A
  /// deprecated API used there is the fallback for old versions.
  std::vector<std::string> absent;
  /// The highest base-library version a version comparison in force mentions
  /// (`compareVersion(SDKVersion, '2.10.4') >= 0`), or "".
  std::string version;
};

/// A use of a `wx` API in a script.
struct ApiUse {
  /// "wx.getUserProfile"; "wx.createMapContext().moveAlong" (a method of an object a wx
  /// function returned); "wx.router" (a property read).
  std::string name;
  std::string option;  // a key of the call's object argument (`wx.request({ enableHttp2 })`)
  Loc at;              // the property name, or the option key
  uint32_t call = 0;   // for an option: the byte offset of its call's `at`
  FeatureGuards guards;
  /// The page/component method it is in (`onProfile` of `onProfile() {…}`), or "".
  std::string function;
};

struct ElementAttribute {
  std::string name;
  std::string value;  // static value; "" when dynamic or absent
  bool dynamic = false;
  Loc at;  // the attribute name
};

/// An element of a WXML file.
struct ElementUse {
  std::string tag;
  Loc at;  // the tag name
  std::vector<ElementAttribute> attributes;
  /// The `wx:if` / `wx:elif` values of the element and its ancestors (a guard).
  std::vector<std::string> conditions;
};

struct ScriptFeatures {
  std::vector<ApiUse> uses;
  /// Object keys whose value is a feature test (`canIUseX: wx.canIUse('X')` in `data` or
  /// `setData`): a WXML `wx:if="{{canIUseX}}"` is then a guard. Key → its tests.
  std::map<std::string, std::vector<std::string>> feature_keys;
};

class SyntaxTree;
class SourceText;
struct WxmlDocument;

ScriptFeatures extract_script_features(const SyntaxTree& tree, const SourceText& source);
std::vector<ElementUse> extract_elements(const WxmlDocument& doc, const SourceText& source);

/// Compares base-library versions numerically ("2.9.0" < "2.10.0"); a missing part is 0.
int compare_versions(std::string_view a, std::string_view b);

}  // namespace mplint
