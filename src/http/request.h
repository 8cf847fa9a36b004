// The HTTP layer's own request and response values. Route handlers see only these, so
// RESTinio stays inside server.cpp (a translation unit that includes it costs ~16 s and
// ~760 MB to compile) and handlers can be tested without a socket.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts.h"

namespace conduct::http {

struct Request {
  std::string method;  // "GET", "POST", …
  std::string path;    // decoded path without the query: "/api/cases/home-shelf"
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::map<std::string, std::string> params;   // path parameters the router matched
  std::string body;
  std::string remote_address;

  // Set by dispatch() for routes whose audience is Members: the signed-in member and
  // the session token from the cookie. Handlers never read the cookie themselves.
  std::optional<app::Authenticated> signed_in;
  std::string session_token;
  bool behind_tls = false;  // set by dispatch(): cookies get the Secure attribute

  // The `{code}` path parameter of a case's routes, as the client wrote it (the use
  // cases normalise and look it up).
  const std::string& case_code() const { return params.at("code"); }

  // The value of a header (name in lower case), or empty.
  std::string header(const std::string& name) const {
    const auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // beyond the security headers
};

}  // namespace conduct::http
