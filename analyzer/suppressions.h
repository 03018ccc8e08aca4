// Inline suppression comments: `mplint-disable-next-line ID -- reason` and friends, plus
// the `eslint-disable(-next)-line` comments of ESLint rules mplint maps to its own.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "analyzer/finding.h"

namespace mplint {

struct ParsedFile;

struct Suppression {
  enum class Kind { next_line, line, disable, enable };
  Kind kind = Kind::line;
  std::vector<std::string> ids;  // empty: every rule
  Loc loc;                       // the comment
  uint32_t first_line = 0;       // lines it covers (for disable: up to the matching enable)
  uint32_t last_line = 0;
  bool from_eslint = false;
  /// Fix edits: deleting the whole comment (its line too when it stands alone, and the
  /// matching `enable` of a block), and deleting each id from the list (parallel to `ids`).
  std::vector<Edit> remove_comment;
  std::vector<std::vector<Edit>> remove_id;  // a block's id is deleted from its `enable` too
};

/// Parses one comment's text (markers included: `//`, `/* */` or `<!-- -->`). Returns false
/// when it is not a suppression.
bool parse_suppression(std::string_view comment, Suppression* out);

/// The suppressions of a parsed file, with the lines each covers.
std::vector<Suppression> extract_suppressions(const ParsedFile& file);

/// Marks `findings` (all of one file) suppressed where a suppression covers them, and
/// returns an `mplint/unused-suppression` finding for each suppression (or id) that covered
/// nothing. `ran` holds the ids of the rules that ran; `all_ran` says whether every rule did
/// (only then can a suppression without ids be called unused).
std::vector<Finding> apply_suppressions(std::vector<Finding*>& findings,
                                        const std::vector<Suppression>& suppressions,
                                        const std::set<std::string>& ran, bool all_ran,
                                        const std::string& path,
                                        const std::set<std::string>& known = {});

}  // namespace mplint
