#include "analyzer/cli.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "analyzer/baseline.h"
#include "analyzer/cli_support.h"
#include "analyzer/config.h"
#include "analyzer/file_system.h"
#include "analyzer/lsp.h"
#include "analyzer/reporters.h"
#include "analyzer/rule.h"
#include "analyzer/rule_set.h"
#include "analyzer/runner.h"
#include "analyzer/secrets.h"

namespace mplint {

using namespace cli;

namespace {

const char* kUsage =
    "Usage: mplint [check] [PATH...] [options]\n"
    "  or:  mplint rules [--format text|json|markdown]\n"
    "  or:  mplint explain RULE-ID\n"
    "  or:  mplint test-rules [DIR...]\n"
    "  or:  mplint compat [PATH] [-f text|json] [--target-lib X.Y.Z]\n"
    "  or:  mplint init\n"
    "  or:  mplint lsp\n"
    "  or:  mplint --version\n"
    "\n"
    "commands:\n"
    "  check                                 lint the files and folders named (default .)\n"
    "  rules                                 list every rule\n"
    "  explain                               print a rule's documentation\n"
    "  test-rules                            run the tests of declarative rules\n"
    "  compat                                the lowest base library the package needs, "
    "and why\n"
    "  init                                  write a commented .mplint.yml\n"
    "  lsp                                   language server (LSP 3.17) on stdin/stdout\n"
    "\n"
    "options of check:\n"
    "  -f, --format FORMAT                   text (default), sarif, json, github, gitlab, html\n"
    "  -o, --output FILE                     write the report to FILE\n"
    "  -c, --config FILE                     configuration file\n"
    "      --target-lib X.Y.Z                lowest base library to support\n"
    "      --fail-on error|warning|note|never  exit 1 at or above this level (default error)\n"
    "      --stdin-filename PATH             lint stdin as the file PATH\n"
    "  -j, --jobs N                          parallel jobs (default: hardware threads)\n"
    "      --select ID,...                   only these rules (prefix match)\n"
    "      --ignore ID,...                   not these rules (prefix match)\n"
    "      --baseline FILE                   report only findings not in FILE\n"
    "      --write-baseline FILE             record the current findings in FILE\n"
    "      --statistics                      print finding counts per rule\n"
    "      --fix                             apply the safe fixes, then report what is left\n"
    "      --fix-dry-run                     print the safe fixes as a unified diff, change "
    "nothing\n"
    "      --cache-dir DIR                   keep per-file results in DIR (default: "
    ".mplint-cache/\n"
    "                                        beside the config, else at the package root)\n"
    "      --no-cache                        neither read nor write the cache\n";

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  std::string config;
  std::string target_lib;
  std::string fail_on = "error";
  std::string stdin_filename;
  unsigned jobs = 0;
  std::vector<std::string> select, ignore;
  bool statistics = false;
  std::string baseline, write_baseline;
  bool fix = false, fix_dry_run = false;
  std::string cache_dir;
  bool no_cache = false;
};

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

CheckOptions parse_check(const std::vector<std::string>& args, size_t i) {
  CheckOptions o;
  auto value = [&](const std::string& flag) -> std::string {
    if (i + 1 >= args.size()) throw UsageError(flag + " needs a value");
    return args[++i];
  };
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string inline_value;
    std::string flag = a;
    if (a.rfind("--", 0) == 0 && a.find('=') != std::string::npos) {
      flag = a.substr(0, a.find('='));
      inline_value = a.substr(a.find('=') + 1);
    } else if (a.size() > 2 && a[0] == '-' &&
               std::string_view("fjoc").find(a[1]) != std::string_view::npos) {
      flag = a.substr(0, 2);  // -j4, -fjson: the value attached, as getopt allows
      inline_value = a.substr(2);
    }
    auto get = [&]() { return inline_value.empty() ? value(flag) : inline_value; };
    if (flag == "-f" || flag == "--format")
      o.format = get();
    else if (flag == "-o" || flag == "--output")
      o.output = get();
    else if (flag == "-c" || flag == "--config")
      o.config = get();
    else if (flag == "--target-lib")
      o.target_lib = get();
    else if (flag == "--fail-on")
      o.fail_on = get();
    else if (flag == "--stdin-filename")
      o.stdin_filename = get();
    else if (flag == "-j" || flag == "--jobs") {
      std::string v = get();
      if (v.empty() || !std::all_of(v.begin(), v.end(), ::isdigit) || std::stoul(v) == 0 ||
          std::stoul(v) > 256)
        throw UsageError("--jobs needs a number from 1 to 256, got `" + v + "`");
      o.jobs = static_cast<unsigned>(std::stoul(v));
    } else if (flag == "--select")
      o.select = split_list(get());
    else if (flag == "--ignore")
      o.ignore = split_list(get());
    else if (flag == "--statistics")
      o.statistics = true;
    else if (flag == "--fix")
      o.fix = true;
    else if (flag == "--fix-dry-run")
      o.fix_dry_run = true;
    else if (flag == "--cache-dir")
      o.cache_dir = get();
    else if (flag == "--no-cache")
      o.no_cache = true;
    else if (flag == "--baseline")
      o.baseline = get();
    else if (flag == "--write-baseline")
      o.write_baseline = get();
    else if (a == "-")
      o.paths.push_back(a);
    else if (!a.empty() && a[0] == '-')
      throw UsageError("unknown option `" + a + "`");
    else
      o.paths.push_back(a);
  }
  static const std::vector<std::string> formats = {"text",   "sarif",  "json",
                                                   "github", "gitlab", "html"};
  if (std::find(formats.begin(), formats.end(), o.format) == formats.end())
    throw UsageError("unknown format `" + o.format + "` (text, sarif, json, github, gitlab, html)");
  static const std::vector<std::string> levels = {"error", "warning", "note", "never"};
  if (std::find(levels.begin(), levels.end(), o.fail_on) == levels.end())
    throw UsageError("--fail-on takes error, warning, note or never, got `" + o.fail_on + "`");
  if (o.fix && o.fix_dry_run) throw UsageError("--fix and --fix-dry-run exclude each other");
  if ((o.fix || o.fix_dry_run) && !o.stdin_filename.empty())
    throw UsageError("--fix and --fix-dry-run need files, not --stdin-filename");
  int version[3];
  if (!o.target_lib.empty() && !parse_version(o.target_lib, version))
    throw UsageError("--target-lib takes a version X.Y.Z, got `" + o.target_lib + "`");
  return o;
}

