// `conduct audit`: check the tamper-evident audit log (docs/security.md), print its head for
// safekeeping outside the server, and read a community's trail as a chair or board
// member.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/audit.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "json/views.h"

namespace conduct::cli {
namespace {

// The audit commands read an existing database; they never create one.
Status require_database(const GlobalOptions& globals) {
  if (std::filesystem::exists(database_path(globals.data_dir, globals.database_file))) return ok_status();
  return no_database(globals.data_dir);
}

// --head takes the head itself ("1042:9f3a…") or @FILE holding it.
Result<crypto::AuditHead> read_saved_head(const std::string& argument) {
  if (argument.empty() || argument.front() != '@') return crypto::parse_audit_head(argument);
  std::ifstream file(argument.substr(1));
  if (!file) return field_error("head", "cannot read the file " + argument.substr(1));
  std::stringstream text;
  text << file.rdbuf();
  return crypto::parse_audit_head(text.str());
}

void add_verify(CLI::App& audit, GlobalOptions& globals, Action& action) {
  auto head = std::make_shared<std::string>();
  CLI::App* verify = audit.add_subcommand(
      "verify", "Check that no entry of the audit log was changed, removed, inserted or reordered");
  verify->add_option("--head", *head,
                     "A head saved earlier with 'conduct audit head' (SEQ:HEX, or @FILE): also catches a log "
                     "rewritten from scratch or cut short");
  verify->footer("Exit code 8 when the log does not verify; the message names the first bad position.");
  verify->callback([&globals, &action, head] {
    action = [&globals, head]() -> int {
      std::optional<crypto::AuditHead> saved;
      if (!head->empty()) {
        auto parsed = read_saved_head(*head);
        if (!parsed.ok()) return report_error(globals, parsed.error());
        saved = *parsed;
      }
      if (const Status exists = require_database(globals); !exists.ok()) return report_error(globals, exists.error());
      crypto::AuditVerification verification;
      const int code = with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(verification, app::verify_audit_log(session.context(), saved));
        return ok_status();
      });
      if (code != kExitOk) return code;
      if (globals.json) print_json(json::audit_verification_json(verification));
      if (!verification.intact) {
        if (!globals.json)
          std::cerr << "The audit log does not verify at entry " << verification.first_bad_position << ": "
                    << verification.problem << ".\n";
        return kExitAuditBroken;
      }
      if (!globals.json) {
        std::cout << "The audit log is intact: " << verification.entries_checked << " entries";
        if (saved) std::cout << ", and it still carries the saved head " << crypto::format_audit_head(*saved);
        std::cout << ".\n";
      }
      return kExitOk;
    };
  });
}

void add_head(CLI::App& audit, GlobalOptions& globals, Action& action) {
  CLI::App* head = audit.add_subcommand(
      "head", "Print the audit log's head (SEQ:HEX) to keep outside the server, for 'audit verify --head'");
  head->callback([&globals, &action] {
    action = [&globals]() -> int {
      if (const Status exists = require_database(globals); !exists.ok()) return report_error(globals, exists.error());
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const std::optional<crypto::AuditHead> last, app::audit_log_head(session.context()));
        if (!last) return not_found("the audit log is empty");
        if (globals.json)
          print_json({{"head", crypto::format_audit_head(*last)}});
        else
          std::cout << crypto::format_audit_head(*last) << "\n";
        return ok_status();
      });
    };
  });
}

void add_trail(CLI::App& audit, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  auto limit = std::make_shared<std::size_t>(50);
  CLI::App* trail = audit.add_subcommand(
      "trail", "Who did what and when, newest first (chairs, vice-chairs and board members; no content)");
  trail->add_option("--case", *code, "Only this case");
  trail->add_option("--limit", *limit, "At most this many entries (1 to 500)")->check(CLI::Range(1, 500));
  trail->callback([&globals, &action, code, limit] {
    action = [&globals, code, limit] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        app::AuditTrailQuery query;
        if (!code->empty()) query.case_code = *code;
        query.limit = *limit;
        ASSIGN_OR_RETURN(const app::AuditTrail trail, app::audit_trail(session.context(), actor, query));
        if (globals.json) {
          nlohmann::json entries = nlohmann::json::array();
          for (const crypto::AuditEntry& entry : trail.entries)
            entries.push_back(json::audit_entry_json(entry, trail.actor_names));
          print_json({{"entries", entries}});
          return ok_status();
        }
        for (const crypto::AuditEntry& entry : trail.entries) {
          const auto name = trail.actor_names.find(entry.actor);
          std::cout << entry.seq << "  " << format_timestamp(entry.time) << "  "
                    << (name != trail.actor_names.end() ? name->second : entry.actor) << "  " << entry.action
                    << (entry.case_code.empty() ? "" : "  " + entry.case_code) << "\n";
        }
        return ok_status();
      });
    };
  });
}

}  // namespace

void add_audit_commands(CLI::App& app, GlobalOptions& globals, Action& action) {
  CLI::App* audit = app.add_subcommand("audit", "The tamper-evident audit log: verify it, print its head, read it");
  audit->require_subcommand(1);
  add_verify(*audit, globals, action);
  add_head(*audit, globals, action);
  add_trail(*audit, globals, action);
}

}  // namespace conduct::cli
