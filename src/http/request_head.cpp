#include "http/request_head.h"

#include <algorithm>
#include <array>
#include <vector>

namespace conduct::http {
namespace {

HeadInspection refused(int status, std::string message) {
  HeadInspection inspection;
  inspection.outcome = HeadInspection::Outcome::Refused;
  inspection.refusal = HeadRefusal{status, std::move(message)};
  return inspection;
}

// RFC 9110 §5.6.2: the characters of a token (method and header names).
bool is_token_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return kSymbols.find(c) != std::string_view::npos;
}

bool is_token(std::string_view text) { return !text.empty() && std::all_of(text.begin(), text.end(), is_token_char); }

// A header value may hold visible characters, spaces, tabs and obs-text; no control.
bool is_field_value(std::string_view value) {
  return std::all_of(value.begin(), value.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte == '\t' || (byte >= 0x20 && byte != 0x7F);
  });
}

// Whether a header name is `lower_case` (given in lower case), in any case.
bool same_name(std::string_view name, std::string_view lower_case) {
  if (name.size() != lower_case.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i] >= 'A' && name[i] <= 'Z' ? static_cast<char>(name[i] - 'A' + 'a') : name[i];
    if (c != lower_case[i]) return false;
  }
  return true;
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The line endings of `bytes`: every LF must follow a CR and every CR precede an LF; no
// NUL anywhere. Checked on what has arrived, so a bad head is refused without waiting
// for the rest of it.
std::optional<HeadRefusal> line_ending_problem(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (c == '\0') return HeadRefusal{400, "the request head holds a NUL byte"};
    if (c == '\n' && (i == 0 || bytes[i - 1] != '\r'))
      return HeadRefusal{400, "a line of the request head ends with a bare LF: lines must end with CRLF"};
    if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] != '\n')
      return HeadRefusal{400, "the request head holds a CR that does not end a line"};
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 7> kMethods = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};

bool is_visible_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte > 0x20 && byte < 0x7F;
  });
}

}  // namespace

HeadInspection inspect_request_head(std::string_view bytes, const HeadLimits& limits) {
  // Empty lines before the request line are ignored (RFC 9112 §2.2): some clients send
  // one after a body. They count as part of the head.
  std::size_t start = 0;
  while (bytes.substr(start, 2) == "\r\n") start += 2;
  const std::size_t end = start == bytes.size() ? std::string_view::npos : bytes.find("\r\n\r\n", start);
  const std::string_view seen = bytes.substr(0, end == std::string_view::npos ? bytes.size() : end + 4);
  if (auto problem = line_ending_problem(seen.substr(0, std::min(seen.size(), limits.max_head_bytes))))
    return refused(problem->status, problem->message);
  if (end == std::string_view::npos || end + 4 > limits.max_head_bytes) {
    if (bytes.size() >= limits.max_head_bytes || end != std::string_view::npos)
      return refused(431, "the request head is larger than " + std::to_string(limits.max_head_bytes / 1024) + " KiB");
    return {};  // the rest of the head is still to come
  }

  // The head's lines, each without its CRLF, read one after the other.
  std::string_view rest = bytes.substr(start, end + 2 - start);
  const auto next_line = [&rest]() {
    const std::size_t line_end = rest.find("\r\n");
    const std::string_view line = rest.substr(0, line_end);
    rest.remove_prefix(line_end + 2);
    return line;
  };

  // The request line: METHOD SP request-target SP HTTP-version, nothing more.
  const std::string_view request_line = next_line();
  if (request_line.empty()) return refused(400, "the request line is missing");
  const std::size_t first_space = request_line.find(' ');
  const std::size_t second_space =
      first_space == std::string_view::npos ? std::string_view::npos : request_line.find(' ', first_space + 1);
  if (second_space == std::string_view::npos || request_line.find(' ', second_space + 1) != std::string_view::npos)
    return refused(400, "the request line must be METHOD TARGET HTTP/1.1");
  const std::string_view method = request_line.substr(0, first_space);
  const std::string_view target = request_line.substr(first_space + 1, second_space - first_space - 1);
  const std::string_view version = request_line.substr(second_space + 1);
  if (version != "HTTP/1.1" && version != "HTTP/1.0")
    return refused(400, "only HTTP/1.1 and HTTP/1.0 are served over this connection");
  if (std::find(kMethods.begin(), kMethods.end(), method) == kMethods.end())
    return refused(400, "the method is not one this server answers");
  if (target.empty() || target.size() > limits.max_target_bytes || !is_visible_ascii(target) ||
      !(target.front() == '/' || (target == "*" && method == "OPTIONS")))
    return refused(400, "the request target must be a path starting with /, without spaces or control characters");

  RequestHead head;
  head.method = method;
  head.target = target;
  head.head_bytes = end + 4;
  int hosts = 0;
  bool has_length = false;
  bool has_transfer_encoding = false;
  std::size_t headers = 0;
  while (!rest.empty()) {
    const std::string_view line = next_line();
    if (++headers > limits.max_header_count)
      return refused(431, "the request has more than " + std::to_string(limits.max_header_count) + " headers");
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
      return refused(400, "a header line is folded onto the next (obs-fold is not accepted)");
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || !is_token(line.substr(0, colon)))
      return refused(400, "a header line has no valid name before its colon");
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = trim_spaces(line.substr(colon + 1));
    if (!is_field_value(value)) return refused(400, "a header value holds a control character");
    if (same_name(name, "host")) {
      ++hosts;
    } else if (same_name(name, "content-length")) {
      if (has_length) return refused(400, "Content-Length is given more than once");
      has_length = true;
      if (value.empty() || value.size() > 18 ||
          !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return refused(400, "Content-Length must be a whole number of bytes");
      std::uint64_t length = 0;
      for (char c : value) length = length * 10 + static_cast<std::uint64_t>(c - '0');
      head.content_length = length;
    } else if (same_name(name, "transfer-encoding")) {
      has_transfer_encoding = true;
    } else if (same_name(name, "cookie") && head.cookie.empty()) {
      head.cookie = value;
    }
  }
  if (has_length && has_transfer_encoding)
    return refused(400, "a request may not carry both Content-Length and Transfer-Encoding");
  if (has_transfer_encoding)
    return refused(411, "send a body with Content-Length: a transfer encoding (chunked) is not accepted");
  if (hosts == 0 && version == "HTTP/1.1") return refused(400, "the Host header is missing");
  if (hosts > 1) return refused(400, "the Host header is given more than once");

  HeadInspection inspection;
  inspection.outcome = HeadInspection::Outcome::Accepted;
  inspection.head = std::move(head);
  return inspection;
}

