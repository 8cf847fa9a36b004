// The HTTP layer's own request and response values. Route handlers see only these, so
// RESTinio stays inside server.cpp (a translation unit that includes it costs ~16 s and
// ~760 MB to compile) and handlers can be tested without a socket.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace conduct::http {

struct Request {
  std::string method;  // "GET", "POST", …
  std::string path;    // decoded path without the query: "/api/cases/home-shelf"
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::map<std::string, std::string> params;   // path parameters the router matched
  std::string body;
  std::string remote_address;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // beyond the security headers
};

}  // namespace conduct::http
