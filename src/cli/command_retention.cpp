// `conduct retention`: run the community's retention policy (expunge what is due, or
// say what would be with --dry-run), and place or lift a legal hold on a case. What is
// printed is plain: code names, the rule and its dates; nothing confidential.
#include <iostream>

#include "app/audit.h"
#include "app/retention.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "domain/code_name.h"

namespace conduct::cli {
namespace {

nlohmann::json cases_json(const std::vector<app::RetentionReport::Case>& cases) {
  nlohmann::json list = nlohmann::json::array();
  for (const app::RetentionReport::Case& one : cases)
    list.push_back({{"community", one.community},
                    {"case", domain::url_form(one.code_name)},
                    {"rule", domain::to_string(one.rule)},
                    {"reason", one.reason}});
  return list;
}

void print_report(const GlobalOptions& globals, const app::RetentionReport& report) {
  const bool dry_run = report.mode == app::RetentionMode::DryRun;
  if (globals.json) {
    print_json({{"dry_run", dry_run},
                {"expunged", cases_json(report.expunged)},
                {"held", cases_json(report.held)},
                {"destroyed_backup_keys", report.destroyed_backup_keys}});
    return;
  }
  const char* verb = dry_run ? "would expunge" : "expunged";
  for (const app::RetentionReport::Case& one : report.expunged)
    std::cout << verb << "  " << one.community << "  " << domain::url_form(one.code_name) << "  " << one.reason << "\n";
  for (const app::RetentionReport::Case& one : report.held)
    std::cout << "held  " << one.community << "  " << domain::url_form(one.code_name) << "  " << one.reason
              << " (under a legal hold)\n";
  std::cout << (dry_run ? "Would expunge " : "Expunged ") << report.expunged.size() << " case(s); "
            << report.held.size() << " due case(s) kept under a legal hold.\n";
  for (const std::string& backup_id : report.destroyed_backup_keys)
    std::cout << "destroyed the key of backup " << backup_id << " (past the backup horizon)\n";
}

void add_run(CLI::App& retention, GlobalOptions& globals, Action& action) {
  auto dry_run = std::make_shared<bool>(false);
  auto key_dir = std::make_shared<std::string>();
  CLI::App* run = retention.add_subcommand(
      "run", "Expunge the cases the policy's [retention] says are due (every community, or --community)");
  run->add_flag("--dry-run", *dry_run, "Only list what would be expunged; change nothing");
  run->add_option("--key-dir", *key_dir,
                  "The backup key directory: also destroy the keys of backups older than the backup horizon "
                  "(default: [backup] key_dir of conduct.toml, if set)");
  run->footer(
      "Expunging destroys a case's keys and every row of it and keeps one anonymous statistics row; it cannot "
      "be undone. No sign-in is needed: it only deletes. The server runs it daily by itself.");
  run->callback([&globals, &action, dry_run, key_dir] {
    action = [&globals, dry_run, key_dir]() -> int {
      auto opened = Session::open(globals);
      if (!opened.ok()) return report_error(globals, opened.error());
      std::optional<std::string> community;
      if (!globals.community.empty()) community = globals.community;
      app::RetentionOptions options;
      options.actor = std::string(app::kOperatorActor);
      if (!key_dir->empty())
        options.backup_key_dir = *key_dir;
      else if (!(*opened)->config().backup_key_dir.empty())
        options.backup_key_dir = (*opened)->config().backup_key_dir;
      auto report = app::run_retention((*opened)->context(), community,
                                       *dry_run ? app::RetentionMode::DryRun : app::RetentionMode::Expunge, options);
      if (!report.ok()) return report_error(globals, report.error());
      print_report(globals, *report);
      return kExitOk;
    };
  });
}

void add_hold(CLI::App& retention, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  CLI::App* hold = retention.add_subcommand("hold", "Place a legal hold on a case: retention keeps it (chairs)");
  hold->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  hold->callback([&globals, &action, code] {
    action = [&globals, code] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const domain::LegalHold placed, app::place_legal_hold(session.context(), actor, *code));
        const std::string name = domain::url_form(*domain::normalise_case_code_name(*code));
        if (globals.json)
          print_json({{"case", name}, {"legal_hold_since", format_timestamp(placed.since)}});
        else
          std::cout << "Case " << name << " is under a legal hold: retention keeps it until it is released.\n";
        return ok_status();
      });
    };
  });
}

void add_release(CLI::App& retention, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  CLI::App* release =
      retention.add_subcommand("release", "Lift a case's legal hold: the next run expunges it if it is due (chairs)");
  release->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  release->callback([&globals, &action, code] {
    action = [&globals, code] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        TRY(app::lift_legal_hold(session.context(), actor, *code));
        const std::string name = domain::url_form(*domain::normalise_case_code_name(*code));
        if (globals.json)
          print_json({{"case", name}, {"legal_hold_since", nullptr}});
        else
          std::cout << "Case " << name << " is no longer under a legal hold.\n";
        return ok_status();
      });
    };
  });
}

}  // namespace

void add_retention_commands(CLI::App& app, GlobalOptions& globals, Action& action) {
  CLI::App* retention =
      app.add_subcommand("retention", "Retention by policy: expunge what is due; legal holds on cases");
  retention->require_subcommand(1);
  add_run(*retention, globals, action);
  add_hold(*retention, globals, action);
  add_release(*retention, globals, action);
}

}  // namespace conduct::cli
