#include "analyzer/runner.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "analyzer/disk_cache.h"
#include "analyzer/facts.h"
#include "analyzer/outcome_io.h"
#include "analyzer/parsed_file.h"

namespace mplint {

namespace {

struct FileJob {
  const ProjectFile* file;
  ParseDepth depth;
};

struct FileOutcome {
  std::vector<Finding> findings;
  FileFacts facts;
  std::string warning;
};

std::string sibling(const std::string& path, const std::string& ext) {
  auto dot = path.rfind('.');
  return path.substr(0, dot) + ext;
}

const nlohmann::json* options_of(const RunOptions& options, const std::string& id) {
  auto it = options.settings.find(id);
  return it == options.settings.end() ? nullptr : &it->second.options;
}

}  // namespace

struct OutcomeCache::Entries {
  struct Entry {
    std::string bytes;  // what the outcome was computed from
    FileOutcome outcome;
  };
  std::mutex mutex;
  std::map<std::pair<std::string, ParseDepth>, Entry> map;
};

OutcomeCache::OutcomeCache() : entries_(std::make_unique<Entries>()) {}
OutcomeCache::~OutcomeCache() = default;
void OutcomeCache::clear() {
  std::lock_guard<std::mutex> lock(entries_->mutex);
  entries_->map.clear();
}

namespace {

// What every file job of one project shares.
struct JobContext {
  const Project& project;
  const RunOptions& options;
  const std::vector<RuleInfo>& infos;
  const DiskCache* disk = nullptr;  // the on-disk cache, or null
  std::string salt;                 // with the disk cache: what every outcome depends on
};

FileOutcome process_uncached(const JobContext& jc, const FileJob& job,
                             std::optional<std::string> bytes = std::nullopt);

// This program's build: the cache must not outlive a rebuild that changes what a rule finds,
// and the version alone does not change between builds.
std::string build_identity() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  std::string out = "mplint " MPLINT_VERSION " outcome-format 1\n";
  if (ec) return out;
  auto size = std::filesystem::file_size(exe, ec);
  auto time = std::filesystem::last_write_time(exe, ec).time_since_epoch().count();
  return out + exe.string() + " " + std::to_string(size) + " " + std::to_string(time) + "\n";
}

// Everything a file's outcome depends on besides its bytes and path: the build, the rules
// and their settings, and the project (the file list, every JSON, the target).
std::string outcome_salt(const Project& project, const RunOptions& options) {
  static const std::string build = build_identity();
  std::string s = build;
  for (const Rule* r : options.rules) s += r->info().id + "\n" + r->cache_salt() + "\n";
  for (const auto& [id, setting] : options.settings) {
    // CBOR: every byte of an option's strings, UTF-8 or not (dump() throws on the latter).
    std::vector<uint8_t> cbor = nlohmann::json::to_cbor(setting.options);
    s += id + (setting.enabled ? " on " : " off ") +
         (setting.severity ? severity_name(*setting.severity) : "-") + " " +
         std::string(cbor.begin(), cbor.end()) + "\n";
  }
  s += options.target_lib + "\n" + options.forced_root + "\n";
  for (const std::string& e : options.excludes) s += e + "\n";
  s += project.digest();
  return hash_hex(s);
}

std::string encode_outcome(const FileOutcome& o) {
  ByteWriter w;
  w(o.findings, o.facts, o.warning);
  return w.bytes();
}

bool decode_outcome(std::string_view bytes, FileOutcome* o) {
  ByteReader r(bytes);
  r(o->findings, o->facts, o->warning);
  return r.ok() && r.at_end();
}

// With the disk cache: an outcome stored under the key of these bytes, in this project, with
// these rules and settings, is the outcome (it is recomputed when missing or unreadable).
FileOutcome process_on_disk(const JobContext& jc, const FileJob& job) {
  std::string bytes, error;
  if (!jc.project.fs().read(join_path(jc.project.root(), job.file->path), &bytes, &error))
    return process_uncached(jc, job);
  std::string key = hash_hex(jc.salt + '\0' + job.file->path + '\0' +
                             std::to_string(static_cast<int>(job.depth)) + '\0' + bytes);
  FileOutcome out;
  if (std::optional<std::string> stored = jc.disk->load(key))
    if (decode_outcome(*stored, &out)) return out;
  out = process_uncached(jc, job, std::move(bytes));
  jc.disk->store(key, encode_outcome(out));
  return out;
}

// With a cache, a file whose bytes are those of the cached outcome is not parsed again.
FileOutcome process(const JobContext& jc, const FileJob& job) {
  const RunOptions& options = jc.options;
  const Project& project = jc.project;
  if (!options.cache) return jc.disk ? process_on_disk(jc, job) : process_uncached(jc, job);
  std::string bytes, error;
  if (!project.fs().read(join_path(project.root(), job.file->path), &bytes, &error))
    return process_uncached(jc, job);
  OutcomeCache::Entries& cache = options.cache->entries();
  auto key = std::make_pair(job.file->path, job.depth);
  {
    std::lock_guard<std::mutex> lock(cache.mutex);
    auto it = cache.map.find(key);
    if (it != cache.map.end() && it->second.bytes == bytes) return it->second.outcome;
  }
  FileOutcome out = process_uncached(jc, job, bytes);
  std::lock_guard<std::mutex> lock(cache.mutex);
  cache.map[key] = {std::move(bytes), out};
  return out;
}

// `bytes`: the file's contents when the caller has read them already (for a cache key).
FileOutcome process_uncached(const JobContext& jc, const FileJob& job,
                             std::optional<std::string> bytes) {
  const RunOptions& options = jc.options;
  const std::vector<RuleInfo>& infos = jc.infos;
  const Project& project = jc.project;
  FileOutcome out;
  std::unique_ptr<ParsedFile> parsed = parse_file(project, *job.file, job.depth, std::move(bytes));
  if (!parsed->read_error.empty())
    out.warning = parsed->path + ": cannot read: " + parsed->read_error;
  if (job.depth == ParseDepth::full) {
    for (size_t i = 0; i < options.rules.size(); ++i) {
      Reporter reporter(infos[i], &out.findings, options_of(options, infos[i].id));
      FileContext ctx(project, *parsed, reporter);
      try {
        options.rules[i]->check_file(ctx);
      } catch (const std::exception& e) {
        out.warning = parsed->path + ": internal error in " + infos[i].id + ": " + e.what();
      }
    }
  }
  out.facts = extract_facts(*parsed);
  return out;
}

// Parses `jobs` on `threads` threads; outcomes land at the job's index (deterministic).
// The largest files go first, so that no thread is left with a big one at the end while
// the others idle.
std::vector<FileOutcome> run_jobs(const JobContext& jc, const std::vector<FileJob>& jobs) {
  std::vector<FileOutcome> outcomes(jobs.size());
  std::vector<size_t> order(jobs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return jobs[a].file->size > jobs[b].file->size; });
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t k = next++; k < order.size(); k = next++)
      outcomes[order[k]] = process(jc, jobs[order[k]]);
  };
  unsigned n =
      std::max(1u, std::min<unsigned>(jc.options.jobs, static_cast<unsigned>(jobs.size())));
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < n; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  return outcomes;
}

