// libFuzzer target: the `{{ }}` splitter and expression reader on arbitrary bytes: every
// binding close found from each `{{`, and the content read as WXML reads it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzer/wxml.h"
#include "analyzer/wxml_expr.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (size_t open = text.find("{{"); open != std::string_view::npos;
       open = text.find("{{", open + 2)) {
    bool crosses = false;
    size_t close = mplint::find_binding_close(text, open + 2, &crosses);
    if (close == std::string_view::npos) break;
    if (close < open + 2 || close > size) __builtin_trap();
  }
  mplint::WxmlExpression e = mplint::read_wxml_expression(text);
  if (e.error && e.error->offset > size) __builtin_trap();
  // The parse text keeps offsets: it is as long as the content.
  if (!e.error && e.parse_text.size() != size) __builtin_trap();
  mplint::check_wxml_expression(text);
  mplint::is_wxml_object_body(text);
  return 0;
}
