// Runs this program again as a child process: work that parses what strangers send (the
// mail poll's GMime parsing) runs apart from the server, so a parser that crashes,
// hangs or leaks takes the child with it and never the server.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/result.h"

namespace conduct::cli {

struct ChildOutcome {
  int exit_status = -1;  // the exit code, or -1 when a signal ended it (a crash, or the timeout's kill)
  bool timed_out = false;
  std::string standard_output;  // at most kMostChildOutput bytes of each
  std::string standard_error;
};

inline constexpr std::size_t kMostChildOutput = 64 * 1024;

// Runs this executable (/proc/self/exe) with `arguments` (without the program name),
// reading its output as it comes, and kills it after `timeout`. Errors: Internal when the
// child cannot be started.
Result<ChildOutcome> run_this_program(const std::vector<std::string>& arguments, std::chrono::milliseconds timeout);

}  // namespace conduct::cli