bool under(const std::string& rel, const std::string& dir_rel) {
  if (dir_rel.empty()) return true;
  return rel == dir_rel || rel.compare(0, dir_rel.size() + 1, dir_rel + "/") == 0;
}

// WXML files that reach any of `targets` through import/include, targets included.
std::set<std::string> wxml_reaching(const Project& project, const FactsIndex& facts,
                                    const std::set<std::string>& targets) {
  std::map<std::string, std::vector<std::string>> reverse;
  for (const auto& [path, f] : facts) {
    for (const PathRef& r : f.refs) {
      if (r.kind != PathRef::Kind::wxml_import && r.kind != PathRef::Kind::wxml_include) continue;
      std::string to = project.resolve(path, r.spec, {"", ".wxml"});
      if (!to.empty()) reverse[to].push_back(path);
    }
  }
  std::set<std::string> seen(targets.begin(), targets.end());
  std::vector<std::string> work(targets.begin(), targets.end());
  while (!work.empty()) {
    std::string p = work.back();
    work.pop_back();
    for (const std::string& from : reverse[p])
      if (seen.insert(from).second) work.push_back(from);
  }
  return seen;
}

// Applies severity overrides from the config, then inline suppressions (which may add
// mplint/unused-suppression findings).
void apply_settings(const RunOptions& options, const std::vector<RuleInfo>& infos,
                    const std::set<std::string>& idle, const FactsIndex& facts,
                    std::vector<Finding>* findings) {
  for (Finding& f : *findings) {
    auto it = options.settings.find(f.rule_id);
    if (it != options.settings.end() && it->second.severity) f.severity = *it->second.severity;
  }
  std::set<std::string> ran;
  std::set<std::string> every;  // the rules that ran, idle or not
  for (const RuleInfo& r : infos) every.insert(r.id);
  for (const RuleInfo& r : infos)
    if (!idle.count(r.id)) ran.insert(r.id);
  std::map<std::string, std::vector<Finding*>> by_path;
  for (Finding& f : *findings) by_path[normalize_path(f.path)].push_back(&f);
  std::vector<Finding> unused;
  for (const auto& [path, ff] : facts) {
    if (ff.suppressions.empty()) continue;
    std::vector<Finding*>& list = by_path[path];
    // A bare suppression that hides nothing is still called unused when a rule was idle: a
    // comment meant for the idle rule names it.
    auto more = apply_suppressions(list, ff.suppressions, ran, options.all_rules_ran, path,
                                   options.known_rule_ids.empty() ? every : options.known_rule_ids);
    if (!options.report_unused_suppressions) continue;
    for (Finding& u : more) {
      if (options.unused_suppression_severity) u.severity = *options.unused_suppression_severity;
      unused.push_back(std::move(u));
    }
  }
  findings->insert(findings->end(), unused.begin(), unused.end());
}

