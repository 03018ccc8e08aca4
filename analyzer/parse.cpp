#include <algorithm>

#include "analyzer/asi.h"
#include "analyzer/parsed_file.h"
#include "analyzer/wxml_expr.h"

namespace mplint {

namespace {

constexpr size_t kMaxProblemsPerFile = 20;

// The first leaf under `n`: a narrow place to point at inside a wide ERROR node.
Node first_leaf(Node n) {
  while (n.child_count() > 0) n = n.child(0);
  return n;
}

// Adds a problem unless the file has too many; returns it, or null.
ParseProblem* add(std::vector<ParseProblem>* out, Range r, std::string message) {
  if (out->size() >= kMaxProblemsPerFile) return nullptr;
  out->push_back({r, std::move(message)});
  return &out->back();
}

bool identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || (c & 0x80);
}

// Skips a string or comment starting at `i`; returns the index after it, or `i` when none starts.
size_t skip_string_or_comment(std::string_view t, size_t i) {
  if (t.compare(i, 2, "//") == 0) return std::min(t.size(), t.find('\n', i));
  if (t.compare(i, 2, "/*") == 0) {
    size_t end = t.find("*/", i + 2);
    return end == std::string_view::npos ? t.size() : end + 2;
  }
  char q = t[i];
  if (q != '"' && q != '\'' && q != '`') return i;
  for (size_t j = i + 1; j < t.size(); ++j) {
    if (t[j] == '\\')
      ++j;
    else if (t[j] == q || t[j] == '\n')
      return j + 1;
  }
  return t.size();
}

}  // namespace

std::string wxs_parse_text(std::string_view t) {
  std::string out(t);
  for (size_t i = 0; i < t.size();) {
    size_t skipped = skip_string_or_comment(t, i);
    if (skipped != i) {
      i = skipped;
      continue;
    }
    bool word = t.compare(i, 5, "class") == 0 && (i == 0 || !identifier_char(t[i - 1])) &&
                (i + 5 >= t.size() || !identifier_char(t[i + 5]));
    if (!word) {
      ++i;
      continue;
    }
    size_t next = t.find_first_not_of(" \t\r\n", i + 5);
    bool declaration =
        next != std::string_view::npos && (identifier_char(t[next]) || t[next] == '{');
    if (!declaration) out.replace(i, 5, "klass");
    i += 5;
  }
  return out;
}

namespace {

void parse_script(ParsedFile& f, Grammar g) {
  std::string text(f.source.parse_text());
  if (f.kind == FileKind::wxs) text = wxs_parse_text(text);
  uint32_t size = static_cast<uint32_t>(text.size());
  f.script = SyntaxTree::parse(g, std::move(text));
  if (!f.script->root().has_error()) return;
  // tree-sitter does not insert `;` before a line starting with `(` where ECMAScript does.
  if (errors_explained_by_asi(g, std::string(f.script->text(0, size)), *f.script)) return;
  collect_tree_problems(*f.script, &f.problems);
}

void parse_style(ParsedFile& f) {
  f.style = SyntaxTree::parse(Grammar::css, std::string(f.source.parse_text()));
  // The tree serves the rules; the verdict is wcsc's grammar, which is not tree-sitter-css's
  // (it rejects `*` and `;;`, it accepts `0%, 100% {` and `content: "{"`).
  for (auto& p : check_wxss_syntax(f.source.parse_text())) add(&f.problems, p.range, p.message);
}

// What tree-sitter-json lets through and JSON.parse does not: a raw control character or a
// bad escape in a string, and a second value after the first.
void json_string_problems(ParsedFile& f, Node string) {
  std::string_view t = string.text();
  for (size_t i = 1; i + 1 < t.size(); ++i) {
    uint32_t at = string.begin() + static_cast<uint32_t>(i);
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c < 0x20) {
      add(&f.problems, {at, at + 1}, "control character in a JSON string: write it escaped");
      return;
    }
    if (c != '\\') continue;
    bool unicode = i + 1 < t.size() && t[i + 1] == 'u';
    bool ok = !unicode ||
              (i + 6 < t.size() && std::all_of(t.begin() + i + 2, t.begin() + i + 6, [](char h) {
                 return std::isxdigit(static_cast<unsigned char>(h));
               }));
    if (!ok) {
      add(&f.problems, {at, at + 2}, "invalid escape in a JSON string: `\\u` takes 4 hex digits");
      return;
    }
    ++i;
  }
}

void json_strictness_problems(ParsedFile& f, Node document) {
  int values = 0;
  for (uint32_t i = 0; i < document.named_child_count(); ++i) {
    Node v = document.named_child(i);
    if (v.type() == "comment" || v.is_error()) continue;
    if (++values == 2) add(&f.problems, v.range(), "a second JSON value after the first");
  }
  walk(document, [&](Node n) {
    if (n.type() == "string" && !n.has_error()) json_string_problems(f, n);
    return n.type() != "string";
  });
}

// TypeScript's and VS Code's config files are JSON with comments and trailing commas by
// definition; WeChat never reads them (a pre-commit hook may still pass them to mplint).
bool is_jsonc(const std::string& path) {
  std::string name = path.substr(path.rfind('/') + 1);
  return name.rfind("tsconfig", 0) == 0 || name.rfind("jsconfig", 0) == 0;
}