bool at_or_above(Severity s, const std::string& fail_on) {
  if (fail_on == "never") return false;
  Severity threshold = Severity::error;
  parse_severity(fail_on, &threshold);
  return static_cast<int>(s) >= static_cast<int>(threshold);
}

// Reads lines of reported files for code frames and fingerprints, one file at a time.
class LineCache {
 public:
  LineCache(const FileSystem& fs, std::string cwd) : fs_(fs), cwd_(std::move(cwd)) {}
  /// Valid until a line of another file is asked for.
  std::string_view line(const std::string& path, uint32_t n) {
    if (path != path_) {
      path_ = path;
      std::string bytes, error;
      lines_.clear();
      // A binary file (an image a finding is about) has no lines to show.
      if (fs_.read(join_path(cwd_, path), &bytes, &error) &&
          bytes.find('\0') == std::string::npos) {
        if (bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) bytes.erase(0, 3);
        std::stringstream in(bytes);
        std::string l;
        while (std::getline(in, l)) {
          if (!l.empty() && l.back() == '\r') l.pop_back();
          lines_.push_back(l);
        }
      }
    }
    return n >= 1 && n <= lines_.size() ? std::string_view(lines_[n - 1]) : std::string_view();
  }

 private:
  const FileSystem& fs_;
  std::string cwd_;
  std::string path_;
  std::vector<std::string> lines_;
};

std::string render(const std::string& format, const ReportInput& in) {
  if (format == "sarif") return format_sarif(in);
  if (format == "json") return format_json(in);
  if (format == "github") return format_github(in);
  if (format == "gitlab") return format_gitlab(in);
  if (format == "html") return format_html(in);
  return format_text(in);
}

