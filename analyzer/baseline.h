// Baselines: record today's findings, then report only new ones. Findings are matched by
// rule, path and a fingerprint of their source line (see reporters.h), so line shifts and
// whitespace edits elsewhere do not make old findings new.
#pragma once

#include <string>
#include <vector>

#include "analyzer/finding.h"

namespace mplint {

struct BaselineEntry {
  std::string rule_id;
  std::string path;
  std::string fingerprint;
};

/// Serializes entries for `findings` (fingerprints given in the same order).
std::string write_baseline(const std::vector<Finding>& findings,
                           const std::vector<std::string>& fingerprints);

/// Parses a baseline file; on failure sets `error` to a one-line reason.
bool read_baseline(const std::string& text, std::vector<BaselineEntry>* out, std::string* error);

/// For each finding, whether the baseline holds it (each baseline entry absorbs one finding).
std::vector<bool> in_baseline(const std::vector<Finding>& findings,
                              const std::vector<std::string>& fingerprints,
                              const std::vector<BaselineEntry>& baseline);

/// Removes findings that the baseline holds (see in_baseline).
void filter_baseline(std::vector<Finding>* findings, const std::vector<std::string>& fingerprints,
                     const std::vector<BaselineEntry>& baseline);

}  // namespace mplint