// The size table the text report prints when performance/package-size runs: the rule
// computed the sizes (ProjectContext::package_sizes) when it ran on this package. The HTML
// report (options.size_tree) asks for them, with each package's files, in any case.
void add_package_sizes(const Project& project, const RunOptions& options, const FactsIndex& facts,
                       PackageFacts* package, RunOutput* out) {
  if (!project.app()) return;
  if (options.size_tree && !package->sizes) {
    RuleInfo none;
    std::vector<Finding> dropped;
    Reporter nobody(none, &dropped);
    ProjectContext(project, facts, nobody, package).package_sizes();
  }
  if (!package->sizes) return;
  std::string root = relative_path(options.cwd, project.root());
  for (const PackageSize& size : *package->sizes) {
    PackageSizeLine line{
        root, size.root.empty() ? "main package" : size.root, size.bytes, size.files, {}};
    if (options.size_tree)
      for (const ProjectFile* f : size.members) line.contents.push_back({f->path, f->size});
    out->package_sizes.push_back(std::move(line));
  }
}

}  // namespace

void lint_in_project(const Project& project, const std::vector<std::string>& named,
                     const RunOptions& options, RunOutput* out) {
  std::vector<RuleInfo> infos;
  for (const Rule* r : options.rules) infos.push_back(r->info());

  // The report set: files under the named paths. The rest is parsed for facts only.
  std::set<std::string> report;
  bool whole = false;
  for (const std::string& abs : named) {
    std::string rel = project.relative(abs);
    bool contains_root = abs == project.root() || abs == project.project_dir() ||
                         project.root().compare(0, abs.size() + 1, abs + "/") == 0;
    if (contains_root) {
      whole = true;
      continue;
    }
    if (rel.empty()) {
      out->warnings.push_back(abs + ": outside the package root " + project.root() + ", skipped");
      continue;
    }
    for (const ProjectFile& f : project.files())
      if (f.linted && is_source_kind(f.kind) && under(f.path, rel)) report.insert(f.path);
  }
  if (whole)
    for (const ProjectFile& f : project.files())
      if (f.linted && is_source_kind(f.kind)) report.insert(f.path);

  std::vector<FileJob> jobs;
  std::set<std::string> scheduled;
  auto schedule = [&](const std::string& rel, ParseDepth depth) {
    const ProjectFile* f = project.file(rel);
    if (!f || !f->linted || !is_source_kind(f->kind) || !scheduled.insert(rel).second) return;
    jobs.push_back({f, depth});
  };
  for (const std::string& rel : report) schedule(rel, ParseDepth::full);
  for (const std::string& rel : report)
    for (const char* ext : {".js", ".ts", ".wxml"})
      schedule(sibling(rel, ext), ParseDepth::facts_only);
  for (const ProjectFile& f : project.files())
    if (f.kind == FileKind::wxml) schedule(f.path, ParseDepth::facts_only);

  std::optional<DiskCache> disk;
  if (options.disk_cache)
    disk.emplace(options.cache_dir.empty() ? project.root() + "/.mplint-cache" : options.cache_dir);
  JobContext jc{project, options, infos, disk ? &*disk : nullptr,
                disk ? outcome_salt(project, options) : ""};
  std::vector<FileOutcome> outcomes = run_jobs(jc, jobs);
  FactsIndex facts;
  std::vector<Finding> findings;
  auto absorb = [&](std::vector<FileOutcome>& batch) {
    for (FileOutcome& o : batch) {
      findings.insert(findings.end(), std::make_move_iterator(o.findings.begin()),
                      std::make_move_iterator(o.findings.end()));
      if (!o.warning.empty()) out->warnings.push_back(o.warning);
      std::string path = o.facts.path;
      facts.emplace(path, std::move(o.facts));
    }
  };
  absorb(outcomes);

  // Second pass: scripts of the pages and components whose WXML reaches a reported file.
  std::set<std::string> targets;
  for (const std::string& rel : report)
    if (kind_of_path(rel) == FileKind::wxml) targets.insert(rel);
  jobs.clear();
  for (const std::string& w : wxml_reaching(project, facts, targets))
    for (const char* ext : {".js", ".ts"}) schedule(sibling(w, ext), ParseDepth::facts_only);
  if (!jobs.empty()) {
    auto more = run_jobs(jc, jobs);
    absorb(more);
  }

  PackageFacts package;  // the graph and sizes, built once, by the first rule that asks
  for (size_t i = 0; i < options.rules.size(); ++i) {
    Reporter reporter(infos[i], &findings, options_of(options, infos[i].id));
    ProjectContext ctx(project, facts, reporter, &package);
    try {
      options.rules[i]->check_project(ctx);
    } catch (const std::exception& e) {
      out->warnings.push_back("internal error in " + infos[i].id + ": " + e.what());
    }
  }

  if (whole) add_package_sizes(project, options, facts, &package, out);

  std::set<std::string> idle;  // rules that could not judge this project
  for (size_t i = 0; i < options.rules.size(); ++i)
    if (!options.rules[i]->judges(project)) idle.insert(infos[i].id);
  apply_settings(options, infos, idle, facts, &findings);
  for (Finding& f : findings) {
    std::string norm = normalize_path(f.path);
    bool in_report = whole || report.count(norm) > 0;
    if (!in_report) continue;
    f.path = relative_path(options.cwd, join_path(project.root(), f.path));
    for (RelatedLocation& r : f.related)
      r.path = relative_path(options.cwd, join_path(project.root(), r.path));
    out->findings.push_back(std::move(f));
  }
  out->files_linted += report.size();
}