std::string statistics(const std::vector<Finding>& findings) {
  std::map<std::string, size_t> counts;
  for (const Finding& f : findings)
    if (!f.suppressed) counts[f.rule_id]++;
  std::ostringstream out;
  for (const auto& [id, n] : counts) out << n << "\t" << id << "\n";
  return out.str();
}

// The findings as a baseline file records them: paths relative to the baseline's folder (so
// it matches whatever directory mplint runs from), with their fingerprints.
struct BaselineView {
  std::vector<Finding> findings;
  std::vector<std::string> fingerprints;
};

BaselineView baseline_view(const std::vector<Finding>& findings, const std::string& cwd,
                           const std::string& baseline_file, LineCache& lines) {
  DiskFileSystem disk;
  std::string base = parent_dir(disk.absolute(baseline_file));
  BaselineView view{findings, {}};
  LineScanner scan;
  for (size_t i = 0; i < findings.size(); ++i) {
    Finding& f = view.findings[i];
    f.path = relative_path(base, join_path(cwd, f.path));
    view.fingerprints.push_back(
        fingerprint(f, lines.line(findings[i].path, f.loc.begin.line), &scan));
  }
  return view;
}

// --write-baseline records the findings; --baseline drops the recorded ones.
void apply_baseline(const CheckOptions& o, const std::string& cwd, std::vector<Finding>* findings,
                    LineCache& lines) {
  if (!o.write_baseline.empty()) {
    BaselineView view = baseline_view(*findings, cwd, o.write_baseline, lines);
    std::ofstream out(o.write_baseline, std::ios::binary);
    out << write_baseline(view.findings, view.fingerprints);
    if (!out) throw ConfigFailure(o.write_baseline + ": cannot write");
  }
  if (o.baseline.empty()) return;
  std::string text, error;
  DiskFileSystem disk;
  if (!disk.read(disk.absolute(o.baseline), &text, &error))
    throw ConfigFailure(o.baseline + ": cannot read: " + error);
  std::vector<BaselineEntry> entries;
  if (!read_baseline(text, &entries, &error)) throw ConfigFailure(o.baseline + ": " + error);
  BaselineView view = baseline_view(*findings, cwd, o.baseline, lines);
  std::vector<bool> held = in_baseline(view.findings, view.fingerprints, entries);
  std::vector<Finding> kept;
  for (size_t i = 0; i < findings->size(); ++i)
    if (!held[i]) kept.push_back(std::move((*findings)[i]));
  *findings = std::move(kept);
}

// The folder holding `.git` (a folder, or a file in a worktree) at or above `dir`, or "".
std::string repository_root(const FileSystem& fs, std::string dir) {
  while (true) {
    std::string git = join_path(dir, ".git");
    if (fs.is_dir(git) || fs.is_file(git)) return dir;
    std::string up = parent_dir(dir);
    if (up == dir || up.empty()) return "";
    dir = up;
  }
}

