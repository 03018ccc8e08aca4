#include "analyzer/syntax_tree.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

extern "C" {
const TSLanguage* tree_sitter_javascript();
const TSLanguage* tree_sitter_typescript();
const TSLanguage* tree_sitter_css();
const TSLanguage* tree_sitter_json();
}

namespace mplint {

namespace {

const TSLanguage* language_of(Grammar g) {
  switch (g) {
    case Grammar::javascript: return tree_sitter_javascript();
    case Grammar::typescript: return tree_sitter_typescript();
    case Grammar::css: return tree_sitter_css();
    case Grammar::json: return tree_sitter_json();
  }
  return nullptr;
}

// One parser per thread and grammar: parsers are not thread-safe but are reusable.
TSParser* parser_for(Grammar g) {
  struct Parsers {
    TSParser* p[4] = {nullptr, nullptr, nullptr, nullptr};
    ~Parsers() {
      for (auto* x : p)
        if (x) ts_parser_delete(x);
    }
  };
  thread_local Parsers parsers;
  auto& slot = parsers.p[static_cast<int>(g)];
  if (!slot) {
    slot = ts_parser_new();
    ts_parser_set_language(slot, language_of(g));
  }
  return slot;
}

// A grammar's node type names and field ids, looked up once: ts_node_type() costs a strlen
// per call and ts_node_child_by_field_name() a strncmp per field name, on every node visited.
struct LanguageNames {
  std::vector<std::string_view> symbols;  // by public symbol id
  std::unordered_map<std::string_view, TSFieldId> fields;
};

LanguageNames read_names(const TSLanguage* language) {
  LanguageNames out;
  uint32_t symbols = ts_language_symbol_count(language);
  out.symbols.reserve(symbols);
  for (uint32_t s = 0; s < symbols; ++s) {
    const char* name = ts_language_symbol_name(language, static_cast<TSSymbol>(s));
    out.symbols.push_back(name ? name : "");
  }
  uint32_t fields = ts_language_field_count(language);
  for (uint32_t f = 1; f <= fields; ++f)
    if (const char* name = ts_language_field_name_for_id(language, static_cast<TSFieldId>(f)))
      out.fields.emplace(name, static_cast<TSFieldId>(f));
  return out;
}

const LanguageNames& names_of(Grammar g) {
  static const LanguageNames names[] = {
      read_names(language_of(Grammar::javascript)), read_names(language_of(Grammar::typescript)),
      read_names(language_of(Grammar::css)), read_names(language_of(Grammar::json))};
  return names[static_cast<int>(g)];
}

}  // namespace

Node::Node(const SyntaxTree* tree, TSNode node)
    : tree_(tree), is_null_(ts_node_is_null(node)), node_(node) {}

std::string_view Node::type() const {
  if (null()) return "";
  TSSymbol symbol = ts_node_symbol(node_);
  const std::vector<std::string_view>& symbols = names_of(tree_->grammar_).symbols;
  return symbol < symbols.size() ? symbols[symbol] : std::string_view(ts_node_type(node_));
}
bool Node::named() const { return !null() && ts_node_is_named(node_); }
bool Node::is_error() const {
  constexpr TSSymbol kErrorSymbol = static_cast<TSSymbol>(-1);  // tree-sitter's ERROR
  return !null() && ts_node_symbol(node_) == kErrorSymbol;
}
bool Node::is_missing() const { return !null() && ts_node_is_missing(node_); }
bool Node::has_error() const { return !null() && ts_node_has_error(node_); }
uint32_t Node::begin() const {
  return null() ? 0 : static_cast<uint32_t>(ts_node_start_byte(node_) + tree_->base_);
}
uint32_t Node::end() const {
  return null() ? 0 : static_cast<uint32_t>(ts_node_end_byte(node_) + tree_->base_);
}
std::string_view Node::text() const { return null() ? "" : tree_->text(begin(), end()); }
Node Node::parent() const { return null() ? Node() : Node(tree_, ts_node_parent(node_)); }
Node Node::child(uint32_t i) const {
  return null() ? Node() : Node(tree_, ts_node_child(node_, i));
}
uint32_t Node::child_count() const { return null() ? 0 : ts_node_child_count(node_); }
Node Node::named_child(uint32_t i) const {
  return null() ? Node() : Node(tree_, ts_node_named_child(node_, i));
}
uint32_t Node::named_child_count() const {
  return null() ? 0 : ts_node_named_child_count(node_);
}
Node Node::field(std::string_view name) const {
  if (null()) return {};
  const auto& fields = names_of(tree_->grammar_).fields;
  auto it = fields.find(name);
  return Node(tree_, ts_node_child_by_field_id(node_, it == fields.end() ? 0 : it->second));
}
Node Node::next_named_sibling() const {
  return null() ? Node() : Node(tree_, ts_node_next_named_sibling(node_));
}
std::vector<Node> Node::named_children() const {
  // A cursor steps from child to child; ts_node_named_child(i) scans from the first child
  // each time, which makes a 10 000-property object literal quadratic.
  std::vector<Node> out;
  if (null()) return out;
  TSTreeCursor cursor = ts_tree_cursor_new(node_);
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more;
       more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    TSNode child = ts_tree_cursor_current_node(&cursor);
    if (ts_node_is_named(child)) out.push_back(Node(tree_, child));
  }
  ts_tree_cursor_delete(&cursor);
  return out;
}
std::string_view Node::field_name_of_child(uint32_t i) const {
  if (null()) return "";
  const char* name = ts_node_field_name_for_child(node_, i);
  return name ? name : "";
}
bool Node::operator==(const Node& o) const {
  if (null() || o.null()) return null() == o.null();
  return ts_node_eq(node_, o.node_);
}

