// JSON-RPC 2.0 over a byte stream with LSP's `Content-Length` framing (the base protocol of
// LSP 3.17). Reads never trust the peer: a broken header or body becomes an error the
// server answers, never a crash or a hang on the rest of the stream.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace mplint::lsp {

class Transport {
 public:
  Transport(int in_fd, int out_fd) : in_(in_fd), out_(out_fd) {}

  enum class Read { message, malformed, eof };
  /// Reads the next message. `malformed`: the header or the JSON was broken (`error` says
  /// how); the stream goes on after it.
  Read read(nlohmann::json* message, std::string* error);
  /// Whether another message is already waiting (the server then reads it before linting,
  /// so a burst of keystrokes is linted once).
  bool pending();
  void write(const nlohmann::json& message);

 private:
  bool fill();  // reads more bytes; false at end of input
  int in_, out_;
  std::string buffer_;
};

}  // namespace mplint::lsp
