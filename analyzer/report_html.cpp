// `--format html`: one self-contained page (inline CSS, SVG and script; nothing loaded from
// the network) with the package sizes as a treemap, the counts, the compat floor, and the
// findings by rule and by file with their code frames, filterable by category and severity.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "analyzer/package_graph.h"
#include "analyzer/reporters.h"
#include "analyzer/secrets.h"
#include "analyzer/treemap.h"

namespace mplint {

namespace {

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string number(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", x);
  return text;
}

// ---- package sizes ----------------------------------------------------------------------

// What a file is, for its colour: the legend lists the same kinds.
const char* size_kind(const std::string& path) {
  std::string lower = ascii_lower(path);
  auto ends = [&](std::initializer_list<const char*> exts) {
    return std::any_of(exts.begin(), exts.end(), [&](const char* e) { return lower.ends_with(e); });
  };
  if (ends({".js", ".ts", ".wxs"})) return "script";
  if (ends({".wxml"})) return "wxml";
  if (ends({".wxss", ".scss", ".less", ".sass"})) return "style";
  if (ends({".json"})) return "json";
  if (ends({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"})) return "image";
  return "other";
}

struct SizeNode {
  std::string label;            // a file or folder name ("a/b" for a folder chain), or the package
  std::string path;             // as the tooltip shows it
  const char* kind = "folder";  // package, folder, or a file kind
  uint64_t bytes = 0;
  std::map<std::string, SizeNode> children;  // by name: deterministic order
};

void add_file(SizeNode* package, const std::string& rel, const std::string& shown, uint64_t bytes) {
  SizeNode* node = package;
  node->bytes += bytes;
  size_t from = 0;
  for (size_t slash; (slash = rel.find('/', from)) != std::string::npos; from = slash + 1) {
    std::string name = rel.substr(from, slash - from);
    SizeNode& child = node->children[name];
    if (child.label.empty()) {
      child.label = name;
      child.path = shown.substr(0, shown.size() - (rel.size() - slash)) + "/";
    }
    child.bytes += bytes;
    node = &child;
  }
  SizeNode& file = node->children[rel.substr(from)];
  file.label = rel.substr(from);
  file.path = shown;
  file.kind = size_kind(rel);
  file.bytes = bytes;
}

// A folder whose only child is a folder is drawn as one box, "a/b".
void merge_chains(SizeNode* node) {
  for (auto& [name, child] : node->children) merge_chains(&child);
  if (std::string(node->kind) != "folder" || node->children.size() != 1) return;
  SizeNode& only = node->children.begin()->second;
  if (std::string(only.kind) != "folder") return;
  SizeNode merged = std::move(only);
  merged.label = node->label + "/" + merged.label;
  *node = std::move(merged);
}

class TreemapWriter {
 public:
  explicit TreemapWriter(std::ostringstream& out) : out_(out) {}

  void node(const SizeNode& n, Box box) {
    if (box.w < 0.5 || box.h < 0.5) return;
    bool file = n.children.empty() && std::string(n.kind) != "package";
    out_ << "<g><title>" << escape(n.path) << " \xc2\xb7 " << escape(human_size(n.bytes))
         << "</title><rect class=\"" << (file ? "file k-" : "") << n.kind << "\" x=\""
         << number(box.x) << "\" y=\"" << number(box.y) << "\" width=\"" << number(box.w)
         << "\" height=\"" << number(box.h) << "\" data-path=\"" << escape(n.path) << "\"/>";
    bool labelled = box.h >= 14 && box.w >= label_width(n.label) + 6;
    if (labelled)
      out_ << "<text x=\"" << number(box.x + 3) << "\" y=\"" << number(box.y + 11) << "\">"
           << escape(n.label) << "</text>";
    out_ << "</g>\n";
    if (file || n.children.empty()) return;
    double header = labelled ? 14 : 1;
    Box inner{box.x + 1, box.y + header, box.w - 2, box.h - header - 1};
    if (inner.w < 1 || inner.h < 1) return;
    std::vector<double> weights;
    std::vector<const SizeNode*> kids;
    for (const auto& [name, child] : n.children) {
      weights.push_back(static_cast<double>(child.bytes));
      kids.push_back(&child);
    }
    std::vector<Box> boxes = squarify(weights, inner);
    for (size_t i = 0; i < kids.size(); ++i) node(*kids[i], boxes[i]);
  }

 private:
  // About how wide the 11px label font draws `text`: CJK characters twice a Latin letter.
  static double label_width(const std::string& text) {
    double w = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      if (c < 0x80)
        w += 6.2;
      else if ((c & 0xC0) != 0x80)
        w += 11;
    }
    return w;
  }
  std::ostringstream& out_;
};

std::string package_title(const PackageSizeLine& p, bool several_roots) {
  return (several_roots ? p.root + "/ \xc2\xb7 " : "") + p.name;
}

constexpr uint64_t kPackageLimit = 2 * 1024 * 1024;  // WeChat's limit for each package

// One bar per package against the 2 MB limit, then the treemap.
void write_sizes(std::ostringstream& out, const std::vector<PackageSizeLine>& sizes) {
  if (sizes.empty()) return;
  bool several_roots = sizes.front().root != sizes.back().root;
  out << "<section id=\"sizes\"><h2>Package sizes</h2>\n<table class=\"bars\">\n";
  uint64_t scale = kPackageLimit + kPackageLimit / 10;
  for (const PackageSizeLine& p : sizes) scale = std::max(scale, p.bytes);
  for (const PackageSizeLine& p : sizes) {
    double used = 100.0 * static_cast<double>(p.bytes) / static_cast<double>(scale);
    double limit = 100.0 * static_cast<double>(kPackageLimit) / static_cast<double>(scale);
    out << "<tr class=\"package-size" << (p.bytes > kPackageLimit ? " over" : "") << "\"><th>"
        << escape(package_title(p, several_roots)) << "</th><td class=\"size\">"
        << escape(human_size(p.bytes)) << "</td><td>" << p.files
        << (p.files == 1 ? " file" : " files")
        << "</td><td class=\"bar\"><svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\">"
           "<rect class=\"used\" x=\"0\" y=\"1\" width=\""
        << number(used) << "\" height=\"8\"/><line class=\"limit\" x1=\"" << number(limit)
        << "\" x2=\"" << number(limit) << "\" y1=\"0\" y2=\"10\"><title>2 MB limit</title></line>"
        << "</svg></td></tr>\n";
  }
  out << "</table>\n<p class=\"hint\">The red line is the 2 MB limit of each package.</p>\n";

  std::vector<SizeNode> packages;
  for (const PackageSizeLine& p : sizes) {
    SizeNode package;
    package.label = package_title(p, several_roots) + " \xc2\xb7 " + human_size(p.bytes);
    package.path = package_title(p, several_roots);
    package.kind = "package";
    for (const SizedFile& f : p.contents) {
      std::string prefix = p.name == "main package" ? "" : p.name;
      std::string rel = f.path.substr(f.path.starts_with(prefix) ? prefix.size() : 0);
      add_file(&package, rel, f.path, f.bytes);
    }
    for (auto& [name, child] : package.children) merge_chains(&child);
    package.bytes = std::max(package.bytes, p.bytes);
    packages.push_back(std::move(package));
  }
  constexpr double kWidth = 1200, kHeight = 640;
  out << "<svg id=\"treemap\" viewBox=\"0 0 " << kWidth << " " << kHeight
      << "\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"package treemap\">\n";
  std::vector<double> weights;
  for (const SizeNode& p : packages) weights.push_back(static_cast<double>(p.bytes));
  std::vector<Box> boxes = squarify(weights, Box{0, 0, kWidth, kHeight});
  TreemapWriter writer(out);
  for (size_t i = 0; i < packages.size(); ++i) writer.node(packages[i], boxes[i]);
  out << "</svg>\n<p class=\"legend\">";
  for (const char* kind : {"script", "wxml", "style", "json", "image", "other"})
    out << "<span><i class=\"k-" << kind << "\"></i>" << kind << "</span>";
  out << "</p></section>\n";
}

// ---- findings -----------------------------------------------------------------------------

// The finding's line with its range marked, cut around it when the line is long.
void write_frame(std::ostringstream& out, const ReportInput& in, const SecretMask& mask,
                 LineScanner* scan, const std::string& path, const Loc& loc) {
  std::string_view line = in.line_of ? in.line_of(path, loc.begin.line) : std::string_view();
  if (line.empty()) return;
  Loc at = loc;
  std::string shown = frame_text(path, mask.line(path, loc.begin.line, line), &at, scan);
  size_t from = byte_at_column(shown, at.begin.column);
  size_t to = at.end.line == at.begin.line ? byte_at_column(shown, at.end.column) : shown.size();
  if (to <= from) to = std::min(shown.size(), from + 1);
  // Keep the mark on whole characters.
  while (to < shown.size() && (static_cast<unsigned char>(shown[to]) & 0xC0) == 0x80) ++to;
  out << "<pre class=\"frame\"><span class=\"ln\">" << loc.begin.line << "</span>"
      << escape(shown.substr(0, from)) << "<mark>" << escape(shown.substr(from, to - from))
      << "</mark>" << escape(shown.substr(to)) << "</pre>";
}

std::string position(const std::string& path, const Loc& loc) {
  return path + ":" + std::to_string(loc.begin.line) + ":" + std::to_string(loc.begin.column);
}

struct Shown {
  Finding finding;  // messages masked
  size_t index;     // its anchor: #f<index>
};

std::string filter_attributes(const Finding& f) {
  return " data-category=\"" + escape(category_of(f.rule_id)) + "\" data-severity=\"" +
         severity_name(f.severity) + "\"";
}

void write_by_rule(std::ostringstream& out, const ReportInput& in, const SecretMask& mask,
                   const std::vector<Shown>& shown) {
  std::map<std::string, std::vector<const Shown*>> by_rule;
  for (const Shown& s : shown) by_rule[s.finding.rule_id].push_back(&s);
  std::map<std::string, const RuleInfo*> infos;
  for (const RuleInfo& r : *in.rules) infos[r.id] = &r;
  out << "<section id=\"by-rule\"><h2>Findings by rule</h2>\n";
  LineScanner scan;
  for (const auto& [id, list] : by_rule) {
    auto info = infos.find(id);
    out << "<details class=\"rule\" open data-rule=\"" << escape(id) << "\" data-category=\""
        << escape(category_of(id)) << "\"><summary><code>" << escape(id)
        << "</code> <span class=\"n\">" << list.size() << "</span> "
        << (info != infos.end() ? escape(info->second->summary) : "") << " <a href=\""
        << escape(rule_doc_url(id)) << "\">docs</a></summary>\n";
    // The documentation itself too: the report is often read offline (a CI artifact).
    std::string doc = info != infos.end() ? rule_markdown(*info->second) : "";
    if (!doc.empty())
      out << "<details class=\"doc\"><summary>documentation</summary><pre>" << escape(doc)
          << "</pre></details>\n";
    out << "<ol>\n";
    for (const Shown* s : list) {
      const Finding& f = s->finding;
      out << "<li class=\"finding\" id=\"f" << s->index << "\"" << filter_attributes(f)
          << "><span class=\"sev " << severity_name(f.severity) << "\">"
          << severity_name(f.severity) << "</span> <code class=\"pos\">"
          << escape(position(f.path, f.loc)) << "</code> " << escape(f.message);
      if (!f.whole_file) write_frame(out, in, mask, &scan, f.path, f.loc);
      for (const RelatedLocation& r : f.related) {
        LineScanner related_scan;
        out << "<div class=\"related\">note: <code>" << escape(position(r.path, r.loc))
            << "</code> " << escape(r.message);
        write_frame(out, in, mask, &related_scan, r.path, r.loc);
        out << "</div>";
      }
      out << "</li>\n";
    }
    out << "</ol></details>\n";
  }
  out << "</section>\n";
}

void write_by_file(std::ostringstream& out, const std::vector<Shown>& shown) {
  out << "<section id=\"by-file\"><h2>Findings by file</h2>\n";
  for (size_t i = 0; i < shown.size();) {
    const std::string& path = shown[i].finding.path;
    size_t end = i;
    while (end < shown.size() && shown[end].finding.path == path) ++end;
    out << "<details class=\"file\" data-path=\"" << escape(path) << "\"><summary><code>"
        << escape(path) << "</code> <span class=\"n\">" << end - i << "</span></summary>\n<ul>\n";
    for (; i < end; ++i) {
      const Finding& f = shown[i].finding;
      out << "<li" << filter_attributes(f) << "><a href=\"#f" << shown[i].index << "\">"
          << f.loc.begin.line << ":" << f.loc.begin.column << "</a> <span class=\"sev "
          << severity_name(f.severity) << "\">" << severity_name(f.severity) << "</span> <code>"
          << escape(f.rule_id) << "</code> " << escape(f.message) << "</li>\n";
    }
    out << "</ul></details>\n";
  }
  out << "</section>\n";
}

// ---- the page -----------------------------------------------------------------------------

void write_summary(std::ostringstream& out, const ReportInput& in,
                   const std::vector<Shown>& shown) {
  size_t counts[3] = {0, 0, 0};
  std::map<std::string, size_t> categories;
  for (const Shown& s : shown) {
    counts[static_cast<int>(s.finding.severity)]++;
    categories[category_of(s.finding.rule_id)]++;
  }
  out << "<section id=\"summary\"><p class=\"counts\">";
  for (Severity s : {Severity::error, Severity::warning, Severity::note})
    out << "<span class=\"count " << severity_name(s) << "\" data-severity=\"" << severity_name(s)
        << "\"><b>" << counts[static_cast<int>(s)] << "</b> " << severity_name(s)
        << (counts[static_cast<int>(s)] == 1 ? "" : "s") << "</span> ";
  out << "in " << in.files_linted << (in.files_linted == 1 ? " file" : " files") << "</p>\n";
  out << "<form id=\"filters\"><fieldset><legend>Severity</legend>";
  for (Severity s : {Severity::error, Severity::warning, Severity::note})
    out << "<label><input type=\"checkbox\" name=\"severity\" value=\"" << severity_name(s)
        << "\" checked> " << severity_name(s) << "</label> ";
  out << "</fieldset><fieldset><legend>Category</legend>";
  for (const auto& [category, n] : categories)
    out << "<label><input type=\"checkbox\" name=\"category\" value=\"" << escape(category)
        << "\" checked> " << escape(category) << " (" << n << ")</label> ";
  out << "</fieldset><p>Showing <b id=\"shown\">" << shown.size() << "</b> of " << shown.size()
      << " findings.</p></form></section>\n";
}

void write_compat(std::ostringstream& out, const CompatSummary& c) {
  if (!c.ran) return;
  out << "<section id=\"compat\"><h2>Base library</h2><p>";
  if (c.target.empty())
    out << "No target base library is declared (<code>libVersion</code> in project.config.json, "
           "<code>target-lib</code> in .mplint.yml or <code>--target-lib</code>).";
  else if (c.floor.empty())
    out << "The target " << escape(c.target) << " (" << escape(c.target_source)
        << ") covers every unguarded use.";
  else
    out << "Lowest base library these findings need: <b class=\"floor\">" << escape(c.floor)
        << "</b> (" << escape(c.floor_share) << "). Target " << escape(c.target) << " ("
        << escape(c.target_source) << "): " << c.uses_above << " unguarded use"
        << (c.uses_above == 1 ? "" : "s") << " need more.";
  out << " <code>mplint compat</code> lists every level.</p></section>\n";
}

constexpr const char* kStyle = R"(
body{font:14px/1.45 system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;margin:0 auto;max-width:1240px;padding:0 16px 48px;color:#1d2129}
h1{font-size:22px;margin:20px 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #e5e6eb}
code,pre{font:12px/1.4 ui-monospace,Menlo,Consolas,"WenQuanYi Zen Hei Mono",monospace}
.counts .count{margin-right:14px}.count.error b,.sev.error{color:#c62828}.count.warning b,.sev.warning{color:#a15c00}.count.note b,.sev.note{color:#1565c0}
.sev{font-size:11px;text-transform:uppercase;font-weight:600}
fieldset{display:inline-block;border:1px solid #e5e6eb;margin:4px 8px 4px 0}label{margin-right:10px;white-space:nowrap}
table.bars{border-collapse:collapse}table.bars th{text-align:left;padding-right:12px;font-weight:500}table.bars td{padding:2px 10px 2px 0}
td.bar{width:420px}td.bar svg{width:420px;height:14px;display:block;background:#f2f3f5}
rect.used{fill:#4e79a7}tr.over rect.used{fill:#e15759}line.limit{stroke:#d32f2f;stroke-width:.6}
.hint,.legend{color:#4e5969;font-size:12px}
#treemap{width:100%;height:auto;border:1px solid #e5e6eb;margin-top:8px}
#treemap rect{stroke:#fff;stroke-width:.5}#treemap rect.package{fill:#e8eaed;stroke:#86909c;stroke-width:1}
#treemap rect.folder{fill:#f4f5f7;stroke:#c9cdd4}#treemap text{font-size:11px;fill:#1d2129;pointer-events:none}
.k-script{fill:#f2c94c;background:#f2c94c}.k-wxml{fill:#56a0d3;background:#56a0d3}.k-style{fill:#b07cc6;background:#b07cc6}
.k-json{fill:#9aa5b1;background:#9aa5b1}.k-image{fill:#59b36b;background:#59b36b}.k-other{fill:#e8934a;background:#e8934a}
.legend span{margin-right:14px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
details.rule,details.file{margin:6px 0}summary{cursor:pointer}summary .n{background:#f2f3f5;border-radius:8px;padding:0 6px;font-size:12px}
ol,ul{margin:4px 0 8px;padding-left:28px}li.finding{margin:6px 0}
pre.frame{background:#f7f8fa;padding:4px 8px;margin:4px 0;overflow-x:auto;white-space:pre}
pre.frame .ln{color:#86909c;margin-right:10px;user-select:none}mark{background:#ffe08a}
.related{margin-left:16px;color:#4e5969}
details.doc{margin:2px 0 0 18px}details.doc pre{background:#fbfbfc;border:1px solid #e5e6eb;padding:8px;white-space:pre-wrap;max-height:420px;overflow:auto}
[hidden]{display:none!important}
)";

// Filters: each finding has data-severity and data-category; a rule or file with nothing
// left shown is hidden too. The location hash can preset them: #severity=error&category=security.
constexpr const char* kScript = R"(
(function(){
  var form=document.getElementById('filters');if(!form)return;
  function checked(name){var s={};form.querySelectorAll('input[name='+name+']').forEach(function(i){if(i.checked)s[i.value]=1});return s}
  function apply(){
    var sev=checked('severity'),cat=checked('category'),n=0;
    document.querySelectorAll('#by-rule li.finding').forEach(function(li){
      var on=sev[li.dataset.severity]&&cat[li.dataset.category];li.hidden=!on;if(on)n++});
    document.querySelectorAll('#by-file li').forEach(function(li){li.hidden=!(sev[li.dataset.severity]&&cat[li.dataset.category])});
    document.querySelectorAll('details.rule,details.file').forEach(function(d){
      var left=d.querySelectorAll('li:not([hidden])').length;d.hidden=left===0;
      var badge=d.querySelector('summary .n');if(badge)badge.textContent=left});
    document.getElementById('shown').textContent=n;
  }
  var preset=new URLSearchParams(location.hash.slice(1));
  ['severity','category'].forEach(function(name){
    if(!preset.has(name))return;var want=preset.get(name).split(',');
    form.querySelectorAll('input[name='+name+']').forEach(function(i){i.checked=want.indexOf(i.value)>=0})});
  form.addEventListener('change',apply);apply();
})();
)";

}  // namespace

std::string format_html(const ReportInput& in) {
  std::vector<Shown> shown;
  SecretMask mask = secret_mask(in);
  for (const Finding& f : *in.findings) {
    if (f.suppressed) continue;
    shown.push_back({f, shown.size()});
    mask.mask_messages(&shown.back().finding);
  }
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<meta name=\"generator\" content=\"mplint " MPLINT_VERSION
         "\">"
         "<title>mplint report</title><style>"
      << kStyle << "</style></head>\n<body>\n<h1>mplint report</h1>\n<p class=\"hint\">mplint "
      << MPLINT_VERSION << "</p>\n";
  write_summary(out, in, shown);
  write_sizes(out, in.package_sizes);
  write_compat(out, in.compat);
  if (shown.empty())
    out << "<p id=\"no-findings\">No findings.</p>\n";
  else {
    write_by_rule(out, in, mask, shown);
    write_by_file(out, shown);
  }
  out << "<script>" << kScript << "</script>\n</body></html>\n";
  return out.str();
}

}  // namespace mplint
