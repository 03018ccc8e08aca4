// The one place that wraps the tree-sitter C API: languages, parsing, nodes, queries.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/source.h"

#include <tree_sitter/api.h>

namespace mplint {

enum class Grammar { javascript, typescript, css, json };

class SyntaxTree;

/// A node of a SyntaxTree. Offsets are bytes in the file the tree was parsed from.
class Node {
 public:
  Node() = default;
  bool null() const { return tree_ == nullptr || is_null_; }
  explicit operator bool() const { return !null(); }

  std::string_view type() const;
  bool named() const;
  bool is_error() const;
  bool is_missing() const;
  bool has_error() const;
  uint32_t begin() const;
  uint32_t end() const;
  Range range() const { return {begin(), end()}; }
  /// The node's source text.
  std::string_view text() const;

  Node parent() const;
  Node child(uint32_t i) const;
  uint32_t child_count() const;
  Node named_child(uint32_t i) const;
  uint32_t named_child_count() const;
  Node field(std::string_view name) const;
  Node next_named_sibling() const;
  std::vector<Node> named_children() const;
  /// The field name of the i-th child, or "" when it has none.
  std::string_view field_name_of_child(uint32_t i) const;

  bool operator==(const Node& o) const;
  const SyntaxTree* tree() const { return tree_; }

 private:
  friend class SyntaxTree;
  friend class Query;
  friend void walk(Node, const std::function<bool(Node)>&);
  friend void walk(Node, const std::function<bool(Node)>&, const std::function<void(Node)>&);
  Node(const SyntaxTree* tree, TSNode node);
  const SyntaxTree* tree_ = nullptr;
  bool is_null_ = true;
  TSNode node_{};
};

/// Visits `root` and its descendants in document order without recursion. The visitor
/// returns false to skip a node's children.
void walk(Node root, const std::function<bool(Node)>& visit);
/// The same walk, also calling `leave` for each visited node after its children.
void walk(Node root, const std::function<bool(Node)>& visit,
          const std::function<void(Node)>& leave);

/// A parsed tree that owns its text. `base` is the file offset of the text's first byte:
/// a `{{ }}` expression parsed as "(" + expr + ")" has base = expr offset - 1.
class SyntaxTree {
 public:
  static std::unique_ptr<SyntaxTree> parse(Grammar g, std::string text, int64_t base = 0);
  ~SyntaxTree();
  SyntaxTree(const SyntaxTree&) = delete;
  SyntaxTree& operator=(const SyntaxTree&) = delete;

  Node root() const;
  Grammar grammar() const { return grammar_; }
  /// Text of a file range covered by this tree (empty outside it).
  std::string_view text(uint32_t begin, uint32_t end) const;
  int64_t base() const { return base_; }

  /// Every node in document order, with the index just past each one's subtree: what walk()
  /// steps through. Built on first use.
  struct Preorder {
    std::vector<TSNode> nodes;
    std::vector<uint32_t> end;
    /// The index of `n`, or nodes.size() when it is not in the tree.
    size_t index_of(TSNode n) const;
  };
  const Preorder& preorder() const;

 private:
  friend class Node;
  friend class Query;
  SyntaxTree() = default;
  TSTree* tree_ = nullptr;
  mutable std::once_flag preorder_once_;
  mutable Preorder preorder_;
  std::string text_;
  int64_t base_ = 0;
  Grammar grammar_ = Grammar::javascript;
};

/// One match of a query: the capture names and nodes.
struct QueryCapture {
  std::string name;
  Node node;
};
using QueryMatch = std::vector<QueryCapture>;

/// A compiled tree-sitter query. Predicates are returned raw for the caller to evaluate.
struct QueryPredicate {
  struct Arg {
    bool capture = false;  // a capture name (without '@') or a literal string
    std::string value;
  };
  std::string name;  // e.g. "eq?"
  std::vector<Arg> args;
};

class Query {
 public:
  /// Compiles `source`; on failure returns null and sets `error` (with a byte offset).
  static std::unique_ptr<Query> compile(Grammar g, std::string_view source, std::string* error,
                                        uint32_t* error_offset);
  ~Query();
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  uint32_t pattern_count() const;
  /// Every capture name the query defines (without '@').
  std::vector<std::string> capture_names() const;
  const std::vector<QueryPredicate>& predicates(uint32_t pattern) const {
    return predicates_[pattern];
  }
  /// Runs the query over `root`, calling `on_match(pattern_index, match)`.
  void run(Node root, const std::function<void(uint32_t, const QueryMatch&)>& on_match) const;

 private:
  Query() = default;
  TSQuery* query_ = nullptr;
  std::vector<std::vector<QueryPredicate>> predicates_;
};

}  // namespace mplint
