#include "analyzer/lsp_transport.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace mplint::lsp {

namespace {

constexpr size_t kMaxBody = size_t{1} << 30;

// The value of `Content-Length` in a header block, or -1 when it is missing or not a number.
long long content_length(const std::string& headers) {
  size_t at = 0;
  while (at < headers.size()) {
    size_t end = headers.find("\r\n", at);
    if (end == std::string::npos) end = headers.size();
    std::string line = headers.substr(at, end - at);
    at = end + 2;
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name != "content-length") continue;
    std::string value = line.substr(colon + 1);
    size_t first = value.find_first_not_of(" \t");
    size_t last = value.find_last_not_of(" \t");
    if (first == std::string::npos) return -1;
    value = value.substr(first, last - first + 1);
    if (value.empty() || value.size() > 12 ||
        value.find_first_not_of("0123456789") != std::string::npos)
      return -1;
    return std::stoll(value);
  }
  return -1;
}

}  // namespace

bool Transport::fill() {
  char chunk[65536];
  for (;;) {
    ssize_t n = ::read(in_, chunk, sizeof chunk);
    if (n > 0) {
      buffer_.append(chunk, static_cast<size_t>(n));
      return true;
    }
    if (n < 0 && errno == EINTR) continue;
    return false;
  }
}

Transport::Read Transport::read(nlohmann::json* message, std::string* error) {
  size_t end;
  while ((end = buffer_.find("\r\n\r\n")) == std::string::npos)
    if (!fill()) return Read::eof;
  std::string headers = buffer_.substr(0, end);
  buffer_.erase(0, end + 4);
  long long length = content_length(headers);
  if (length < 0 || static_cast<size_t>(length) > kMaxBody) {
    *error = "a message header without a valid Content-Length";
    return Read::malformed;
  }
  while (buffer_.size() < static_cast<size_t>(length))
    if (!fill()) return Read::eof;
  std::string body = buffer_.substr(0, static_cast<size_t>(length));
  buffer_.erase(0, static_cast<size_t>(length));
  *message = nlohmann::json::parse(body, nullptr, false);
  if (message->is_discarded()) {
    *error = "the message is not valid JSON";
    return Read::malformed;
  }
  return Read::message;
}

bool Transport::pending() {
  if (buffer_.find("\r\n\r\n") != std::string::npos) return true;
  pollfd p{in_, POLLIN, 0};
  return ::poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

void Transport::write(const nlohmann::json& message) {
  // Invalid UTF-8 from a buffer is replaced rather than thrown on.
  std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  size_t at = 0;
  while (at < out.size()) {
    ssize_t n = ::write(out_, out.data() + at, out.size() - at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the client has gone; the read side will see the end
    at += static_cast<size_t>(n);
  }
}

}  // namespace mplint::lsp
