// Reading the messages mail::compose writes, for the tests that look at queued mail:
// a header's value, and the body decoded from quoted-printable (RFC 2045 6.7) back to
// the UTF-8 text it was, line ends as LF. Small enough to trust by reading.
#pragma once

#include <optional>
#include <string>

namespace conduct::testing {

// The value of the first header `name` ("Subject"), continuation lines joined as
// written (CRLF and a space); empty when there is none.
inline std::string mail_header(const std::string& message, const std::string& name) {
  const std::string head = message.substr(0, message.find("\r\n\r\n"));
  const std::string prefix = name + ": ";
  std::size_t at = head.rfind(prefix, 0) == 0 ? 0 : head.find("\r\n" + prefix);
  if (at == std::string::npos) return {};
  if (at != 0) at += 2;
  std::size_t end = at + prefix.size();
  while (true) {
    end = head.find("\r\n", end);
    if (end == std::string::npos || end + 2 >= head.size() || head[end + 2] != ' ') break;
    end += 2;
  }
  return head.substr(at + prefix.size(), (end == std::string::npos ? head.size() : end) - at - prefix.size());
}

// Quoted-printable with CRLF line ends back to text with LF line ends; nothing when an
// escape is broken or a line end is bare.
inline std::optional<std::string> decode_quoted_printable(const std::string& encoded) {
  const auto hex = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string text;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    const char c = encoded[i];
    if (c == '=') {
      if (encoded.compare(i + 1, 2, "\r\n") == 0) {  // a soft line break
        i += 2;
        continue;
      }
      if (i + 2 >= encoded.size() || hex(encoded[i + 1]) < 0 || hex(encoded[i + 2]) < 0) return std::nullopt;
      text += static_cast<char>(hex(encoded[i + 1]) * 16 + hex(encoded[i + 2]));
      i += 2;
    } else if (c == '\r') {
      if (encoded.compare(i, 2, "\r\n") != 0) return std::nullopt;
      text += '\n';
      ++i;
    } else if (c == '\n') {
      return std::nullopt;
    } else {
      text += c;
    }
  }
  return text;
}

// The body of a composed message as the text it was written from.
inline std::string mail_body(const std::string& message) {
  const std::size_t blank = message.find("\r\n\r\n");
  if (blank == std::string::npos) return {};
  return decode_quoted_printable(message.substr(blank + 4)).value_or("(the body does not decode)");
}

}  // namespace conduct::testing