std::string find_package_root(const FileSystem& fs, const std::string& start) {
  std::string root, project_dir;
  discover_root(fs, start, &root, &project_dir);
  return root;
}

namespace {

// The paths of one package and the excludes it is listed with.
struct Group {
  std::vector<std::string> named;
  std::vector<std::string> excludes;
};

// A folder in no package stands for the packages below it, if it has any (each its own
// group); its own WXML and scripts outside them, if it has WXML (a component library with an
// example app), stay one rootless tree without those folders. Returns the roots for the summary.
std::vector<std::string> group_below(const FileSystem& fs, const RunOptions& options,
                                     const std::string& dir, std::map<std::string, Group>* groups) {
  PackagesBelow below = packages_below(fs, dir, options.excludes);
  if (below.dirs.empty()) return {};
  std::vector<std::string> roots;
  Group rest{{dir}, options.excludes};
  for (const std::string& d : below.dirs) {
    std::string root = find_package_root(fs, d);
    Group& g = (*groups)[root];
    g.named.push_back(d);
    g.excludes = options.excludes;
    rest.excludes.push_back(relative_path(dir, d));
    roots.push_back(relative_path(options.cwd, root));
  }
  if (below.wxml_outside) {
    (*groups)[dir] = std::move(rest);
    roots.push_back(relative_path(options.cwd, dir) + " (files outside the packages)");
  }
  return roots;
}

}  // namespace