std::optional<HeadRefusal> refuse_body(const RequestHead& head, const BodyAllowance& allowance) {
  if (head.content_length <= allowance.max_bytes) return std::nullopt;
  return HeadRefusal{allowance.status, "the body " + allowance.refusal, "body", allowance.refusal};
}

std::optional<HeadRefusal> RequestStream::feed(std::string_view bytes, std::chrono::steady_clock::time_point now) {
  while (!bytes.empty()) {
    if (body_left_ > 0) {  // the body of the request just accepted
      const std::uint64_t taken = std::min<std::uint64_t>(body_left_, bytes.size());
      body_left_ -= taken;
      bytes.remove_prefix(static_cast<std::size_t>(taken));
      continue;
    }
    if (!head_started_) {
      head_started_ = now;
      hold_.reset();  // the request before this one has been answered
    }
    // Never more than the limit and a byte is kept, so a head too large is seen as such.
    const std::size_t room = rules_->limits.max_head_bytes + 1 - std::min(head_.size(), rules_->limits.max_head_bytes);
    const std::size_t taken = std::min(bytes.size(), room);
    const std::size_t before = head_.size();
    // A head that starts in these bytes is read where it lies; one that came in pieces is
    // gathered first.
    if (!head_.empty()) head_.append(bytes.substr(0, taken));
    const std::string_view gathered = head_.empty() ? bytes.substr(0, taken) : std::string_view(head_);
    const HeadInspection inspection = inspect_request_head(gathered, rules_->limits);
    if (inspection.outcome == HeadInspection::Outcome::Refused) return inspection.refusal;
    if (inspection.outcome == HeadInspection::Outcome::Incomplete) {
      if (now - *head_started_ > rules_->head_timeout)
        return HeadRefusal{408, "the request head took too long to arrive"};
      if (head_.empty()) head_.assign(bytes.substr(0, taken));
      bytes.remove_prefix(taken);
      continue;
    }
    const RequestHead& head = inspection.head;
    if (head.content_length > 0) {  // only a body is judged
      const BodyAllowance allowance =
          rules_->allowance ? rules_->allowance(head) : BodyAllowance{0, "is not taken by this request", 413};
      if (auto refusal = refuse_body(head, allowance)) {
        refusal->body_to_discard = head.content_length;
        return refusal;
      }
      hold_ = allowance.hold;
    }
    bytes.remove_prefix(head.head_bytes - before);  // what of these bytes the head used
    body_left_ = head.content_length;
    head_.clear();
    head_started_.reset();
  }
  return std::nullopt;
}

}  // namespace conduct::http
