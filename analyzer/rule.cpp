#include "analyzer/rule.h"

#include <algorithm>

#include "analyzer/secrets.h"

namespace mplint {

std::string rule_doc_url(std::string_view rule_id) {
  return "https://github.com/mplint/mplint/blob/main/rules/" + std::string(rule_id) + ".md";
}

std::string category_of(std::string_view rule_id) {
  return std::string(rule_id.substr(0, rule_id.find('/')));
}

const std::vector<std::string>& rule_categories() {
  static const std::vector<std::string> categories = {"syntax",      "correctness", "security",
                                                      "performance", "compat",      "mplint"};
  return categories;
}

bool is_rule_category(std::string_view name) {
  const auto& c = rule_categories();
  return std::find(c.begin(), c.end(), name) != c.end();
}

bool rule_key_matches(std::string_view key, std::string_view id) {
  return id == key ||
         (!key.empty() && id.size() > key.size() && id.compare(0, key.size(), key) == 0 &&
          (key.back() == '/' || id[key.size()] == '/'));
}

std::string rule_markdown(const RuleInfo& rule) {
  std::string_view embedded = rule_doc(rule.id);
  return embedded.empty() ? rule.doc : std::string(embedded);
}

const nlohmann::json& Reporter::options() const {
  static const nlohmann::json empty = nlohmann::json::object();
  return options_ ? *options_ : empty;
}

void Reporter::report(const std::string& path, const Loc& loc, std::string message,
                      Severity severity, std::vector<RelatedLocation> related) {
  Finding f;
  f.path = path;
  f.loc = loc;
  f.rule_id = rule_.id;
  f.severity = severity;
  f.message = std::move(message);
  f.related = std::move(related);
  out_->push_back(std::move(f));
}

void Reporter::report_secret(const std::string& path, const Loc& loc, std::string message,
                             const Loc& secret) {
  report(path, loc, std::move(message));
  out_->back().secrets.push_back(secret);
}

void FileContext::report_secret(Range range, std::string message, Range secret) {
  // Rules must not quote the secret; if one does, the message is masked here already.
  message = mask_pieces(std::move(message), secret_pieces(file.source.slice(secret)));
  reporter_.report_secret(file.path, locate(file.source, range), std::move(message),
                          locate(file.source, secret));
}

std::string security_severity_of(const RuleInfo& rule) {
  if (!rule.security_severity.empty()) return rule.security_severity;
  return rule.severity == Severity::error     ? "6.0"
         : rule.severity == Severity::warning ? "5.0"
                                              : "2.0";
}

}  // namespace mplint