int run_check(const CheckOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  auto start = std::chrono::steady_clock::now();
  DiskFileSystem disk;
  std::string cwd = disk.absolute(".");
  std::string first = !o.stdin_filename.empty() ? o.stdin_filename
                      : o.paths.empty()         ? "."
                                                : o.paths.front();
  Config config = read_config_for(disk, o.config, find_package_root(disk, disk.absolute(first)));
  LoadedRules rules = select_rules(config, o.select, o.ignore);

  // Files in memory: stdin's content, and what --fix has changed so far.
  OverlayFileSystem overlay(disk);
  const FileSystem* fs = &overlay;
  RunOptions run = run_options(rules, config);
  run.cwd = cwd;
  if (!o.target_lib.empty()) run.target_lib = o.target_lib;
  run.jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  run.disk_cache = !o.no_cache;
  run.size_tree = o.format == "html";
  if (!o.cache_dir.empty())
    run.cache_dir = disk.absolute(o.cache_dir);
  else if (!config.path.empty())
    run.cache_dir = join_path(parent_dir(config.path), ".mplint-cache");
  if (!o.stdin_filename.empty()) {
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string abs = disk.absolute(o.stdin_filename);
    overlay.set(abs, std::move(content));
    run.paths.push_back(abs);
  } else {
    std::vector<std::string> paths = o.paths.empty() ? std::vector<std::string>{"."} : o.paths;
    for (const std::string& p : paths) {
      std::string abs = disk.absolute(p);
      if (!disk.is_file(abs) && !disk.is_dir(abs)) {
        err << "mplint: " << p << ": No such file or directory\n";
        return 2;
      }
      run.paths.push_back(abs);
    }
  }

  RunOutput result;
  std::string error;
  size_t fixed = 0;
  bool linted = o.fix || o.fix_dry_run ? lint_and_fix(&overlay, run, &result, &fixed, &error)
                                       : run_lint(*fs, run, &result, &error);
  if (!linted) {
    err << "mplint: " << error << "\n";
    return 2;
  }
  for (const std::string& w : result.warnings) err << "mplint: " << w << "\n";
  if (o.fix_dry_run) return print_fix_diff(overlay, cwd, fixed, out, err);
  if (o.fix && !write_fixes(overlay, fixed, err)) return 2;

  LineCache lines(*fs, cwd);
  auto line_of = [&](const std::string& path, uint32_t line) { return lines.line(path, line); };
  // No message shows a secret, in any format or in the baseline (the reporters check again).
  SecretMask mask(result.findings, line_of);
  for (Finding& f : result.findings) mask.mask_messages(&f);
  apply_baseline(o, cwd, &result.findings, lines);
  ReportInput report;
  report.findings = &result.findings;
  report.rules = &rules.infos;
  report.cwd = cwd;
  report.files_linted = result.files_linted;
  report.packages = result.packages;
  report.package_sizes = result.package_sizes;
  report.elapsed_ms = static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::steady_clock::now() - start)
                                            .count());
  report.line_of = line_of;
  if (o.format == "html")
    report.compat = compat_summary(disk, result.findings, rules.infos, o.target_lib, config,
                                   disk.absolute(first));
  if (o.format == "gitlab") report.repo_root = repository_root(disk, cwd);
  report.color =
      o.format == "text" && o.output.empty() && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
  std::string text = render(o.format, report);
  // Machine-readable reports stay parseable: their statistics go to stderr.
  if (o.statistics && o.format == "text")
    text += statistics(result.findings);
  else if (o.statistics)
    err << statistics(result.findings);
  if (o.output.empty()) {
    out << text;
  } else {
    std::ofstream file(o.output, std::ios::binary);
    file << text;
    if (!file) {
      err << "mplint: " << o.output << ": cannot write\n";
      return 2;
    }
  }
  bool fail = std::any_of(result.findings.begin(), result.findings.end(), [&](const Finding& f) {
    return !f.suppressed && at_or_above(f.severity, o.fail_on);
  });
  return fail ? 1 : 0;
}

}  // namespace

int run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
            std::ostream& err) {
  try {
    if (!args.empty() && (args[0] == "--version" || args[0] == "-V")) {
      out << "mplint " << MPLINT_VERSION << "\n";
      return 0;
    }
    bool help = std::any_of(args.begin(), args.end(),
                            [](const std::string& a) { return a == "--help" || a == "-h"; });
    if (help || (!args.empty() && args[0] == "help")) {
      out << kUsage;
      return 0;
    }
    if (!args.empty() && args[0] == "rules") return run_rules(args, out);
    if (!args.empty() && args[0] == "explain") return run_explain(args, out, err);
    if (!args.empty() && args[0] == "init") return run_init(out, err);
    if (!args.empty() && args[0] == "compat") return run_compat(args, out, err);
    if (!args.empty() && args[0] == "lsp") {
      // Clients built on vscode-languageclient add `--stdio`; stdio is the only transport.
      for (size_t i = 1; i < args.size(); ++i)
        if (args[i] != "--stdio") throw UsageError("lsp: unknown option `" + args[i] + "`");
      return run_lsp(STDIN_FILENO, STDOUT_FILENO);
    }
    if (!args.empty() && args[0] == "test-rules") return run_test_rules(args, out);
    size_t first = !args.empty() && args[0] == "check" ? 1 : 0;
    return run_check(parse_check(args, first), in, out, err);
  } catch (const ConfigFailure& e) {
    err << "mplint: " << e.what() << "\n";
    return 2;
  } catch (const UsageError& e) {
    err << "mplint: " << e.what() << "\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    err << "mplint: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace mplint
