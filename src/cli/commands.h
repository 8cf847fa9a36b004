// Registration of each command group on the CLI11 application. A command's callback
// stores the work to run in `action`; cli.cpp runs it after parsing and returns its
// exit code.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "cli/session.h"

namespace conduct::cli {

using Action = std::function<int()>;

void add_init_command(CLI::App& app, GlobalOptions& globals, Action& action);
void add_member_commands(CLI::App& app, GlobalOptions& globals, Action& action);
void add_case_commands(CLI::App& app, GlobalOptions& globals, Action& action);
// Subcommands of `case` for conflicts and grants (command_conflict.cpp).
void add_conflict_commands(CLI::App& cases, GlobalOptions& globals, Action& action);
void add_person_commands(CLI::App& app, GlobalOptions& globals, Action& action);
void add_server_commands(CLI::App& app, GlobalOptions& globals, Action& action);

// Runs `work` with an opened session, reporting any error with its exit code.
int with_session(const GlobalOptions& globals, const std::function<Status(Session&)>& work);

}  // namespace conduct::cli
