// Exit codes, so scripts can tell failures apart:
//   0 success
//   1 internal error (a bug or an I/O failure; see the message)
//   2 usage error or invalid argument (the message names the argument)
//   3 not found (no such case, member, person or community)
//   4 refused by the current state (e.g. a lifecycle transition not allowed)
//   5 not allowed (unknown --as member, or a role that may not do this)
//   6 already exists (a slug or email that is taken)
//   7 too many attempts (sign-in back-off): wait and try again
//   8 the audit log does not verify (conduct audit verify)
#pragma once

#include "core/result.h"

namespace conduct::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitInternal = 1,
  kExitUsage = 2,
  kExitNotFound = 3,
  kExitRefused = 4,
  kExitNotAllowed = 5,
  kExitAlreadyExists = 6,
  kExitThrottled = 7,
  kExitAuditBroken = 8,
};

int exit_code_of(ErrorCode code);

}  // namespace conduct::cli
