#include "analyzer/reporters.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analyzer/file_system.h"
#include "analyzer/package_graph.h"
#include "analyzer/secrets.h"

namespace mplint {

namespace {

const char* sarif_level(Severity s) {
  return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "note";
}

std::string color(bool on, const char* code, const std::string& s) {
  return on ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
}

// The caret line under a code frame: spaces up to the column, then ^ over the range.
std::string caret_line(std::string_view line, const Loc& loc) {
  std::string out;
  uint32_t col = 1;
  size_t i = 0;
  while (i < line.size() && col < loc.begin.column) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out += line[i] == '\t' ? '\t' : ' ';
    // Wide (CJK) characters take two cells in a terminal.
    if (n == 3) out += ' ';
    col += n == 4 ? 2 : 1;
    i += n;
  }
  uint32_t width = 1;
  if (loc.end.line == loc.begin.line && loc.end.column > loc.begin.column)
    width = loc.end.column - loc.begin.column;
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

std::string fingerprint(const Finding& f, std::string_view line_text, LineScanner* scan) {
  // A long (minified) line: only the text around the finding, so one edit elsewhere in the
  // line keeps the fingerprint, and a file with many findings is not hashed whole each time.
  constexpr size_t kLongLine = 512, kBefore = 100, kAfter = 200;
  if (f.whole_file) line_text = {};
  if (line_text.size() > kLongLine) {
    size_t at = scan ? scan->byte_at_column(f.path, f.loc.begin.line, line_text, f.loc.begin.column)
                     : byte_at_column(line_text, f.loc.begin.column);
    size_t from = at > kBefore ? at - kBefore : 0;
    line_text = line_text.substr(from, kBefore + kAfter);
  }
  std::string squeezed;
  for (char c : line_text)
    if (c != ' ' && c != '\t' && c != '\r') squeezed += c;
  // Numbers in a message (a package's size, a count) may change while the finding stays.
  std::string message;
  for (char c : f.message)
    if (!std::isdigit(static_cast<unsigned char>(c)))
      message += c;
    else if (message.empty() || message.back() != '#')
      message += '#';
  char buf[17];
  snprintf(buf, sizeof buf, "%016llx",
           static_cast<unsigned long long>(
               fnv1a(f.rule_id + '\0' + f.path + '\0' + message + '\0' + squeezed)));
  return buf;
}

// The code frame's text: the line, or for a long (minified) line the part around the finding
// with "..." where it was cut; `loc`'s columns are moved to match.
std::string frame_text(const std::string& path, std::string_view line, Loc* loc,
                       LineScanner* scan) {
  constexpr size_t kLong = 160, kBefore = 60, kAfter = 80;
  if (line.size() <= kLong) return std::string(line);
  auto is_lead = [&](size_t i) { return (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80; };
  uint32_t number = loc->begin.line;
  size_t at = scan->byte_at_column(path, number, line, loc->begin.column);
  size_t from = at > kBefore ? at - kBefore : 0;
  while (from > 0 && !is_lead(from)) --from;
  size_t to = std::min(line.size(), at + kAfter);
  while (to < line.size() && !is_lead(to)) ++to;
  std::string prefix = from > 0 ? "..." : "";
  uint32_t shift =
      scan->utf16_length_before(path, number, line, from) - static_cast<uint32_t>(prefix.size());
  loc->begin.column -= shift;
  if (loc->end.line == loc->begin.line) loc->end.column -= std::min(shift, loc->end.column - 1);
  return prefix + std::string(line.substr(from, to - from)) + (to < line.size() ? "..." : "");
}

// The secrets of the report, read back through `line_of`.
SecretMask secret_mask(const ReportInput& in) { return SecretMask(*in.findings, in.line_of); }

// Writes the code frame of `loc` in `path`: the line (secrets masked), then the caret line
// under the range.
void write_frame(std::ostringstream& out, const ReportInput& in, const SecretMask& mask,
                 LineScanner* scan, const std::string& path, const Loc& loc, const char* code) {
  std::string_view line = in.line_of ? in.line_of(path, loc.begin.line) : std::string_view();
  if (line.empty()) return;
  Loc at = loc;
  std::string shown = frame_text(path, mask.line(path, loc.begin.line, line), &at, scan);
  std::string number = std::to_string(loc.begin.line);
  out << "  " << number << " | " << shown << "\n";
  out << "  " << std::string(number.size(), ' ') << " | "
      << color(in.color, code, caret_line(shown, at)) << "\n";
}

std::string position(const std::string& path, const Loc& loc) {
  return path + ":" + std::to_string(loc.begin.line) + ":" + std::to_string(loc.begin.column);
}

// A related location: `note: message` (with its position when in another file), its frame.
void write_related(std::ostringstream& out, const ReportInput& in, const SecretMask& mask,
                   const Finding& f, const RelatedLocation& r) {
  out << "  " << color(in.color, "36", "note") << ": "
      << (r.path == f.path ? "" : position(r.path, r.loc) + ": ") << r.message << "\n";
  LineScanner scan;  // a related place is seldom on the finding's long line
  write_frame(out, in, mask, &scan, r.path, r.loc, "36");
}

// A short table of package sizes (performance/package-size ran): one line per package and a
// total per package root.
void write_size_table(std::ostringstream& out, const std::vector<PackageSizeLine>& sizes) {
  if (sizes.empty()) return;
  size_t width = 0;
  for (const PackageSizeLine& s : sizes) width = std::max(width, s.name.size());
  out << "package sizes:\n";
  for (size_t i = 0; i < sizes.size(); ++i) {
    const PackageSizeLine& s = sizes[i];
    bool first = i == 0 || sizes[i - 1].root != s.root;
    if (first && sizes.back().root != sizes.front().root) out << "  " << s.root << "/\n";
    out << "  " << s.name << std::string(width - s.name.size() + 2, ' ') << human_size(s.bytes)
        << " (" << s.files << (s.files == 1 ? " file)" : " files)") << "\n";
  }
  out << "\n";
}

std::string format_text(const ReportInput& in) {
  std::ostringstream out;
  size_t counts[3] = {0, 0, 0};
  SecretMask mask = secret_mask(in);
  LineScanner scan;
  for (const Finding& shown : *in.findings) {
    if (shown.suppressed) continue;
    Finding f = shown;
    mask.mask_messages(&f);
    counts[static_cast<int>(f.severity)]++;
    const char* code = f.severity == Severity::error     ? "31"
                       : f.severity == Severity::warning ? "33"
                                                         : "36";
    out << color(in.color, "1", position(f.path, f.loc) + ":") << " "
        << color(in.color, code, severity_name(f.severity)) << "[" << f.rule_id << "] " << f.message
        << "\n";
    if (!f.whole_file) write_frame(out, in, mask, &scan, f.path, f.loc, code);
    for (const RelatedLocation& r : f.related) write_related(out, in, mask, f, r);
  }
  auto plural = [](size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
  };
  if (!in.findings->empty()) out << "\n";
  write_size_table(out, in.package_sizes);
  if (!in.packages.empty()) {
    out << "packages: ";
    for (size_t i = 0; i < in.packages.size(); ++i) out << (i ? ", " : "") << in.packages[i];
    out << "\n";
  }
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

// `{path, line, column, endLine, endColumn}` of a location.
nlohmann::ordered_json json_location(const std::string& path, const Loc& loc) {
  return {{"path", path},
          {"line", loc.begin.line},
          {"column", loc.begin.column},
          {"endLine", loc.end.line},
          {"endColumn", loc.end.column}};
}

std::string format_json(const ReportInput& in) {
  std::string out = "[";
  SecretMask mask = secret_mask(in);
  for (const Finding& shown : *in.findings) {
    if (shown.suppressed) continue;
    Finding f = shown;
    mask.mask_messages(&f);
    nlohmann::ordered_json item = json_location(f.path, f.loc);
    item["ruleId"] = f.rule_id;
    item["severity"] = severity_name(f.severity);
    item["message"] = f.message;
    for (const RelatedLocation& r : f.related) {
      nlohmann::ordered_json related = json_location(r.path, r.loc);
      related["message"] = r.message;
      item["related"].push_back(related);
    }
    for (const auto& [key, value] : f.properties) item["properties"][key] = value;
    for (const Fix& fix : f.fixes) {
      nlohmann::ordered_json edits = nlohmann::ordered_json::array();
      for (const Edit& e : fix.edits) {
        nlohmann::ordered_json edit = json_location(f.path, e.loc);
        edit.erase("path");
        edit["text"] = e.text;
        edits.push_back(edit);
      }
      item["fixes"].push_back({{"title", fix.title}, {"safe", fix.safe}, {"edits", edits}});
    }
    append_element(&out, item, 1);
  }
  close_array(&out, 1);
  return out + "\n";
}

std::string format_github(const ReportInput& in) {
  std::ostringstream out;
  SecretMask mask = secret_mask(in);
  for (const Finding& shown : *in.findings) {
    if (shown.suppressed) continue;
    Finding f = shown;
    mask.mask_messages(&f);
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

// Code Climate's severities, as GitLab shows them: a security error is critical.
const char* gitlab_severity(const Finding& f) {
  if (f.severity == Severity::error)
    return category_of(f.rule_id) == "security" ? "critical" : "major";
  return f.severity == Severity::warning ? "minor" : "info";
}

const char* code_climate_category(const std::string& rule_id) {
  std::string category = category_of(rule_id);
  if (category == "security") return "Security";
  if (category == "performance") return "Performance";
  if (category == "compat") return "Compatibility";
  if (category == "correctness" || category == "syntax") return "Bug Risk";
  return "Style";
}

std::string format_gitlab(const ReportInput& in) {
  std::string out = "[";
  SecretMask mask = secret_mask(in);
  LineScanner scan;
  std::map<std::string, int> seen;  // fingerprint -> times used
  std::string root = in.repo_root.empty() ? in.cwd : in.repo_root;
  for (const Finding& shown : *in.findings) {
    if (shown.suppressed) continue;
    Finding f = shown;
    mask.mask_messages(&f);
    // The baseline's fingerprint of a baseline kept at the repository root; the n-th finding
    // with the same one gets "-n" so that each is unique.
    Finding at_root = f;
    at_root.path = relative_path(root, join_path(in.cwd, f.path));
    std::string_view line = in.line_of ? in.line_of(f.path, f.loc.begin.line) : std::string_view();
    std::string print = fingerprint(at_root, line, &scan);
    int n = ++seen[print];
    if (n > 1) print += "-" + std::to_string(n);
    nlohmann::ordered_json item = {
        {"type", "issue"},
        {"engine_name", "mplint"},
        {"check_name", f.rule_id},
        {"description", f.message},
        {"categories", nlohmann::ordered_json::array({code_climate_category(f.rule_id)})},
        {"severity", gitlab_severity(f)},
        {"fingerprint", print},
        {"location",
         {{"path", at_root.path},
          {"lines",
           {{"begin", f.loc.begin.line}, {"end", std::max(f.loc.end.line, f.loc.begin.line)}}}}}};
    append_element(&out, item, 1);
  }
  close_array(&out, 1);
  return out + "\n";
}

constexpr const char* kResultsSlot = "@results@";

// A SARIF physicalLocation. Paths inside the current directory are relative to %SRCROOT%;
// one outside it (`../x`) gets an absolute file:// URI, which code scanning can map.
nlohmann::ordered_json sarif_location(const ReportInput& in, const std::string& path,
                                      const Loc& loc) {
  using json = nlohmann::ordered_json;
  json artifact = {{"uri", uri_path(path)}, {"uriBaseId", "%SRCROOT%"}};
  if (path == ".." || path.starts_with("../") || path.starts_with("/"))
    artifact = {{"uri", "file://" + uri_path(join_path(in.cwd, path))}};
  json region = {{"startLine", loc.begin.line},
                 {"startColumn", loc.begin.column},
                 {"endLine", loc.end.line},
                 {"endColumn", std::max(loc.end.column,
                                        loc.end.line == loc.begin.line ? loc.begin.column : 1u)}};
  return {{"artifactLocation", artifact}, {"region", region}};
}

// A SARIF fix: each edit a replacement of an exact region (empty for an insertion).
nlohmann::ordered_json sarif_fix(const ReportInput& in, const std::string& path, const Fix& fix) {
  using json = nlohmann::ordered_json;
  json replacements = json::array();
  for (const Edit& e : fix.edits)
    replacements.push_back({{"deletedRegion",
                             {{"startLine", e.loc.begin.line},
                              {"startColumn", e.loc.begin.column},
                              {"endLine", e.loc.end.line},
                              {"endColumn", e.loc.end.column}}},
                            {"insertedContent", {{"text", e.text}}}});
  json artifact = sarif_location(in, path, {})["artifactLocation"];
  return {{"description", {{"text", fix.title}}},
          {"artifactChanges",
           json::array({{{"artifactLocation", artifact}, {"replacements", replacements}}})}};
}

// A SARIF result. The fingerprint hashes the finding as it came (a hash is not an echo, and
// it stays what the baseline records); the text shown is masked of secrets.
nlohmann::ordered_json sarif_result(const ReportInput& in, const SecretMask& mask,
                                    LineScanner* scan, const Finding& found,
                                    const std::map<std::string, size_t>& rule_index) {
  using json = nlohmann::ordered_json;
  std::string_view line =
      in.line_of ? in.line_of(found.path, found.loc.begin.line) : std::string_view();
  std::string print = fingerprint(found, line, scan);
  Finding f = found;
  mask.mask_messages(&f);
  json result = {{"ruleId", f.rule_id}};
  if (auto it = rule_index.find(f.rule_id); it != rule_index.end())
    result["ruleIndex"] = it->second;
  result["level"] = sarif_level(f.severity);
  result["message"] = {{"text", f.message}};
  result["locations"] = json::array({{{"physicalLocation", sarif_location(in, f.path, f.loc)}}});
  result["partialFingerprints"] = {{"mplint/v1", print}};
  for (size_t i = 0; i < f.related.size(); ++i) {
    const RelatedLocation& r = f.related[i];
    result["relatedLocations"].push_back({{"id", i},
                                          {"physicalLocation", sarif_location(in, r.path, r.loc)},
                                          {"message", {{"text", r.message}}}});
  }
  if (f.suppressed) result["suppressions"] = json::array({{{"kind", "inSource"}}});
  for (const Fix& fix : f.fixes) result["fixes"].push_back(sarif_fix(in, f.path, fix));
  for (const auto& [key, value] : f.properties) result["properties"][key] = value;
  return result;
}

std::string format_sarif(const ReportInput& in) {
  using json = nlohmann::ordered_json;
  json rules = json::array();
  std::map<std::string, size_t> rule_index;
  for (const RuleInfo& r : *in.rules) {
    rule_index[r.id] = rules.size();
    std::string doc = rule_markdown(r);
    if (doc.empty()) doc = "# " + r.id + "\n\n" + r.summary + "\n";
    std::string uri = rule_doc_url(r.id);
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
      rule["properties"]["security-severity"] = security_severity_of(r);
    rules.push_back(rule);
  }
  std::string results = "[";
  SecretMask mask = secret_mask(in);
  LineScanner scan;
  for (const Finding& f : *in.findings)  // depth 4: log > runs > run > results
    append_element(&results, sarif_result(in, mask, &scan, f, rule_index), 4);
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
