// performance/large-asset: an image or audio file in the package over 200 KB (option max-kb).
// Files packOptions.ignore keeps out of the upload, and miniprogram_npm, are not judged.
#include <set>

#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

// RULES.md "Sizes": images and audio; video and fonts count for package-size only.
const std::set<std::string> kAssetExtensions = {"png", "jpg", "jpeg", "gif", "webp", "svg",  "bmp",
                                                "mp3", "aac", "m4a",  "wav", "ogg",  "flac", "amr"};

class LargeAsset : public Rule {
 public:
  RuleInfo info() const override {
    return {"performance/large-asset",
            Severity::warning,
            "An image or audio file in the package larger than 200 KB.",
            "very-high",
            {{"max-kb", 200, "the largest image or audio file allowed in the package, in KB"}}};
  }

  void check_project(ProjectContext& ctx) const override {
    double max_kb = ctx.options().value("max-kb", 200.0);
    for (const ProjectFile& f : ctx.project.files()) {
      if (!f.linted || static_cast<double>(f.size) <= max_kb * 1024) continue;
      std::string ext = extension_of(f.path);
      if (!kAssetExtensions.count(ext) || ctx.project.pack_ignored(f.path)) continue;
      bool audio = ext == "mp3" || ext == "aac" || ext == "m4a" || ext == "wav" || ext == "ogg" ||
                   ext == "flac" || ext == "amr";
      ctx.report_file(
          f.path, std::string(audio ? "an audio file" : "an image") + " of " +
                      std::to_string((f.size + 512) / 1024) + " KB in the package (over " +
                      std::to_string(static_cast<long>(max_kb)) +
                      " KB): it counts against the 2 MB package limit and slows the download; " +
                      (audio ? "stream it from a CDN" : "compress it or serve it from a CDN"));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_large_asset() { return std::make_unique<LargeAsset>(); }

}  // namespace mplint::rules