// project.config.json names a miniprogramRoot that is not there (a build output such as
// `dist/` not built yet): say so, rather than quietly linting the folder above it.
void warn_missing_miniprogram_root(const Project& project, RunOutput* out) {
  const JsonFile* config = project.project_config();
  if (!config || !config->doc.has_root || !config->doc.root.is_object()) return;
  const JsonValue* root = config->doc.root.get("miniprogramRoot");
  if (!root || !root->is_string() || root->string.empty()) return;
  std::string wanted = join_path(project.project_dir(), root->string);
  if (project.fs().is_dir(wanted)) return;
  out->warnings.push_back(
      join_path(project.project_dir(), "project.config.json") + ": miniprogramRoot '" +
      root->string + "' does not exist (not built yet?); linting " + project.root() + " instead");
}

bool run_lint(const FileSystem& base, const RunOptions& options, RunOutput* out,
              std::string* error) {
  ListingCache fs(base);
  // Group the named paths by package so each package is listed once.
  std::map<std::string, Group> groups;
  std::set<std::string> found;
  for (const std::string& p : options.paths) {
    std::vector<std::string> roots;
    if (options.forced_root.empty() && fs.is_dir(p)) roots = group_below(fs, options, p, &groups);
    found.insert(roots.begin(), roots.end());
    if (!roots.empty()) continue;
    Group& g = groups[options.forced_root.empty() ? find_package_root(fs, p) : options.forced_root];
    g.named.push_back(p);
    g.excludes = options.excludes;
  }
  out->packages.assign(found.begin(), found.end());
  for (const auto& [key, group] : groups) {
    std::unique_ptr<Project> project =
        Project::open(fs, group.named.front(), group.excludes, error, options.forced_root);
    if (!project) return false;
    project->set_target_lib(options.target_lib);
    warn_missing_miniprogram_root(*project, out);
    lint_in_project(*project, group.named, options, out);
  }
  sort_findings(&out->findings);
  return true;
}

void sort_findings(std::vector<Finding>* findings) {
  std::sort(findings->begin(), findings->end(), finding_less);
  findings->erase(std::unique(findings->begin(), findings->end(),
                              [](const Finding& a, const Finding& b) {
                                return !finding_less(a, b) && !finding_less(b, a);
                              }),
                  findings->end());
}

}  // namespace mplint
