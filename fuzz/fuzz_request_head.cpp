// Request heads as the server reads them off a socket, before the HTTP parser
// (http::inspect_request_head and http::RequestStream).
//
// Properties: an accepted head's length is within the input and the limit, and ends
// with the blank line; inspecting exactly that head again accepts it with the same
// method, target and length; an accepted head never holds a bare LF, a NUL, a folded
// line, two lengths, a transfer encoding, or (for HTTP/1.1) anything but one Host; a
// refusal's status is one of 400, 411, 431 and its message never repeats the input.
// A stream fed the input whole or in two pieces (split at the first byte's value) comes
// to the same verdict.
#include <string>

#include "fuzz_check.h"
#include "http/request_head.h"

namespace {

using namespace conduct;
using namespace conduct::http;
using namespace conduct::fuzz;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

void check_accepted(std::string_view bytes, const HeadInspection& inspection) {
  const RequestHead& head = inspection.head;
  FUZZ_CHECK(head.head_bytes >= 4 && head.head_bytes <= bytes.size(), "the head lies within the input");
  FUZZ_CHECK(head.head_bytes <= HeadLimits{}.max_head_bytes, "the head is within the limit");
  const std::string_view text = bytes.substr(0, head.head_bytes);
  FUZZ_CHECK(text.substr(text.size() - 4) == "\r\n\r\n", "the head ends with the blank line");
  FUZZ_CHECK(text.find('\0') == std::string_view::npos, "no NUL in an accepted head");
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') FUZZ_CHECK(i > 0 && text[i - 1] == '\r', "no bare LF in an accepted head");
  for (std::size_t at = text.find("\r\n"); at != std::string_view::npos && at + 2 < text.size();
       at = text.find("\r\n", at + 2))
    FUZZ_CHECK(text[at + 2] != ' ' && text[at + 2] != '\t', "no folded line");
  const std::string folded = lower(text);
  FUZZ_CHECK(!contains(folded, "\r\ntransfer-encoding:"), "no transfer encoding");
  const HeadInspection again = inspect_request_head(text);
  FUZZ_CHECK(again.outcome == HeadInspection::Outcome::Accepted, "the head alone is accepted again");
  FUZZ_CHECK(again.head.method == head.method && again.head.target == head.target &&
                 again.head.head_bytes == head.head_bytes && again.head.content_length == head.content_length,
             "the head alone reads the same");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes = as_text(data, size);
  const HeadInspection inspection = inspect_request_head(bytes);
  if (inspection.outcome == HeadInspection::Outcome::Accepted) check_accepted(bytes, inspection);
  if (inspection.outcome == HeadInspection::Outcome::Refused) {
    const int status = inspection.refusal.status;
    FUZZ_CHECK(status == 400 || status == 411 || status == 431, "a refusal is 400, 411 or 431");
    FUZZ_CHECK(!inspection.refusal.message.empty(), "a refusal says why");
    if (bytes.size() >= 12) FUZZ_CHECK(!contains(inspection.refusal.message, bytes), "the input is not echoed");
  }

  StreamRules rules;
  rules.allowance = [](const RequestHead&) { return BodyAllowance{1 << 20, "is too large", 413}; };
  const auto now = std::chrono::steady_clock::now();
  RequestStream whole(rules);
  const auto at_once = whole.feed(bytes, now);
  const std::size_t cut = size == 0 ? 0 : data[0] % (size + 1);
  RequestStream pieces(rules);
  auto in_pieces = pieces.feed(bytes.substr(0, cut), now);
  if (!in_pieces) in_pieces = pieces.feed(bytes.substr(cut), now);
  FUZZ_CHECK(at_once.has_value() == in_pieces.has_value(), "whole or in pieces, the same verdict");
  if (at_once) FUZZ_CHECK(at_once->status == in_pieces->status, "the same refusal");
  return 0;
}
