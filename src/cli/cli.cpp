#include "cli/cli.h"

#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/suggest.h"

namespace conduct::cli {

int with_session(const GlobalOptions& globals, const std::function<Status(Session&)>& work, AbsentDatabase absent) {
  auto session = Session::open(globals, "", MissingIndexKey::Refuse, absent);
  if (!session.ok()) return report_error(globals, session.error());
  const Status done = work(**session);
  if (!done.ok()) return report_error(globals, done.error());
  return kExitOk;
}

int run(int argc, char** argv) {
  CLI::App app{"Conduct: case management for a Code of Conduct working group.", "conduct"};
  app.set_version_flag("--version", CONDUCT_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  app.footer(
      "Exit codes: 0 ok, 1 internal error, 2 usage or invalid argument, 3 not found,\n"
      "4 refused by the case's state, 5 not allowed, 6 already exists, 7 too many attempts,\n"
      "8 the audit log does not verify.");

  GlobalOptions globals;
  app.add_option("--data", globals.data_dir, "Directory holding the database (default: the current directory)");
  app.add_option("--database", globals.database_file,
                 "Database file name inside --data (default: conduct.db; the demo's is conduct-demo.db)");
  app.add_option("--as", globals.as_email, "Email of the member this command acts as");
  app.add_option("--community", globals.community, "Community slug, when the database holds several");
  app.add_flag("--json", globals.json, "Print JSON instead of text");

  Action action;
  add_init_command(app, globals, action);
  add_account_commands(app, globals, action);
  add_member_commands(app, globals, action);
  add_case_commands(app, globals, action);
  add_person_commands(app, globals, action);
  add_meeting_commands(app, globals, action);
  add_matter_commands(app, globals, action);
  add_server_commands(app, globals, action);
  add_keys_commands(app, globals, action);
  add_audit_commands(app, globals, action);
  add_backup_commands(app, globals, action);
  add_retention_commands(app, globals, action);
  add_mail_commands(app, globals, action);
  add_submission_commands(app, globals, action);

  // Every command's --help ends with the options every command takes, which may come
  // before or after the command's own words.
  const std::string global_options =
      "Global options (before or after the command): --as EMAIL, --json, --data DIR, --database FILE, "
      "--community SLUG.";
  const std::function<void(CLI::App&)> add_footer = [&](CLI::App& command) {
    for (CLI::App* sub : command.get_subcommands([](CLI::App*) { return true; })) {
      sub->footer(global_options);
      add_footer(*sub);
    }
  };
  add_footer(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    const std::string unknown = unknown_command_message(app, std::vector<std::string>(argv + 1, argv + argc));
    std::cerr << "conduct: " << (unknown.empty() ? std::string(error.what()) : unknown) << "\n"
              << "Run 'conduct --help' or 'conduct COMMAND --help' for usage.\n";
    return kExitUsage;
  }
  if (!action) {
    std::cerr << app.help();
    return kExitUsage;
  }
  return action();
}

}  // namespace conduct::cli
