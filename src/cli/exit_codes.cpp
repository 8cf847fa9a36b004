#include "cli/exit_codes.h"

namespace conduct::cli {

int exit_code_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument:
      return kExitUsage;
    case ErrorCode::NotFound:
      return kExitNotFound;
    case ErrorCode::FailedPrecondition:
      return kExitRefused;
    case ErrorCode::Unauthenticated:
    case ErrorCode::PermissionDenied:
      return kExitNotAllowed;
    case ErrorCode::AlreadyExists:
      return kExitAlreadyExists;
    case ErrorCode::ResourceExhausted:
      return kExitThrottled;
    case ErrorCode::Unavailable:
    case ErrorCode::Internal:
      return kExitInternal;
  }
  return kExitInternal;
}

}  // namespace conduct::cli
