// Secrets are never echoed: code frames and messages mask them in every format, the baseline
// included. Each test writes findings through an output and searches it for the secret.
#include "analyzer/secrets.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "analyzer/baseline.h"
#include "analyzer/cli.h"
#include "analyzer/reporters.h"

namespace fs = std::filesystem;
using namespace mplint;

namespace {

const std::string kSecret = "2f7a0c1e9b8d4a6f3c5e7d9b1a2c4e6f";
const std::string kMasked = "2f7a****************************";
const std::string kPemBody = "MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB";

// A file of lines, and findings on it; line_of serves the lines.
struct Report {
  std::map<uint32_t, std::string> lines;
  std::vector<Finding> findings;
  std::vector<RuleInfo> rules = {{"security/hardcoded-secret", Severity::error, "secrets"}};

  ReportInput input() const {
    ReportInput in;
    in.findings = &findings;
    in.rules = &rules;
    in.cwd = "/work";
    in.line_of = [this](const std::string& path, uint32_t n) -> std::string_view {
      auto it = lines.find(n);
      return path == "a.js" && it != lines.end() ? std::string_view(it->second)
                                                 : std::string_view();
    };
    return in;
  }
};

Loc at(uint32_t line, uint32_t col, uint32_t end_line, uint32_t end_col) {
  return {{}, {line, col}, {end_line, end_col}};
}

Finding secret_finding(const Loc& loc, const Loc& secret, std::string message) {
  Finding f;
  f.path = "a.js";
  f.rule_id = "security/hardcoded-secret";
  f.loc = loc;
  f.message = std::move(message);
  f.secrets.push_back(secret);
  return f;
}

// One line with the secret, a long minified line with it far in, a multi-line private key,
// another rule's finding on the secret's line and a related location there; one message
// quotes the secret outright (rules must not, the reporters mask it anyway).
Report leaky_report() {
  Report r;
  r.lines[1] = "const APP_SECRET = '" + kSecret + "'";
  r.lines[2] = std::string(300, 'a') + ";var s='" + kSecret + "';" + std::string(300, 'b');
  r.lines[3] = "const key = `-----BEGIN RSA PRIVATE KEY-----";
  r.lines[4] = "  " + kPemBody;
  r.lines[5] = "-----END RSA PRIVATE KEY-----`";
  r.findings.push_back(secret_finding(at(1, 20, 1, 54), at(1, 21, 1, 53),
                                      "AppSecret-like string " + kSecret + " in `APP_SECRET`"));
  r.findings.push_back(secret_finding(at(2, 308, 2, 342), at(2, 309, 2, 341), "in `s`"));
  r.findings.push_back(secret_finding(at(3, 13, 5, 31), at(3, 14, 5, 30), "Private key"));
  Finding other = secret_finding(at(1, 1, 1, 6), at(1, 1, 1, 1), "uses " + kPemBody.substr(8, 20));
  other.rule_id = "correctness/other";
  other.secrets.clear();
  other.related.push_back({"a.js", at(1, 20, 1, 54), "the value " + kSecret});
  r.findings.push_back(other);
  return r;
}

void check_no_secret(const std::string& output) {
  INFO(output);
  CHECK(output.find(kSecret) == std::string::npos);
  CHECK(output.find(kSecret.substr(4, 16)) == std::string::npos);
  CHECK(output.find(kPemBody) == std::string::npos);
  CHECK(output.find(kPemBody.substr(8, 20)) == std::string::npos);
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("secrets: mask_bytes keeps four characters, the length in columns and blanks") {
  CHECK(mask_bytes("'" + kSecret + "'", 1, 33, kSecretKept) == "'" + kMasked + "'");
  CHECK(mask_bytes("ab cd\tef", 0, 8, 1) == "a* **\t**");
  CHECK(mask_bytes("k=密钥😀x", 2, 12, 0) == "k=****x");  // 😀 is two UTF-16 units
}

TEST_CASE("secrets: mask_pieces masks the secret and long runs of it in a message") {
  std::vector<std::string> pieces = secret_pieces(kSecret);
  CHECK(mask_pieces("value " + kSecret + ".", pieces) == "value " + kMasked + ".");
  CHECK(mask_pieces("starts " + kSecret.substr(3, 20), pieces) ==
        "starts " + kSecret.substr(3, 4) + std::string(16, '*'));
  CHECK(mask_pieces("no secret here, `APP_SECRET`", pieces) == "no secret here, `APP_SECRET`");
  CHECK(secret_pieces("-----BEGIN\n  " + kPemBody + "\nEND").size() == 2);
}

TEST_CASE("secrets: a mask covers each line of a multi-line secret") {
  Report r = leaky_report();
  SecretMask mask(r.findings, r.input().line_of);
  CHECK(mask.line("a.js", 1, r.lines[1]) == "const APP_SECRET = '" + kMasked + "'");
  CHECK(mask.line("a.js", 3, r.lines[3]) == "const key = `----****** *** ******* ********");
  CHECK(mask.line("a.js", 4, r.lines[4]) == "  " + std::string(kPemBody.size(), '*'));
  CHECK(mask.line("a.js", 5, r.lines[5]) == "******** *** ******* ********`");
  CHECK(mask.line("b.js", 1, r.lines[1]) == r.lines[1]);
}

TEST_CASE("secrets: text frames (long-line cuts and related frames too) show no secret") {
  Report r = leaky_report();
  std::string text = format_text(r.input());
  check_no_secret(text);
  CHECK(text.find("  1 | const APP_SECRET = '" + kMasked + "'\n") != std::string::npos);
  // The caret line still lines up under the masked string.
  CHECK(text.find("    |                    " + std::string(34, '^') + "\n") != std::string::npos);
  CHECK(text.find("var s='" + kMasked + "'") != std::string::npos);
}

TEST_CASE("secrets: json, github and sarif messages show no secret") {
  Report r = leaky_report();
  check_no_secret(format_json(r.input()));
  check_no_secret(format_github(r.input()));
  check_no_secret(format_sarif(r.input()));
}

TEST_CASE("secrets: a fingerprint hashes the line, and masking does not change it") {
  Report r = leaky_report();
  std::string sarif = format_sarif(r.input());
  CHECK(sarif.find(fingerprint(r.findings[1], r.lines[2])) != std::string::npos);
}

TEST_CASE("secrets: the CLI shows no secret in any format, nor in the baseline") {
  fs::path dir = fs::temp_directory_path() / "mplint-secrets-test";
  fs::remove_all(dir);
  fs::create_directories(dir / "pages/a");
  std::ofstream(dir / "app.json") << R"({"pages": ["pages/a/a"]})";
  std::ofstream(dir / "pages/a/a.wxml") << "<view/>\n";
  std::ofstream(dir / "pages/a/a.js")
      << "const APP_SECRET = '" << kSecret << "'\n"
      << "const key = `-----BEGIN PRIVATE KEY-----\n"
      << kPemBody << "\n"
      << "-----END PRIVATE KEY-----`\n"
      << "wx.request({ url: 'https://api.weixin.qq.com/sns/jscode2session?secret=" << kSecret
      << "' })\n"
      << "Page({ data: { appid: 'wx0123456789abcdef', key: '" << kSecret << "' } })\n";
  for (const char* format : {"text", "json", "github", "sarif"}) {
    std::istringstream in;
    std::ostringstream out, err;
    std::string baseline = (dir / (std::string(format) + ".baseline.json")).string();
    int code = run_cli(
        {"check", dir.string(), "-f", format, "--select", "security", "--write-baseline", baseline},
        in, out, err);
    INFO(format << "\n" << out.str() << err.str());
    CHECK(code == 1);
    CHECK(out.str().find("hardcoded-secret") != std::string::npos);
    check_no_secret(out.str() + err.str());
    check_no_secret(read_file(baseline));
  }
  fs::remove_all(dir);
}

TEST_CASE("secrets: a minified line with many secrets is masked whole, each message too") {
  Report r;
  std::string line;
  for (int i = 0; i < 2000; ++i) {
    std::string secret = kSecret.substr(0, 28) + std::to_string(1000 + i);
    auto col = static_cast<uint32_t>(line.size() + 4);
    line += "k:'" + secret + "',";
    r.findings.push_back(secret_finding(at(1, col - 1, 1, col + 33), at(1, col, 1, col + 32),
                                        "value " + secret));
  }
  r.lines[1] = line;
  SecretMask mask(r.findings, r.input().line_of);
  std::string masked(mask.line("a.js", 1, r.lines[1]));
  CHECK(masked.size() == line.size());
  CHECK(masked.find(kSecret.substr(4, 16)) == std::string::npos);
  CHECK(masked.rfind("k:'2f7a****************************',", 0) == 0);
  for (Finding f : r.findings) {
    mask.mask_messages(&f);
    CHECK(f.message == "value 2f7a" + std::string(28, '*'));
  }
}
