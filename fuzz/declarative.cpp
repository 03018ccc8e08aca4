// libFuzzer target: the declarative-rule loader (rules/**/*.yml) on arbitrary bytes; a rule
// that loads runs its own `tests:`.
#include <cstddef>
#include <cstdint>
#include <string>

#include "analyzer/declarative_rule.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string yaml(reinterpret_cast<const char*>(data), size);
  std::string error;
  auto rule = mplint::DeclarativeRule::load("r/custom/fuzz.yml", yaml, &error);
  if (!rule) {
    if (error.empty()) __builtin_trap();  // a refused rule always says why
    return 0;
  }
  mplint::run_declarative_tests(*rule);
  return 0;
}
