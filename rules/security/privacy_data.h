// WeChat's privacy configuration facts, from shared/compat/privacy.yml (generated
// 2026-11-25 from the WeChat docs' app.json requiredPrivateInfos page,
// https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#requiredPrivateInfos,
// and the 2022-07-14 announcement,
// https://developers.weixin.qq.com/community/develop/doc/000a02f2c5026891650e7f40351c01).
#pragma once

#include <algorithm>
#include <array>
#include <string_view>

namespace mplint::rules::privacy {

/// The date since which an undeclared call fails (versions released before it are unaffected).
inline constexpr std::string_view kRequiredSince = "2022-07-14";

/// The `wx` APIs a mini-program must list in app.json (or ext.json) `requiredPrivateInfos`.
inline constexpr std::array<std::string_view, 8> kRequiredPrivateInfos = {
    "getFuzzyLocation",
    "getLocation",
    "onLocationChange",
    "startLocationUpdate",
    "startLocationUpdateBackground",
    "chooseLocation",
    "choosePoi",
    "chooseAddress"};

/// The app.json `permission` scopes that need a purpose description (`desc`, at most 30 chars).
inline constexpr std::array<std::string_view, 3> kScopesNeedingDesc = {
    "scope.userLocation", "scope.userFuzzyLocation", "scope.userLocationBackground"};

template <size_t N>
bool contains(const std::array<std::string_view, N>& table, std::string_view name) {
  return std::find(table.begin(), table.end(), name) != table.end();
}

}  // namespace mplint::rules::privacy
