// Building responses: JSON bodies, and the one mapping from error codes to HTTP
// statuses (no other layer knows HTTP statuses).
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "http/request.h"

namespace conduct::http {

int http_status_of(ErrorCode code);
// A response whose body is already text of `content_type`.
Response text_response(int status, std::string content_type, std::string body);
Response json_response(int status, const nlohmann::json& body);
// A JSON body already written as text (json/writer.h).
Response json_text_response(int status, std::string body);
// {"error": {...}} with the status matching the error's code.
Response error_response(const Error& error);

}  // namespace conduct::http
