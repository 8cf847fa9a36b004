// From a Request to a Response, without sockets: route matching, the web app for
// non-API paths, the security headers on every answer, and one log line per request.
// server.cpp feeds it from RESTinio; tests call it directly.
#pragma once

#include <string>

#include "app/context.h"
#include "http/request.h"
#include "http/router.h"

namespace conduct::http {

struct DispatchOptions {
  std::string web_root;
  bool behind_tls = false;
};

Response dispatch(const Router& router, const Request& request, app::Context& context, const DispatchOptions& options);

// Adds the headers every response carries (CSP, nosniff, frame and referrer policy,
// no-store on the API).
void add_security_headers(const Request& request, Response& response, bool behind_tls);

}  // namespace conduct::http
