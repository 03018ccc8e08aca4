// libFuzzer target: the config loader (.mplint.yml) on arbitrary bytes, then the check of
// its rule settings against every built-in rule.
#include "analyzer/config.h"

#include <cstddef>
#include <cstdint>
#include <string>

#include "analyzer/file_system.h"
#include "analyzer/rule.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<mplint::RuleInfo> infos = [] {
    std::vector<mplint::RuleInfo> out;
    for (const mplint::RuleEntry& e : mplint::builtin_rules()) out.push_back(e.make()->info());
    return out;
  }();
  mplint::MemoryFileSystem fs;
  fs.add("/p/.mplint.yml", std::string(reinterpret_cast<const char*>(data), size));
  mplint::Config config;
  std::string error;
  if (mplint::load_config(fs, "/p/.mplint.yml", &config, &error)) {
    if (mplint::check_rule_settings(config, infos, &error))
      for (const mplint::RuleInfo& info : infos) mplint::effective_rule(config, info);
  } else if (error.empty()) {
    __builtin_trap();  // a refused config always says why
  }
  return 0;
}
