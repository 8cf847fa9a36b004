// Registration of each command group on the CLI11 application. A command's callback
// stores the work to run in `action`; cli.cpp runs it after parsing and returns its
// exit code.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <map>
#include <string>

#include "app/accounts.h"
#include "cli/session.h"

namespace conduct::cli {

using Action = std::function<int()>;

void add_init_command(CLI::App& app, GlobalOptions& globals, Action& action);
void add_member_commands(CLI::App& app, GlobalOptions& globals, Action& action);
void add_case_commands(CLI::App& app, GlobalOptions& globals, Action& action);
// Subcommands of `case` for conflicts and grants (command_conflict.cpp).
void add_conflict_commands(CLI::App& cases, GlobalOptions& globals, Action& action);
// Subcommands of `case evidence` (command_evidence.cpp).
void add_evidence_commands(CLI::App& cases, GlobalOptions& globals, Action& action);
// Subcommands of `case draft` (command_draft.cpp).
void add_draft_commands(CLI::App& cases, GlobalOptions& globals, Action& action);
// case link, case split, case links (command_case_links.cpp).
void add_link_commands(CLI::App& cases, GlobalOptions& globals, Action& action);
// case decisions, evaluate, respond, propose, vote, feedback, enact (command_decisions.cpp).
void add_decision_commands(CLI::App& cases, GlobalOptions& globals, Action& action);
// Member names by id, for the timeline and votes; a member who may not list members
// gets none (ids are shown instead).
std::map<std::int64_t, std::string> author_names(Session& session, const app::Actor& actor);
// Accounts (command_account.cpp): top-level enrol/signin/signout/password, and the
// `member reset|certify` subcommands.
void add_account_commands(CLI::App& app, GlobalOptions& globals, Action& action);
void add_member_account_commands(CLI::App& member, GlobalOptions& globals, Action& action);
// Prints how to use an enrolment link (nothing with --json, where callers print it).
void print_enrolment_link(const GlobalOptions& globals, const std::string& email, const app::EnrolmentLink& link);
void add_person_commands(CLI::App& app, GlobalOptions& globals, Action& action);
// `conduct meeting record|list|show` (command_meeting.cpp).
void add_meeting_commands(CLI::App& app, GlobalOptions& globals, Action& action);
// `conduct matter propose|list|show|vote|stand-aside` (command_matter.cpp).
void add_matter_commands(CLI::App& app, GlobalOptions& globals, Action& action);
void add_server_commands(CLI::App& app, GlobalOptions& globals, Action& action);
void add_keys_commands(CLI::App& app, GlobalOptions& globals, Action& action);
void add_audit_commands(CLI::App& app, GlobalOptions& globals, Action& action);
// `backup`, `backup prune-keys` and `restore` (command_backup.cpp).
void add_backup_commands(CLI::App& app, GlobalOptions& globals, Action& action);
// `conduct retention run|hold|release` (command_retention.cpp).
void add_retention_commands(CLI::App& app, GlobalOptions& globals, Action& action);
// `conduct mail ingest` and `conduct mail quarantine …` (command_mail.cpp).
void add_mail_commands(CLI::App& app, GlobalOptions& globals, Action& action);
// `submission send|list`, for local representatives (command_submission.cpp).
void add_submission_commands(CLI::App& app, GlobalOptions& globals, Action& action);

// Runs `work` with an opened session, reporting any error with its exit code. Only
// `conduct init` passes AbsentDatabase::Create: every other command refuses a data
// directory without a database rather than leave an empty one behind.
int with_session(const GlobalOptions& globals, const std::function<Status(Session&)>& work,
                 AbsentDatabase absent = AbsentDatabase::Refuse);

}  // namespace conduct::cli
