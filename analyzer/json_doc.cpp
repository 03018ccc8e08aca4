#include "analyzer/json_doc.h"

#include <cstdlib>

namespace mplint {

JsonValue::JsonValue() = default;
JsonValue::JsonValue(const JsonValue&) = default;
JsonValue::JsonValue(JsonValue&&) noexcept = default;
JsonValue& JsonValue::operator=(const JsonValue&) = default;
JsonValue& JsonValue::operator=(JsonValue&&) noexcept = default;
JsonValue::~JsonValue() = default;

namespace {

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string decode_string(std::string_view quoted) {
  std::string out;
  if (quoted.size() < 2) return out;
  std::string_view s = quoted.substr(1, quoted.size() - 2);
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out += s[i];
      continue;
    }
    char e = s[++i];
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'u':
        if (i + 4 < s.size()) {
          uint32_t cp = static_cast<uint32_t>(
              std::strtoul(std::string(s.substr(i + 1, 4)).c_str(), nullptr, 16));
          append_utf8(out, cp);
          i += 4;
        }
        break;
      default:
        out += e;
    }
  }
  return out;
}

// Converts one value node. Iterative over arrays/objects via an explicit stack so that
// deeply nested JSON cannot overflow the C++ stack.
JsonValue convert(Node root) {
  struct Frame {
    Node node;
    JsonValue* out;
  };
  JsonValue result;
  std::vector<Frame> stack{{root, &result}};
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    JsonValue& v = *f.out;
    std::string_view t = f.node.type();
    v.range = f.node.range();
    if (t == "object") {
      v.kind = JsonValue::Kind::object;
      for (Node pair : f.node.named_children()) {
        if (pair.type() != "pair") continue;
        Node key = pair.field("key");
        Node value = pair.field("value");
        if (key.null() || value.null()) continue;
        v.members.emplace_back(decode_string(key.text()), JsonValue{});
        v.members.back().second.key_range = key.range();
      }
      // Children are filled after the vector stops growing, so the pointers stay valid.
      size_t i = 0;
      for (Node pair : f.node.named_children()) {
        if (pair.type() != "pair" || pair.field("key").null() || pair.field("value").null())
          continue;
        stack.push_back({pair.field("value"), &v.members[i++].second});
      }
    } else if (t == "array") {
      v.kind = JsonValue::Kind::array;
      std::vector<Node> elems;
      for (Node c : f.node.named_children())
        if (c.type() != "comment" && !c.is_error()) elems.push_back(c);
      v.items.resize(elems.size());
      for (size_t i = 0; i < elems.size(); ++i) stack.push_back({elems[i], &v.items[i]});
    } else if (t == "string") {
      v.kind = JsonValue::Kind::string;
      v.string = decode_string(f.node.text());
    } else if (t == "number") {
      v.kind = JsonValue::Kind::number;
      v.number = std::strtod(std::string(f.node.text()).c_str(), nullptr);
    } else if (t == "true" || t == "false") {
      v.kind = JsonValue::Kind::boolean;
      v.boolean = t == "true";
    } else if (t == "null") {
      v.kind = JsonValue::Kind::null;
    }
  }
  return result;
}

}  // namespace

const JsonValue* JsonValue::get(std::string_view key) const {
  for (const auto& [k, v] : members)
    if (k == key) return &v;
  return nullptr;
}

const char* JsonValue::kind_name() const {
  switch (kind) {
    case Kind::null:
      return "null";
    case Kind::boolean:
      return "a boolean";
    case Kind::number:
      return "a number";
    case Kind::string:
      return "a string";
    case Kind::array:
      return "an array";
    case Kind::object:
      return "an object";
    case Kind::invalid:
      return "invalid";
  }
  return "invalid";
}

JsonDoc parse_json(const SourceText& source) {
  JsonDoc doc;
  doc.tree = SyntaxTree::parse(Grammar::json, std::string(source.parse_text()));
  for (Node c : doc.tree->root().named_children()) {
    if (c.type() == "comment" || c.is_error()) continue;
    doc.root = convert(c);
    doc.has_root = true;
    break;
  }
  return doc;
}

}  // namespace mplint
