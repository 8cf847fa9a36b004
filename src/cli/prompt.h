// Reading secrets for the command line: from an environment variable when scripts set
// one, otherwise from the terminal without echo.
#pragma once

#include <string>

#include "core/result.h"

namespace conduct::cli {

// The value of `environment_variable` if set; otherwise asks on the terminal with
// `question` (echo off when `secret`). Errors: InvalidArgument naming `field` when
// neither is available (no terminal).
Result<std::string> read_secret(const char* environment_variable, const std::string& question, const std::string& field,
                                bool secret = true);

}  // namespace conduct::cli
