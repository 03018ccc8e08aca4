#include "analyzer/finding.h"

#include <tuple>

namespace mplint {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

bool parse_severity(std::string_view text, Severity* out) {
  if (text == "error") *out = Severity::error;
  else if (text == "warning") *out = Severity::warning;
  else if (text == "note") *out = Severity::note;
  else return false;
  return true;
}

Loc locate(const SourceText& source, Range range) {
  return {range, source.position(range.begin), source.position(range.end)};
}

bool finding_less(const Finding& a, const Finding& b) {
  return std::tie(a.path, a.loc.begin.line, a.loc.begin.column, a.rule_id, a.loc.end.line,
                  a.loc.end.column, a.message) < std::tie(b.path, b.loc.begin.line,
                                                          b.loc.begin.column, b.rule_id,
                                                          b.loc.end.line, b.loc.end.column,
                                                          b.message);
}

}  // namespace mplint
