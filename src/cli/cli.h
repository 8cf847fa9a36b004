// The command line: `conduct init|member|case|person|serve|demo`. Each command parses
// its options, calls one use case in src/app, and prints the result (as text, or JSON
// with --json). Exit codes are documented in exit_codes.h.
#pragma once

namespace conduct::cli {

int run(int argc, char** argv);

}  // namespace conduct::cli
