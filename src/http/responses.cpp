#include "http/responses.h"

#include "http/log.h"
#include "json/views.h"

namespace conduct::http {

int http_status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument:
      return 400;
    case ErrorCode::Unauthenticated:
      return 401;
    case ErrorCode::PermissionDenied:
      return 403;
    case ErrorCode::NotFound:
      return 404;
    case ErrorCode::AlreadyExists:
      return 409;
    case ErrorCode::FailedPrecondition:
      return 409;
    case ErrorCode::ResourceExhausted:
      return 429;
    case ErrorCode::Unavailable:
      return 503;
    case ErrorCode::Internal:
      return 500;
  }
  return 500;
}

Response text_response(int status, std::string content_type, std::string body) {
  Response response;
  response.status = status;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  return response;
}

Response json_response(int status, const nlohmann::json& body) { return json_text_response(status, body.dump()); }

Response json_text_response(int status, std::string body) {
  return text_response(status, "application/json", std::move(body));
}

Response error_response(const Error& error) {
  // Internal errors may carry details meant for the log; the caller sees a generic text.
  if (error.code == ErrorCode::Internal) {
    // The detail goes to the log (it names no confidential content: docs/architecture.md "Logs");
    // the caller sees a generic text.
    log_event("error", "internal_error", {{"detail", error.message}});
    return json_response(500, json::error_json(internal_error("the server could not complete the request")));
  }
  Response response = json_response(http_status_of(error.code), json::error_json(error));
  // A refusal that ends with time (a back-off) says when to try again.
  if (const auto wait = error.fields.find("retry_after"); wait != error.fields.end())
    response.headers.emplace_back("Retry-After", wait->second);
  return response;
}

}  // namespace conduct::http
