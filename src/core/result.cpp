#include "core/result.h"

namespace conduct {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument:
      return "invalid_argument";
    case ErrorCode::Unauthenticated:
      return "unauthenticated";
    case ErrorCode::PermissionDenied:
      return "permission_denied";
    case ErrorCode::NotFound:
      return "not_found";
    case ErrorCode::AlreadyExists:
      return "already_exists";
    case ErrorCode::FailedPrecondition:
      return "failed_precondition";
    case ErrorCode::ResourceExhausted:
      return "resource_exhausted";
    case ErrorCode::Unavailable:
      return "unavailable";
    case ErrorCode::Internal:
      return "internal";
  }
  return "internal";
}

Error invalid_argument(std::string message) { return Error{ErrorCode::InvalidArgument, std::move(message), {}}; }

Error field_error(std::string field, std::string problem) {
  Error error{ErrorCode::InvalidArgument, field + ": " + problem, {}};
  error.fields.emplace(std::move(field), std::move(problem));
  return error;
}

Error not_found(std::string message) { return Error{ErrorCode::NotFound, std::move(message), {}}; }
Error already_exists(std::string message) { return Error{ErrorCode::AlreadyExists, std::move(message), {}}; }
Error failed_precondition(std::string message) { return Error{ErrorCode::FailedPrecondition, std::move(message), {}}; }
Error permission_denied(std::string message) { return Error{ErrorCode::PermissionDenied, std::move(message), {}}; }
Error resource_exhausted(std::string message) { return Error{ErrorCode::ResourceExhausted, std::move(message), {}}; }
Error unauthenticated(std::string message) { return Error{ErrorCode::Unauthenticated, std::move(message), {}}; }
Error unavailable(std::string message) { return Error{ErrorCode::Unavailable, std::move(message), {}}; }

Error internal_error(std::string message) { return Error{ErrorCode::Internal, std::move(message), {}}; }

}  // namespace conduct
