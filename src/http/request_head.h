// The strict reading of a request's head (docs/security.md "Strict HTTP"), before the
// HTTP parser sees it. The server reads every request's bytes through this check
// (http/guarded_socket.h): a head it refuses is answered with a clear 4xx and a log
// line, never handed on, and a body is refused before a byte of it is read when the
// route takes none, or more than it allows.
//
// What is refused, and why: a parser that quietly accepts what another reads otherwise
// (a bare LF, a folded header, two lengths, a length and a chunked encoding) is how
// requests are smuggled past a proxy; a request with no Host, or that claims HTTP/2 in
// an HTTP/1 request line, is not a request a browser or a client library sends.
//
// Pure: no I/O, no RESTinio. fuzz/fuzz_request_head.cpp feeds it arbitrary bytes.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace conduct::http {

struct HeadLimits {
  std::size_t max_head_bytes = 16 * 1024;  // request line and headers, up to the blank line
  std::size_t max_header_count = 100;
  std::size_t max_target_bytes = 8 * 1024;
};

// What the rest of the server needs from an accepted head. The views point into the
// bytes inspected: valid while they are (the head is judged at once, nothing is copied).
struct RequestHead {
  std::string_view method;  // "GET", "POST", …
  std::string_view target;  // as sent: "/api/cases?limit=50"
  std::string_view cookie;  // the (first) Cookie header, or empty
  std::uint64_t content_length = 0;
  std::size_t head_bytes = 0;  // the head's length, blank line included
};

// Why a head is refused, with the status and a message for the client (naming what is
// wrong, never echoing what was sent).
struct HeadRefusal {
  int status = 400;
  std::string message;
  std::string field;  // the field at fault, when the refusal names one ("body")
  std::string field_problem;
  // A body refused from its head may already be on its way: this many bytes of it are
  // read and thrown away after the answer, so the client is not cut off mid-send and
  // gets to read the answer (0: close at once).
  std::uint64_t body_to_discard = 0;
};

struct HeadInspection {
  enum class Outcome { Incomplete, Accepted, Refused };
  Outcome outcome = Outcome::Incomplete;
  RequestHead head;     // when Accepted
  HeadRefusal refusal;  // when Refused
};

// Inspects the bytes of a request read so far (from its first byte). Incomplete while
// the blank line that ends the head has not arrived and the limit is not reached.
HeadInspection inspect_request_head(std::string_view bytes, const HeadLimits& limits = {});

// The largest body a route may be sent, as the server decides from the head (method,
// target, session): the head is refused with 413 when its Content-Length is larger.
struct BodyAllowance {
  std::uint64_t max_bytes = 0;
  std::string refusal;  // what is wrong with a longer body ("is larger than …"), for field "body"
  int status = 413;     // 413, or 401 for a body that needs a session first
  // Held by the connection's stream until the next request's head starts or the
  // connection ends: a share of a budget the body counts against (http/upload_budget.h).
  std::shared_ptr<void> hold;
};

// A refusal for a head whose body its route does not allow, or nothing.
std::optional<HeadRefusal> refuse_body(const RequestHead& head, const BodyAllowance& allowance);

// The rules a connection's bytes are read under.
struct StreamRules {
  HeadLimits limits;
  // A head must arrive whole within this time of its first byte (checked as bytes come;
  // a connection that sends nothing is closed by the server's read timeout).
  std::chrono::steady_clock::duration head_timeout = std::chrono::seconds(10);
  // The largest body the head's route takes; nothing allowed when unset.
  std::function<BodyAllowance(const RequestHead&)> allowance;
};

// Follows the requests on one connection through the bytes read from it, in order:
// each head is inspected when it is whole, and its body (by Content-Length) is let
// through before the next head starts. A refusal ends the connection: the server
// answers it and closes.
class RequestStream {
 public:
  explicit RequestStream(const StreamRules& rules) : rules_(&rules) {}

  // The next bytes read, at `now`. A refusal, or nothing while all is well.
  std::optional<HeadRefusal> feed(std::string_view bytes, std::chrono::steady_clock::time_point now);

 private:
  const StreamRules* rules_;
  std::string head_;  // the bytes of a head that came in pieces, while it is read
  std::optional<std::chrono::steady_clock::time_point> head_started_;
  std::uint64_t body_left_ = 0;
  std::shared_ptr<void> hold_;  // the accepted body's share of a budget, while it is read and answered
};

}  // namespace conduct::http
