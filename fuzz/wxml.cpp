// libFuzzer target: the WXML parser on arbitrary bytes.
#include "analyzer/wxml.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

void check_inside(const mplint::Range& r, size_t size) {
  if (r.begin > r.end || r.end > size) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  mplint::WxmlDocument doc = mplint::parse_wxml(text);
  // Every range the parser hands out must lie inside the text, and the tree must hold.
  for (const mplint::WxmlBinding& b : doc.bindings) check_inside(b.content, size);
  for (const mplint::WxmlError& e : doc.errors) check_inside(e.range, size);
  for (size_t i = 0; i < doc.nodes.size(); ++i)
    for (int c : doc.nodes[i].children)
      if (c < 0 || static_cast<size_t>(c) >= doc.nodes.size() ||
          doc.nodes[c].parent != static_cast<int>(i))
        __builtin_trap();
  return 0;
}
