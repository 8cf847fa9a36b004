// The strict reading of request heads (http/request_head.h), byte for byte: what a
// browser or a client library sends is accepted; what parsers disagree on, or what no
// client sends, is refused with the status and message a client can act on.
#include "http/request_head.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace conduct::http {
namespace {

using Outcome = HeadInspection::Outcome;

const std::string kGet = "GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n";

TEST(RequestHeadTest, WhatClientsSendIsAccepted) {
  const std::vector<std::string> heads = {
      kGet,
      "GET / HTTP/1.0\r\n\r\n",  // HTTP/1.0 needs no Host
      "POST /api/session HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\n"
      "Content-Length: 42\r\nCookie: a=b\r\nX-CSRF-Token: t\r\n\r\n",
      "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /cases?limit=50&q=%C3%A9 HTTP/1.1\r\nhost:x\r\nAccept: */*\r\nUser-Agent: caf\xC3\xA9\r\n\r\n",
  };
  for (const std::string& head : heads) {
    SCOPED_TRACE(head);
    const HeadInspection inspection = inspect_request_head(head);
    ASSERT_EQ(inspection.outcome, Outcome::Accepted) << inspection.refusal.message;
    EXPECT_EQ(inspection.head.head_bytes, head.size());
  }
  const std::string with_body = heads[2] + "{\"body\": 1}";  // the head's views point into it
  const HeadInspection post = inspect_request_head(with_body);
  ASSERT_EQ(post.outcome, Outcome::Accepted);
  EXPECT_EQ(post.head.method, "POST");
  EXPECT_EQ(post.head.target, "/api/session");
  EXPECT_EQ(post.head.content_length, 42u);
  EXPECT_EQ(post.head.cookie, "a=b");
  EXPECT_EQ(post.head.head_bytes, heads[2].size());
}

TEST(RequestHeadTest, EmptyLinesBeforeTheRequestLineAreIgnored) {
  for (const std::string& lead : {std::string("\r\n"), std::string("\r\n\r\n\r\n")}) {
    EXPECT_EQ(inspect_request_head(lead).outcome, Outcome::Incomplete);
    const HeadInspection inspection = inspect_request_head(lead + kGet);
    ASSERT_EQ(inspection.outcome, Outcome::Accepted) << inspection.refusal.message;
    EXPECT_EQ(inspection.head.head_bytes, lead.size() + kGet.size());
  }
}

TEST(RequestHeadTest, AHeadNotYetWholeWaits) {
  for (std::size_t cut = 0; cut < kGet.size(); ++cut) {
    SCOPED_TRACE(cut);
    EXPECT_EQ(inspect_request_head(kGet.substr(0, cut)).outcome, Outcome::Incomplete);
  }
}

// Each of these was served before, or dropped without an answer or a log line.
TEST(RequestHeadTest, WhatParsersDisagreeOnIsRefusedWithAReason) {
  struct Row {
    std::string name;
    std::string head;
    int status;
    std::string message;
  };
  const std::vector<Row> rows = {
      {"no Host", "GET / HTTP/1.1\r\n\r\n", 400, "the Host header is missing"},
      {"two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "the Host header is given more than once"},
      {"HTTP/2.0 request line", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", 400,
       "only HTTP/1.1 and HTTP/1.0 are served over this connection"},
      {"HTTP/0.9", "GET /\r\n\r\n", 400, "the request line must be METHOD TARGET HTTP/1.1"},
      {"obs-fold", "GET / HTTP/1.1\r\nHost: a\r\nX-A: one\r\n two\r\n\r\n", 400,
       "a header line is folded onto the next (obs-fold is not accepted)"},
      {"bare LF", "GET / HTTP/1.1\nHost: a\n\n", 400,
       "a line of the request head ends with a bare LF: lines must end with CRLF"},
      {"bare LF in one line", "GET / HTTP/1.1\r\nHost: a\nX: b\r\n\r\n", 400,
       "a line of the request head ends with a bare LF: lines must end with CRLF"},
      {"bare CR", "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n", 400,
       "the request head holds a CR that does not end a line"},
      {"CL and TE", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400,
       "a request may not carry both Content-Length and Transfer-Encoding"},
      {"chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n", 411,
       "send a body with Content-Length: a transfer encoding (chunked) is not accepted"},
      {"two lengths", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n", 400,
       "Content-Length is given more than once"},
      {"a length that is no number", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400,
       "Content-Length must be a whole number of bytes"},
      {"a length too long", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999\r\n\r\n", 400,
       "Content-Length must be a whole number of bytes"},
      {"NUL in a header", std::string("GET / HTTP/1.1\r\nHost: a\r\nX: a\0b\r\n\r\n", 30), 400,
       "the request head holds a NUL byte"},
      {"control in a value",
       "GET / HTTP/1.1\r\nHost: a\r\nX: a\x01"
       "b\r\n\r\n",
       400, "a header value holds a control character"},
      {"space before the colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400,
       "a header line has no valid name before its colon"},
      {"no colon", "GET / HTTP/1.1\r\nHost a\r\n\r\n", 400, "a header line has no valid name before its colon"},
      {"unknown method", "BREW /pot HTTP/1.1\r\nHost: a\r\n\r\n", 400, "the method is not one this server answers"},
      {"absolute form", "GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n", 400,
       "the request target must be a path starting with /, without spaces or control characters"},
      {"space in the target", "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", 400,
       "the request line must be METHOD TARGET HTTP/1.1"},
      {"high byte in the target", "GET /caf\xC3\xA9 HTTP/1.1\r\nHost: a\r\n\r\n", 400,
       "the request target must be a path starting with /, without spaces or control characters"},
      {"huge head", "GET / HTTP/1.1\r\nHost: a\r\nX: " + std::string(20000, 'a') + "\r\n\r\n", 431,
       "the request head is larger than 16 KiB"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const HeadInspection inspection = inspect_request_head(row.head);
    ASSERT_EQ(inspection.outcome, Outcome::Refused);
    EXPECT_EQ(inspection.refusal.status, row.status);
    EXPECT_EQ(inspection.refusal.message, row.message);
  }
}

TEST(RequestHeadTest, AHugeHeadIsRefusedBeforeItEnds) {
  const std::string start = "GET / HTTP/1.1\r\nHost: a\r\nX: " + std::string(16 * 1024, 'a');
  const HeadInspection inspection = inspect_request_head(start);
  ASSERT_EQ(inspection.outcome, Outcome::Refused);
  EXPECT_EQ(inspection.refusal.status, 431);
  // A bare LF is refused as soon as it arrives, whole head or not.
  EXPECT_EQ(inspect_request_head("GET / HTTP/1.1\nHo").outcome, Outcome::Refused);
}

TEST(RequestHeadTest, TooManyHeadersAreRefused) {
  std::string head = "GET / HTTP/1.1\r\nHost: a\r\n";
  for (int i = 0; i < 100; ++i) head += "X-" + std::to_string(i) + ": v\r\n";
  const HeadInspection inspection = inspect_request_head(head + "\r\n");
  ASSERT_EQ(inspection.outcome, Outcome::Refused);
  EXPECT_EQ(inspection.refusal.status, 431);
}

// ---- The stream of one connection ---------------------------------------------------------

constexpr auto kStart = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);

StreamRules rules_allowing(std::uint64_t bytes) {
  StreamRules rules;
  rules.head_timeout = std::chrono::seconds(5);
  rules.allowance = [bytes](const RequestHead& head) {
    if (head.method == "GET") return BodyAllowance{0, "is not taken by a GET request", 413};
    return BodyAllowance{bytes, "is larger than allowed", 413};
  };
  return rules;
}

TEST(RequestStreamTest, PipelinedRequestsAreEachInspectedByteByByteOrAtOnce) {
  const StreamRules rules = rules_allowing(100);
  const std::string post =
      "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 12\r\n\r\nhello\r\n\r\nGET";  // a body that looks like a head end
  const std::string pipeline = kGet + post + "\r\n" + kGet;  // an empty line between requests is ignored
  {
    RequestStream stream(rules);
    EXPECT_FALSE(stream.feed(pipeline, kStart));
  }
  {
    RequestStream stream(rules);
    for (char c : pipeline) ASSERT_FALSE(stream.feed(std::string(1, c), kStart));
  }
  // A bad head after good ones is caught: the body's bytes are never taken for a head.
  RequestStream stream(rules);
  const auto refusal = stream.feed(pipeline + "GET / HTTP/1.1\r\n\r\n", kStart);
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->message, "the Host header is missing");
}

TEST(RequestStreamTest, ABodyTheRouteDoesNotTakeIsRefusedBeforeItIsRead) {
  const StreamRules rules = rules_allowing(1024);
  RequestStream stream(rules);
  const auto refusal = stream.feed("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 10485760\r\n\r\n", kStart);
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->status, 413);
  EXPECT_EQ(refusal->field, "body");
  EXPECT_EQ(refusal->field_problem, "is larger than allowed");
  RequestStream get(rules);
  const auto on_get = get.feed("GET /a HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nx", kStart);
  ASSERT_TRUE(on_get);
  EXPECT_EQ(on_get->field_problem, "is not taken by a GET request");
}

TEST(RequestStreamTest, AHeadThatTakesTooLongIsRefused) {
  const StreamRules rules = rules_allowing(0);
  RequestStream stream(rules);
  EXPECT_FALSE(stream.feed("GET / HTTP/1.1\r\n", kStart));
  EXPECT_FALSE(stream.feed("Host: a\r\n", kStart + std::chrono::seconds(5)));
  const auto refusal = stream.feed("X: b\r\n", kStart + std::chrono::seconds(6));
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->status, 408);
  // The clock starts again with each request.
  RequestStream patient(rules);
  EXPECT_FALSE(patient.feed(kGet, kStart));
  EXPECT_FALSE(patient.feed(kGet, kStart + std::chrono::seconds(60)));
}

}  // namespace
}  // namespace conduct::http
