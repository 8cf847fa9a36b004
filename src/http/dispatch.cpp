#include "http/dispatch.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

#include "app/idempotency.h"
#include "core/text.h"
#include "crypto/session_token.h"
#include "http/log.h"
#include "http/responses.h"
#include "http/session_cookie.h"
#include "http/static_files.h"

namespace conduct::http {
namespace {

bool is_api_path(const std::string& path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

// The methods some route answers on `path`, for the Allow header that a 405 must carry
// (RFC 9110, section 15.5.6).
std::string allowed_methods(const Router& router, const std::string& path) {
  std::vector<std::string> methods;
  for (const Route& candidate : router.routes()) {
    if (std::find(methods.begin(), methods.end(), candidate.method) != methods.end()) continue;
    bool ignored = false;
    if (router.match(candidate.method, path, ignored)) methods.push_back(candidate.method);
  }
  return join(methods, ", ");
}

// A member's write sent with an Idempotency-Key (app/idempotency.h): answered once, and
// the same answer again to a retry; a retry while the first is still being answered
// waits a moment (409 with Retry-After), and the key reused for another request is
// refused. What is kept, and for how long, app/idempotency.h decides.
Response answer_once(const Request& request, app::Context& context, const std::string& key,
                     const std::function<Response()>& handle) {
  auto claim = app::claim_idempotency(context, request.signed_in->actor,
                                      {request.session_token, key, request.method, request.path, request.body});
  if (!claim.ok()) return error_response(claim.error());
  using Outcome = app::IdempotencyClaim::Outcome;
  switch (claim->outcome) {
    case Outcome::Replay: {
      Response replayed{claim->answer.status, claim->answer.content_type, claim->answer.body, claim->answer.headers};
      replayed.headers.emplace_back("Idempotent-Replayed", "true");
      return replayed;
    }
    case Outcome::InProgress: {
      Response busy = error_response(already_exists("a request with this Idempotency-Key is still being answered"));
      busy.headers.emplace_back("Retry-After", "1");
      return busy;
    }
    case Outcome::Mismatch:
      return error_response(field_error("idempotency-key", "was used for another request: use a new key"));
    case Outcome::New:
      break;
  }
  Response response = handle();
  const Status kept =
      app::settle_claim(context, *claim, {response.status, response.content_type, response.headers, response.body});
  if (!kept.ok()) log_event("error", "idempotent answer not kept", {{"error", kept.error().message}});
  return response;
}

// `label` names what answered, for the log: a route pattern, "static" or "unmatched";
// never the concrete path, which may carry a code name.
Response route(const Router& router, const Request& request, app::Context& context, const DispatchOptions& options,
               std::string& label) {
  label = "unmatched";
  bool page_method_not_allowed = false;
  const bool page_route =
      !is_api_path(request.path) &&
      (router.match(request.method, request.path, page_method_not_allowed) || page_method_not_allowed);
  if (!is_api_path(request.path) && !page_route) {
    label = "static";
    if (request.method != "GET" && request.method != "HEAD")
      return error_response(Error{ErrorCode::InvalidArgument, "only GET is served outside /api/", {}});
    return serve_static(options.web_root, request.path);
  }
  bool method_not_allowed = false;
  const auto match = router.match(request.method, request.path, method_not_allowed);
  if (!match) {
    if (method_not_allowed) {
      Response response = error_response(invalid_argument(request.method + " is not allowed on " + request.path));
      response.status = 405;
      response.headers.emplace_back("Allow", allowed_methods(router, request.path));
      return response;
    }
    return error_response(not_found("no API resource at " + request.path));
  }
  label = match->route->pattern;
  // A file's body is bounded by the server from its head (ServerOptions); any other by this.
  const bool carries_files =
      match->route->body == RequestBody::File || match->route->body == RequestBody::FormWithFiles;
  if (!carries_files && request.body.size() > kMaxJsonBodyBytes) {
    Response response = error_response(field_error("body", "is larger than the 1 MiB a JSON request may be"));
    response.status = 413;
    return response;
  }
  Request routed = request;
  routed.params = match->params;
  routed.behind_tls = options.behind_tls;
  if (match->route->audience == Audience::Members) {
    // Members' routes need a live session, and a state change needs its CSRF token.
    routed.session_token = cookie_value(request, kSessionCookie);
    auto signed_in = app::authenticate(context, routed.session_token);
    if (!signed_in.ok()) return error_response(signed_in.error());
    if (is_state_changing(request.method) &&
        !crypto::same_token(request.header(kCsrfHeader), signed_in->session.csrf_token))
      return error_response(permission_denied("the CSRF token is missing or does not match the session"));
    routed.signed_in = std::move(signed_in).value();
  }
  const auto handle = [&]() -> Response {
    try {
      Result<Response> answered = match->route->handler(routed, context);
      if (!answered.ok()) return error_response(answered.error());
      return std::move(answered).value();
    } catch (const std::exception& exception) {
      log_event("error", "handler_failed", {{"path", match->route->pattern}, {"what", exception.what()}});
      return error_response(internal_error("handler failed"));
    }
  };
  const std::string idempotency_key = request.header("idempotency-key");
  if (idempotency_key.empty() || !routed.signed_in || !is_state_changing(request.method)) return handle();
  return answer_once(routed, context, idempotency_key, handle);
}

}  // namespace

void add_security_headers(const Request& request, Response& response, bool behind_tls) {
  auto& headers = response.headers;
  headers.emplace_back("Content-Security-Policy",
                       "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; "
                       "object-src 'none'");
  headers.emplace_back("X-Content-Type-Options", "nosniff");
  headers.emplace_back("X-Frame-Options", "DENY");
  headers.emplace_back("Referrer-Policy", "no-referrer");
  headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
  headers.emplace_back("Cross-Origin-Resource-Policy", "same-origin");
  // The app uses no device or sensor: no page of it, nor anything it frames, may ask.
  headers.emplace_back("Permissions-Policy",
                       "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
                       "payment=(), usb=(), interest-cohort=()");
  if (is_api_path(request.path)) headers.emplace_back("Cache-Control", "no-store");
  if (behind_tls) headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
}

Response dispatch(const Router& router, const Request& request, app::Context& context, const DispatchOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  std::string label;
  // Case keys live for one request: whatever a request unlocked is forgotten before
  // the next one, whoever sends it.
  context.keyring.forget_all();
  Response response = route(router, request, context, options, label);
  context.keyring.forget_all();
  add_security_headers(request, response, options.behind_tls);
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
  log_request(request.method, label, response.status, elapsed.count());
  return response;
}

}  // namespace conduct::http
