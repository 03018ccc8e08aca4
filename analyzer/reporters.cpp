#include "analyzer/reporters.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

namespace mplint {

namespace {

const char* sarif_level(Severity s) {
  return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "note";
}

std::string color(bool on, const char* code, const std::string& s) {
  return on ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
}

// The byte offset in `line` where 1-based UTF-16 `column` starts (its end when beyond).
size_t byte_at_column(std::string_view line, uint32_t column) {
  size_t at = 0;
  for (uint32_t col = 1; at < line.size() && col < column; ++at)
    if ((static_cast<unsigned char>(line[at]) & 0xC0) != 0x80)
      col += static_cast<unsigned char>(line[at]) >= 0xF0 ? 2 : 1;
  while (at < line.size() && (static_cast<unsigned char>(line[at]) & 0xC0) == 0x80) ++at;
  return at;
}

// The caret line under a code frame: spaces up to the column, then ^ over the range.
std::string caret_line(std::string_view line, const Finding& f) {
  std::string out;
  uint32_t col = 1;
  size_t i = 0;
  while (i < line.size() && col < f.loc.begin.column) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out += line[i] == '\t' ? '\t' : ' ';
    // Wide (CJK) characters take two cells in a terminal.
    if (n == 3) out += ' ';
    col += n == 4 ? 2 : 1;
    i += n;
  }
  uint32_t width = 1;
  if (f.loc.end.line == f.loc.begin.line && f.loc.end.column > f.loc.begin.column)
    width = f.loc.end.column - f.loc.begin.column;
  width = std::min<uint32_t>(width, 80);
  return out + std::string(width, '^');
}

std::string escape_property(std::string s, bool is_message) {
  std::string out;
  for (char c : s) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else if (!is_message && c == ':')
      out += "%3A";
    else if (!is_message && c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

uint64_t fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

std::string fingerprint(const Finding& f, std::string_view line_text) {
  // A long (minified) line: only the text around the finding, so one edit elsewhere in the
  // line keeps the fingerprint, and a file with many findings is not hashed whole each time.
  constexpr size_t kLongLine = 512, kBefore = 100, kAfter = 200;
  if (line_text.size() > kLongLine) {
    size_t at = byte_at_column(line_text, f.loc.begin.column);
    size_t from = at > kBefore ? at - kBefore : 0;
    line_text = line_text.substr(from, kBefore + kAfter);
  }
  std::string squeezed;
  for (char c : line_text)
    if (c != ' ' && c != '\t' && c != '\r') squeezed += c;
  char buf[17];
  snprintf(buf, sizeof buf, "%016llx",
           static_cast<unsigned long long>(
               fnv1a(f.rule_id + '\0' + f.path + '\0' + f.message + '\0' + squeezed)));
  return buf;
}

// The code frame's text: the line, or for a long (minified) line the part around the finding
// with "..." where it was cut; `f`'s columns are moved to match.
std::string frame_text(std::string_view line, Finding* f) {
  constexpr size_t kLong = 160, kBefore = 60, kAfter = 80;
  if (line.size() <= kLong) return std::string(line);
  auto is_lead = [&](size_t i) { return (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80; };
  size_t at = byte_at_column(line, f->loc.begin.column);
  size_t from = at > kBefore ? at - kBefore : 0;
  while (from > 0 && !is_lead(from)) --from;
  size_t to = std::min(line.size(), at + kAfter);
  while (to < line.size() && !is_lead(to)) ++to;
  std::string prefix = from > 0 ? "..." : "";
  uint32_t shift = utf16_length(line.substr(0, from)) - static_cast<uint32_t>(prefix.size());
  f->loc.begin.column -= shift;
  if (f->loc.end.line == f->loc.begin.line)
    f->loc.end.column -= std::min(shift, f->loc.end.column - 1);
  return prefix + std::string(line.substr(from, to - from)) + (to < line.size() ? "..." : "");
}

std::string format_text(const ReportInput& in) {
  std::ostringstream out;
  size_t counts[3] = {0, 0, 0};
  for (const Finding& f : *in.findings) {
    if (f.suppressed) continue;
    counts[static_cast<int>(f.severity)]++;
    const char* code = f.severity == Severity::error     ? "31"
                       : f.severity == Severity::warning ? "33"
                                                         : "36";
    out << color(in.color, "1",
                 f.path + ":" + std::to_string(f.loc.begin.line) + ":" +
                     std::to_string(f.loc.begin.column) + ":")
        << " " << color(in.color, code, severity_name(f.severity)) << "[" << f.rule_id << "] "
        << f.message << "\n";
    std::string_view line = in.line_of ? in.line_of(f.path, f.loc.begin.line) : std::string_view();
    if (line.empty()) continue;
    Finding at = f;
    std::string shown = frame_text(line, &at);
    std::string number = std::to_string(f.loc.begin.line);
    out << "  " << number << " | " << shown << "\n";
    out << "  " << std::string(number.size(), ' ') << " | "
        << color(in.color, code, caret_line(shown, at)) << "\n";
  }
  auto plural = [](size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
  };
  if (!in.findings->empty()) out << "\n";
  out << plural(counts[2], "error") << ", " << plural(counts[1], "warning") << ", "
      << plural(counts[0], "note") << " in " << plural(in.files_linted, "file") << " ("
      << in.elapsed_ms << " ms)\n";
  return out.str();
}

// Appends `item` as one element of a JSON array printed with two-space indents at `depth`:
// results are written one at a time, so a report of 100 000 findings is never a whole DOM.
void append_element(std::string* out, const nlohmann::ordered_json& item, int depth) {
  std::string pad(2 * depth, ' ');
  std::string text = item.dump(2);
  *out += out->back() == '[' ? "\n" : ",\n";
  *out += pad;
  for (char c : text) {
    *out += c;
    if (c == '\n') *out += pad;
  }
}

void close_array(std::string* out, int depth) {
  if (out->back() != '[') *out += "\n" + std::string(2 * (depth - 1), ' ');
  *out += "]";
}

std::string format_json(const ReportInput& in) {
  std::string out = "[";
  for (const Finding& f : *in.findings) {
    if (f.suppressed) continue;
    append_element(&out,
                   nlohmann::ordered_json{{"path", f.path},
                                          {"line", f.loc.begin.line},
                                          {"column", f.loc.begin.column},
                                          {"endLine", f.loc.end.line},
                                          {"endColumn", f.loc.end.column},
                                          {"ruleId", f.rule_id},
                                          {"severity", severity_name(f.severity)},
                                          {"message", f.message}},
                   1);
  }
  close_array(&out, 1);
  return out + "\n";
}

std::string format_github(const ReportInput& in) {
  std::ostringstream out;
  for (const Finding& f : *in.findings) {
    if (f.suppressed) continue;
    const char* kind = f.severity == Severity::error     ? "error"
                       : f.severity == Severity::warning ? "warning"
                                                         : "notice";
    out << "::" << kind << " file=" << escape_property(f.path, false)
        << ",line=" << f.loc.begin.line << ",col=" << f.loc.begin.column
        << ",endLine=" << f.loc.end.line << ",endColumn=" << f.loc.end.column
        << ",title=" << escape_property(f.rule_id, false)
        << "::" << escape_property(f.message, true) << "\n";
  }
  return out.str();
}

// A path as a URI reference (RFC 3986): bytes other than unreserved characters and '/' are
// percent-encoded, so spaces and Chinese file names stay valid for code scanning.
std::string uri_path(std::string_view path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

constexpr const char* kResultsSlot = "@results@";

std::string format_sarif(const ReportInput& in) {
  using json = nlohmann::ordered_json;
  json rules = json::array();
  std::map<std::string, size_t> rule_index;
  for (const RuleInfo& r : *in.rules) {
    rule_index[r.id] = rules.size();
    std::string doc = rule_markdown(r);
    if (doc.empty()) doc = "# " + r.id + "\n\n" + r.summary + "\n";
    std::string uri = "https://github.com/mplint/mplint/blob/main/rules/" + r.id + ".md";
    json rule = {
        {"id", r.id},
        {"name", r.id},
        {"shortDescription", {{"text", r.summary}}},
        {"fullDescription", {{"text", r.summary}}},
        {"help", {{"text", doc}, {"markdown", doc}}},
        {"helpUri", uri},
        {"defaultConfiguration", {{"level", sarif_level(r.severity)}}},
        {"properties", {{"tags", json::array({category_of(r.id)})}, {"precision", r.precision}}}};
    if (category_of(r.id) == "security")
      rule["properties"]["security-severity"] = r.severity == Severity::error     ? "8.0"
                                                : r.severity == Severity::warning ? "5.0"
                                                                                  : "2.0";
    rules.push_back(rule);
  }
  std::string results = "[";
  for (const Finding& f : *in.findings) {
    std::string_view line = in.line_of ? in.line_of(f.path, f.loc.begin.line) : std::string_view();
    json region = {
        {"startLine", f.loc.begin.line},
        {"startColumn", f.loc.begin.column},
        {"endLine", f.loc.end.line},
        {"endColumn",
         std::max(f.loc.end.column, f.loc.end.line == f.loc.begin.line ? f.loc.begin.column : 1u)}};
    json result = {{"ruleId", f.rule_id}};
    if (rule_index.count(f.rule_id)) result["ruleIndex"] = rule_index[f.rule_id];
    result["level"] = sarif_level(f.severity);
    result["message"] = {{"text", f.message}};
    result["locations"] = json::array(
        {{{"physicalLocation",
           {{"artifactLocation", {{"uri", uri_path(f.path)}, {"uriBaseId", "%SRCROOT%"}}},
            {"region", region}}}}});
    result["partialFingerprints"] = {{"mplint/v1", fingerprint(f, line)}};
    if (f.suppressed) result["suppressions"] = json::array({{{"kind", "inSource"}}});
    append_element(&results, result, 4);  // log > runs > run > results
  }
  close_array(&results, 4);
  std::string root_uri = "file://" + uri_path(in.cwd) + (in.cwd.ends_with("/") ? "" : "/");
  json run = {{"tool",
               {{"driver",
                 {{"name", "mplint"},
                  {"version", MPLINT_VERSION},
                  {"semanticVersion", MPLINT_VERSION},
                  {"informationUri", "https://github.com/mplint/mplint"},
                  {"rules", rules}}}}},
              {"invocations", json::array({{{"executionSuccessful", in.success}}})},
              {"originalUriBaseIds", {{"%SRCROOT%", {{"uri", root_uri}}}}},
              {"results", kResultsSlot},  // the streamed results replace it below
              {"columnKind", "utf16CodeUnits"}};
  json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", json::array({run})}};
  std::string text = log.dump(2) + "\n";
  const std::string slot = "\"" + std::string(kResultsSlot) + "\"";
  text.replace(text.find(slot), slot.size(), results);
  return text;
}

}  // namespace mplint
