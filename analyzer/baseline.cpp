#include "analyzer/baseline.h"

#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

namespace mplint {

std::string write_baseline(const std::vector<Finding>& findings,
                           const std::vector<std::string>& fingerprints) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    if (f.suppressed) continue;
    list.push_back({{"ruleId", f.rule_id},
                    {"path", f.path},
                    {"fingerprint", fingerprints[i]},
                    {"line", f.loc.begin.line},
                    {"message", f.message}});
  }
  nlohmann::ordered_json doc = {{"version", 1}, {"tool", "mplint"}, {"findings", list}};
  return doc.dump(2) + "\n";
}

bool read_baseline(const std::string& text, std::vector<BaselineEntry>* out, std::string* error) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || doc.value("version", nlohmann::json()) != 1 ||
      !doc.contains("findings") || !doc["findings"].is_array()) {
    *error = "not an mplint baseline (expected {\"version\": 1, \"findings\": [...]})";
    return false;
  }
  for (const auto& e : doc["findings"]) {
    if (!e.is_object() || !e.value("ruleId", nlohmann::json()).is_string() ||
        !e.value("path", nlohmann::json()).is_string() ||
        !e.value("fingerprint", nlohmann::json()).is_string()) {
      *error = "a baseline entry lacks ruleId, path or fingerprint";
      return false;
    }
    out->push_back({e["ruleId"], e["path"], e["fingerprint"]});
  }
  return true;
}

std::vector<bool> in_baseline(const std::vector<Finding>& findings,
                              const std::vector<std::string>& fingerprints,
                              const std::vector<BaselineEntry>& baseline) {
  std::map<std::tuple<std::string, std::string, std::string>, int> budget;
  for (const BaselineEntry& e : baseline) budget[{e.rule_id, e.path, e.fingerprint}]++;
  std::vector<bool> held;
  for (size_t i = 0; i < findings.size(); ++i) {
    auto it = budget.find({findings[i].rule_id, findings[i].path, fingerprints[i]});
    held.push_back(it != budget.end() && it->second-- > 0);
  }
  return held;
}

void filter_baseline(std::vector<Finding>* findings, const std::vector<std::string>& fingerprints,
                     const std::vector<BaselineEntry>& baseline) {
  std::vector<bool> held = in_baseline(*findings, fingerprints, baseline);
  std::vector<Finding> kept;
  for (size_t i = 0; i < findings->size(); ++i)
    if (!held[i]) kept.push_back(std::move((*findings)[i]));
  *findings = std::move(kept);
}

}  // namespace mplint
