// performance/inline-image-data: a `data:` URI over 10 KB (option max-kb) inline in WXSS (in
// `url(...)`) or WXML (an attribute value such as `src`, or `url(...)` in a `style`).
#include <string_view>

#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

struct DataUri {
  Range range;  // the URI's characters
};

bool starts_with_data(std::string_view text, size_t at) {
  if (at + 5 > text.size()) return false;
  std::string_view head = text.substr(at, 5);
  return (head[0] | 0x20) == 'd' && (head[1] | 0x20) == 'a' && (head[2] | 0x20) == 't' &&
         (head[3] | 0x20) == 'a' && head[4] == ':';
}

// Every `url(data:...)` in `text` (offset `base` in the file): quoted or not.
void url_data_uris(std::string_view text, uint32_t base, std::vector<DataUri>* out) {
  for (size_t at = text.find("url("); at != std::string_view::npos;
       at = text.find("url(", at + 4)) {
    size_t start = at + 4;
    while (start < text.size() && (text[start] == ' ' || text[start] == '\t')) ++start;
    char quote =
        start < text.size() && (text[start] == '"' || text[start] == '\'') ? text[start] : 0;
    if (quote) ++start;
    if (!starts_with_data(text, start)) continue;
    size_t end = quote ? text.find(quote, start) : text.find(')', start);
    if (end == std::string_view::npos) end = text.size();
    out->push_back({{base + static_cast<uint32_t>(start), base + static_cast<uint32_t>(end)}});
    at = end;
  }
}

// In WXSS, outside comments (the upload minifier drops them).
void wxss_data_uris(std::string_view text, std::vector<DataUri>* out) {
  size_t at = 0;
  while (at < text.size()) {
    size_t comment = text.find("/*", at);
    size_t stop = comment == std::string_view::npos ? text.size() : comment;
    url_data_uris(text.substr(at, stop - at), static_cast<uint32_t>(at), out);
    if (comment == std::string_view::npos) break;
    size_t close = text.find("*/", comment + 2);
    at = close == std::string_view::npos ? text.size() : close + 2;
  }
}

class InlineImageData : public Rule {
 public:
  RuleInfo info() const override {
    return {"performance/inline-image-data",
            Severity::warning,
            "A data: URI over 10 KB inline in WXSS or WXML.",
            "very-high",
            {{"max-kb", 10, "the largest inline data: URI allowed, in KB"}}};
  }

  void check_file(FileContext& ctx) const override {
    if (!ctx.file.readable()) return;
    std::vector<DataUri> uris;
    std::string_view text = ctx.file.source.text();
    if (ctx.file.kind == FileKind::wxss) wxss_data_uris(text, &uris);
    if (ctx.file.kind == FileKind::wxml)
      for (const WxmlNode& node : ctx.file.wxml.nodes)
        for (const WxmlAttribute& attr : node.attributes) {
          if (!attr.has_value) continue;
          std::string_view value =
              text.substr(attr.value_range.begin, attr.value_range.end - attr.value_range.begin);
          size_t lead = value.find_first_not_of(" \t\r\n");
          if (lead != std::string_view::npos && starts_with_data(value, lead))
            uris.push_back(
                {{attr.value_range.begin + static_cast<uint32_t>(lead), attr.value_range.end}});
          else
            url_data_uris(value, attr.value_range.begin, &uris);
        }
    double max_kb = ctx.options().value("max-kb", 10.0);
    for (const DataUri& uri : uris) {
      size_t bytes = uri.range.end - uri.range.begin;
      if (static_cast<double>(bytes) <= max_kb * 1024) continue;
      std::string_view head = text.substr(uri.range.begin, std::min<size_t>(bytes, 40));
      std::string type(head.substr(5, head.find_first_of(";,") - 5));
      // Fonts must be inline or remote: WXSS cannot load a local font file.
      if (type.rfind("image/", 0) != 0) continue;
      ctx.report({uri.range.begin, uri.range.begin + 5},
                 "an inline `data:" + type + "` URI of " + std::to_string((bytes + 512) / 1024) +
                     " KB: it is parsed with the code on every load and cannot be cached; put "
                     "the image in a file or on a CDN");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_inline_image_data() { return std::make_unique<InlineImageData>(); }

}  // namespace mplint::rules
