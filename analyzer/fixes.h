// Applying fixes to a file's text, and showing the change as a unified diff (--fix,
// --fix-dry-run, and the language server's code actions).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/finding.h"

namespace mplint {

/// Applies `fixes` (edits of `text`) in order of position: a fix is applied whole or not at
/// all; one that overlaps an edit already taken is left for the next pass, except that an
/// edit identical to a taken one (two findings deleting the same comment) counts as done.
/// Returns the new text and sets `applied` to the number of fixes taken.
std::string apply_fixes(std::string_view text, const std::vector<const Fix*>& fixes,
                        size_t* applied);

/// A unified diff (3 lines of context) from `before` to `after`, with `---`/`+++` headers
/// naming `path`; "" when they are equal.
std::string unified_diff(const std::string& path, std::string_view before, std::string_view after);

}  // namespace mplint