const SyntaxTree::Preorder& SyntaxTree::preorder() const {
  std::call_once(preorder_once_, [this] {
    // One cursor pass; every later walk steps through the array (a cursor's sibling step
    // costs far more than an index step, and a file is walked by many rules and facts).
    TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree_));
    std::vector<uint32_t> open;
    size_t guess = text_.size() / 4;  // about one node per 4 bytes of source
    preorder_.nodes.reserve(guess);
    preorder_.end.reserve(guess);
    auto enter = [&] {
      open.push_back(static_cast<uint32_t>(preorder_.nodes.size()));
      preorder_.nodes.push_back(ts_tree_cursor_current_node(&cursor));
      preorder_.end.push_back(0);
    };
    enter();
    for (bool done = false; !done;) {
      if (ts_tree_cursor_goto_first_child(&cursor)) {
        enter();
        continue;
      }
      for (;;) {
        preorder_.end[open.back()] = static_cast<uint32_t>(preorder_.nodes.size());
        open.pop_back();
        if (ts_tree_cursor_goto_next_sibling(&cursor)) {
          enter();
          break;
        }
        if (!ts_tree_cursor_goto_parent(&cursor)) {
          done = true;
          break;
        }
      }
    }
    ts_tree_cursor_delete(&cursor);
  });
  return preorder_;
}

size_t SyntaxTree::Preorder::index_of(TSNode n) const {
  // Start bytes never decrease in document order: search the first node starting where n
  // does, then step through the nodes nested at that byte.
  uint32_t start = ts_node_start_byte(n);
  auto it = std::lower_bound(nodes.begin(), nodes.end(), start, [](const TSNode& a, uint32_t b) {
    return ts_node_start_byte(a) < b;
  });
  for (; it != nodes.end() && ts_node_start_byte(*it) == start; ++it)
    if (ts_node_eq(*it, n)) return static_cast<size_t>(it - nodes.begin());
  return nodes.size();
}

void walk(Node root, const std::function<bool(Node)>& visit) {
  if (root.null()) return;
  const SyntaxTree* tree = root.tree_;
  const SyntaxTree::Preorder& order = tree->preorder();
  size_t i = order.index_of(root.node_);
  if (i == order.nodes.size()) return;
  for (size_t end = order.end[i]; i < end;)
    i = visit(Node(tree, order.nodes[i])) ? i + 1 : order.end[i];
}

void walk(Node root, const std::function<bool(Node)>& visit,
          const std::function<void(Node)>& leave) {
  if (root.null()) return;
  const SyntaxTree* tree = root.tree_;
  const SyntaxTree::Preorder& order = tree->preorder();
  size_t i = order.index_of(root.node_);
  if (i == order.nodes.size()) return;
  std::vector<size_t> open;  // visited nodes whose children are being walked
  auto close_before = [&](size_t next) {
    while (!open.empty() && order.end[open.back()] <= next) {
      leave(Node(tree, order.nodes[open.back()]));
      open.pop_back();
    }
  };
  for (size_t end = order.end[i]; i < end;) {
    close_before(i);
    Node n(tree, order.nodes[i]);
    if (visit(n)) {
      open.push_back(i++);
    } else {
      leave(n);
      i = order.end[i];
    }
  }
  close_before(order.nodes.size());
}

