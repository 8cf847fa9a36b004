#include "cli/prompt.h"

#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace conduct::cli {

Result<std::string> read_secret(const char* environment_variable, const std::string& question, const std::string& field,
                                bool secret) {
  if (const char* value = std::getenv(environment_variable)) return std::string(value);
  if (!isatty(STDIN_FILENO))
    return field_error(field, std::string("is needed: set ") + environment_variable + " or run on a terminal");
  std::cerr << question << std::flush;
  termios saved{};
  const bool hide = secret && tcgetattr(STDIN_FILENO, &saved) == 0;
  if (hide) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (hide) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  return line;
}

}  // namespace conduct::cli
