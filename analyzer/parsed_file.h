// A file after parsing: its source, trees and the syntax problems found while parsing.
// Lives only while the file's rules run and its facts are extracted.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/finding.h"
#include "analyzer/json_doc.h"
#include "analyzer/project.h"
#include "analyzer/source.h"
#include "analyzer/syntax_tree.h"
#include "analyzer/wxml.h"

namespace mplint {

struct ParseProblem {
  Range range;
  std::string message;
  /// Another place the problem refers to (where a mismatched tag opened), if any.
  std::optional<Range> related;
  std::string related_message;  // "opened here"
};

/// A `{{ }}` expression or an inline `<wxs>` module of a WXML file, with its tree.
struct EmbeddedScript {
  int node = -1;     // WXML node index
  int binding = -1;  // index in WxmlDocument::bindings, -1 for an inline module
  std::unique_ptr<SyntaxTree> tree;
  Range range;  // the script's bytes in the WXML file
};

struct ParsedFile {
  std::string path;  // relative to the package root
  FileKind kind = FileKind::other;
  SourceText source;
  std::string read_error;  // set when the file could not be read
  std::vector<ParseProblem> problems;

  std::unique_ptr<SyntaxTree> script;          // .js .ts .wxs
  std::unique_ptr<SyntaxTree> style;           // .wxss
  const JsonFile* json = nullptr;              // .json (owned by the Project)
  std::unique_ptr<SyntaxTree> json_tree;       // .json as tree-sitter sees it (declarative rules)
  WxmlDocument wxml;                           // .wxml
  std::vector<EmbeddedScript> expressions;     // one per parsed binding
  std::vector<EmbeddedScript> inline_modules;  // inline <wxs>
  bool readable() const { return read_error.empty() && !source.invalid_utf8(); }
};

enum class ParseDepth { full, facts_only };

/// Reads and parses one file of the project. Never throws; problems go to `problems`.
/// `bytes`, when given, are the file's contents already read (JSON files always come from
/// the project's own copy).
std::unique_ptr<ParsedFile> parse_file(const Project& project, const ProjectFile& file,
                                       ParseDepth depth,
                                       std::optional<std::string> bytes = std::nullopt);

/// WXS source as the JavaScript grammar should see it: WXS does not reserve `class`, so
/// `var class = ''` is valid there; such uses become `klass` (same length, so offsets hold).
/// `class Name {` is left alone: that is a class declaration, which WXS rejects.
std::string wxs_parse_text(std::string_view text);

/// Syntax problems of a JS/TS/WXS tree: one per ERROR or MISSING region.
void collect_tree_problems(const SyntaxTree& tree, std::vector<ParseProblem>* out,
                           const std::string& context = "");

/// The syntax problems of WXSS as WeChat's compiler `wcsc` sees them (wxss_check.cpp): one per
/// broken rule, and an unterminated comment, which wcsc silently accepts.
std::vector<ParseProblem> check_wxss_syntax(std::string_view text);

/// A token or text as a message quotes it: its first line, at most 24 bytes, `…` when cut.
std::string shorten_for_message(std::string_view text);

}  // namespace mplint