std::unique_ptr<SyntaxTree> SyntaxTree::parse(Grammar g, std::string text, int64_t base) {
  std::unique_ptr<SyntaxTree> t(new SyntaxTree());
  t->text_ = std::move(text);
  t->base_ = base;
  t->grammar_ = g;
  t->tree_ = ts_parser_parse_string(parser_for(g), nullptr, t->text_.data(),
                                    static_cast<uint32_t>(t->text_.size()));
  return t;
}

SyntaxTree::~SyntaxTree() {
  if (tree_) ts_tree_delete(tree_);
}

Node SyntaxTree::root() const { return Node(this, ts_tree_root_node(tree_)); }

std::string_view SyntaxTree::text(uint32_t begin, uint32_t end) const {
  int64_t b = static_cast<int64_t>(begin) - base_;
  int64_t e = static_cast<int64_t>(end) - base_;
  auto size = static_cast<int64_t>(text_.size());
  b = std::clamp<int64_t>(b, 0, size);
  e = std::clamp<int64_t>(e, b, size);
  return std::string_view(text_).substr(static_cast<size_t>(b), static_cast<size_t>(e - b));
}

std::unique_ptr<Query> Query::compile(Grammar g, std::string_view source, std::string* error,
                                      uint32_t* error_offset) {
  uint32_t offset = 0;
  TSQueryError kind = TSQueryErrorNone;
  TSQuery* q = ts_query_new(language_of(g), source.data(), static_cast<uint32_t>(source.size()),
                            &offset, &kind);
  if (!q) {
    static const char* names[] = {"none",  "syntax error",   "unknown node type",
                                  "unknown field", "unknown capture", "invalid structure",
                                  "language mismatch"};
    int k = static_cast<int>(kind);
    *error = k >= 0 && k < 7 ? names[k] : "query error";
    *error_offset = offset;
    return nullptr;
  }
  std::unique_ptr<Query> out(new Query());
  out->query_ = q;
  uint32_t patterns = ts_query_pattern_count(q);
  out->predicates_.resize(patterns);
  for (uint32_t p = 0; p < patterns; ++p) {
    uint32_t steps = 0;
    const TSQueryPredicateStep* s = ts_query_predicates_for_pattern(q, p, &steps);
    QueryPredicate current;
    for (uint32_t i = 0; i < steps; ++i) {
      uint32_t len = 0;
      if (s[i].type == TSQueryPredicateStepTypeDone) {
        out->predicates_[p].push_back(std::move(current));
        current = {};
      } else if (s[i].type == TSQueryPredicateStepTypeCapture) {
        current.args.push_back({true, ts_query_capture_name_for_id(q, s[i].value_id, &len)});
      } else {
        std::string v = ts_query_string_value_for_id(q, s[i].value_id, &len);
        if (current.name.empty()) current.name = v;
        else current.args.push_back({false, v});
      }
    }
  }
  return out;
}

Query::~Query() {
  if (query_) ts_query_delete(query_);
}

uint32_t Query::pattern_count() const { return ts_query_pattern_count(query_); }

std::vector<std::string> Query::capture_names() const {
  std::vector<std::string> out;
  for (uint32_t i = 0, n = ts_query_capture_count(query_); i < n; ++i) {
    uint32_t len = 0;
    const char* name = ts_query_capture_name_for_id(query_, i, &len);
    out.emplace_back(name, len);
  }
  return out;
}

void Query::run(Node root, const std::function<void(uint32_t, const QueryMatch&)>& on_match) const {
  if (root.null()) return;
  TSQueryCursor* cursor = ts_query_cursor_new();
  ts_query_cursor_exec(cursor, query_, root.node_);
  TSQueryMatch m;
  QueryMatch match;
  while (ts_query_cursor_next_match(cursor, &m)) {
    match.clear();
    for (uint16_t i = 0; i < m.capture_count; ++i) {
      uint32_t len = 0;
      const char* name = ts_query_capture_name_for_id(query_, m.captures[i].index, &len);
      match.push_back({std::string(name, len), Node(root.tree_, m.captures[i].node)});
    }
    on_match(m.pattern_index, match);
  }
  ts_query_cursor_delete(cursor);
}

}  // namespace mplint