void parse_json_problems(ParsedFile& f) {
  const JsonDoc& doc = f.json->doc;
  if (!doc.tree) return;
  json_strictness_problems(f, doc.tree->root());
  bool jsonc = is_jsonc(f.path);
  walk(doc.tree->root(), [&](Node n) {
    if (n.type() == "comment") {
      if (!jsonc) add(&f.problems, n.range(), "comments are not allowed in JSON");
      return false;
    }
    if (n.is_missing()) {
      add(&f.problems, n.range(), "missing `" + std::string(n.type()) + "`");
      return false;
    }
    if (n.is_error()) {
      Node leaf = first_leaf(n);
      if (jsonc && leaf.text() == ",") return false;
      std::string what = leaf.text() == ","
                             ? "trailing comma"
                             : "unexpected `" + shorten_for_message(leaf.text()) + "`";
      add(&f.problems, leaf.range(), what);
      return false;
    }
    return true;
  });
  std::string_view text = f.source.parse_text();
  bool blank = std::all_of(text.begin(), text.end(),
                           [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
  if (blank) add(&f.problems, {0, 0}, "empty file: expected a JSON value");
}

void parse_wxml_file(ParsedFile& f, ParseDepth depth) {
  std::string_view text = f.source.parse_text();
  f.wxml = parse_wxml(text);
  for (const auto& e : f.wxml.errors) {
    ParseProblem* p = add(&f.problems, e.range, e.message);
    if (p && e.related) {
      p->related = e.related;
      p->related_message = e.related_message;
    }
  }
  for (int index : f.wxml.inline_wxs) {
    const WxmlNode& n = f.wxml.nodes[index];
    EmbeddedScript m;
    m.node = index;
    m.range = n.content;
    m.tree = SyntaxTree::parse(
        Grammar::javascript,
        wxs_parse_text(text.substr(n.content.begin, n.content.end - n.content.begin)),
        n.content.begin);
    collect_tree_problems(*m.tree, &f.problems, "in <wxs> module: ");
    f.inline_modules.push_back(std::move(m));
  }
  if (depth != ParseDepth::full) return;
  for (size_t i = 0; i < f.wxml.bindings.size(); ++i) {
    const WxmlBinding& b = f.wxml.bindings[i];
    std::string_view content = text.substr(b.content.begin, b.content.end - b.content.begin);
    if (std::all_of(content.begin(), content.end(),
                    [](char c) { return std::isspace(static_cast<unsigned char>(c)); }))
      continue;
    WxmlExpression expression = read_wxml_expression(content);
    if (const auto& error = expression.error) {
      uint32_t at = b.content.begin + static_cast<uint32_t>(error->offset);
      add(&f.problems, {at, std::min(at + 1, b.content.end)},
          "invalid expression in `{{ }}`: " + error->message);
      continue;
    }
    EmbeddedScript e;
    e.node = b.node;
    e.binding = static_cast<int>(i);
    e.range = b.content;
    bool object_body = b.object_body || expression.object_body;
    std::string open = object_body ? "({" : "(";
    std::string close = object_body ? "})" : ")";
    e.tree = SyntaxTree::parse(
        Grammar::javascript, open + expression.parse_text + close,
        static_cast<int64_t>(b.content.begin) - static_cast<int64_t>(open.size()));
    f.expressions.push_back(std::move(e));
  }
}

}  // namespace

std::string shorten_for_message(std::string_view text) {
  std::string s(text.substr(0, std::min<size_t>(text.size(), 24)));
  auto nl = s.find_first_of("\r\n");
  if (nl != std::string::npos) s.resize(nl);
  if (s.size() < text.size()) s += "…";
  return s;
}

void collect_tree_problems(const SyntaxTree& tree, std::vector<ParseProblem>* out,
                           const std::string& context) {
  if (!tree.root().has_error()) return;
  walk(tree.root(), [&](Node n) {
    if (!n.has_error()) return false;
    if (n.is_missing()) {
      add(out, {n.begin(), n.begin()}, context + "missing `" + std::string(n.type()) + "`");
      return false;
    }
    if (n.is_error()) {
      Node leaf = first_leaf(n);
      std::string_view tok = leaf.text();
      add(out, leaf.null() ? n.range() : leaf.range(),
          context + (tok.empty() ? std::string("syntax error")
                                 : "unexpected `" + shorten_for_message(tok) + "`"));
      return false;
    }
    return true;
  });
}

std::unique_ptr<ParsedFile> parse_file(const Project& project, const ProjectFile& file,
                                       ParseDepth depth, std::optional<std::string> bytes) {
  auto f = std::make_unique<ParsedFile>();
  f->path = file.path;
  f->kind = file.kind;
  if (file.kind == FileKind::json) {
    f->json = project.json(file.path);
    if (!f->json) return f;
    f->source = f->json->source;
    f->read_error = f->json->read_error;
    if (!f->readable()) return f;
    parse_json_problems(*f);
    if (depth == ParseDepth::full)
      f->json_tree = SyntaxTree::parse(Grammar::json, std::string(f->source.parse_text()));
    return f;
  }
  if (!bytes) {
    bytes.emplace();
    if (!project.fs().read(join_path(project.root(), file.path), &*bytes, &f->read_error)) {
      f->source = SourceText(file.path, "");
      return f;
    }
  }
  f->source = SourceText(file.path, std::move(*bytes));
  if (!f->readable()) return f;
  switch (file.kind) {
    case FileKind::js:
    case FileKind::wxs:
      parse_script(*f, Grammar::javascript);
      break;
    case FileKind::ts:
      parse_script(*f, Grammar::typescript);
      break;
    case FileKind::wxss:
      parse_style(*f);
      break;
    case FileKind::wxml:
      parse_wxml_file(*f, depth);
      break;
    default:
      break;
  }
  return f;
}

}  // namespace mplint
