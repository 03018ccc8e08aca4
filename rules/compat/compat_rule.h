// What the three min-version rules share: the message with the share of users a requirement leaves
// out.
#pragma once

#include <string>

#include "analyzer/rule.h"
#include "rules/compat/tables/compat_data.h"

namespace mplint::compat {

/// Whether `since` is above the target (both versions).
inline bool above(std::string_view since, const Target& target) {
  return !since.empty() && compare_versions(since, target.version) > 0;
}

/// `what` without its backticks, for a tool reading the finding's properties.
inline std::string plain(std::string_view what) {
  std::string out;
  for (char c : what)
    if (c != '`') out += c;
  return out;
}

/// "`X` needs base library 2.10.4; your target is 2.9.0 (about 0.4% of users run below
/// 2.10.4)", reported with the properties `mplint compat` reads.
inline void report_need(ProjectContext& ctx, const std::string& path, const Loc& loc,
                        const std::string& what, const std::string& since, const Target& target) {
  ctx.report_with(path, loc,
                  what + " needs base library " + since + "; your target is " + target.version +
                      " (" + share_phrase(since) + ")",
                  {{"requiredVersion", since}, {"feature", plain(what)}});
}

}  // namespace mplint::compat
