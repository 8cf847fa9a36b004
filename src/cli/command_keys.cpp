// `conduct keys`: rotate a case's key, re-grant with the recovery kit, sweep wraps the
// policy no longer allows (DESIGN §3 "Granting and revoking").
#include <iostream>

#include "app/access.h"
#include "app/keys.h"
#include "cli/commands.h"
#include "cli/prompt.h"
#include "domain/code_name.h"

namespace conduct::cli {
namespace {

void add_rotate(CLI::App& keys, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  CLI::App* rotate = keys.add_subcommand(
      "rotate", "Seal a case under a new key version now, for its remaining holders (you must hold it)");
  rotate->add_option("case", *code, "Case code name")->required();
  rotate->callback([&globals, &action, code] {
    action = [&globals, code] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const std::uint32_t version, app::rotate_case_key(session.context(), actor, *code));
        if (globals.json) print_json({{"case", domain::url_form(*domain::normalise_case_code_name(*code))},
                                      {"key_version", version}});
        else std::cout << "New entries of the case are now sealed under key version " << version << ".\n";
        return ok_status();
      });
    };
  });
}

void add_recover(CLI::App& keys, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  CLI::App* recover = keys.add_subcommand(
      "recover",
      "With the recovery kit, grant what the pending-grants queue holds (every case, or --case), for chairs");
  recover->add_option("--case", *code, "Only this case");
  recover->footer("The kit is read from $CONDUCT_RECOVERY_KIT or asked for without echo.");
  recover->callback([&globals, &action, code] {
    action = [&globals, code] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const std::string kit, read_secret("CONDUCT_RECOVERY_KIT", "Recovery kit: ", "kit"));
        std::optional<std::string> only;
        if (!code->empty()) only = *code;
        ASSIGN_OR_RETURN(const app::Recovered recovered, app::recover_case_keys(session.context(), actor, kit, only));
        if (globals.json) print_json({{"cases", recovered.cases}, {"grants", recovered.grants}});
        else
          std::cout << "Granted " << recovered.grants << " key(s) on " << recovered.cases << " case(s).\n";
        return ok_status();
      });
    };
  });
}

void add_sweep(CLI::App& keys, GlobalOptions& globals, Action& action) {
  CLI::App* sweep = keys.add_subcommand(
      "sweep", "Revoke the keys of members the policy no longer lets read a case (expired oversight, …)");
  sweep->callback([&globals, &action] {
    action = [&globals] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        TRY(app::authorize(session.context(), actor, domain::Action::ManageMembers));
        ASSIGN_OR_RETURN(const int revoked, app::sweep_case_keys(session.context(), actor.community.id));
        if (globals.json) print_json({{"revoked", revoked}});
        else std::cout << "Revoked " << revoked << " holder(s); their cases rotate at the next write.\n";
        return ok_status();
      });
    };
  });
}

}  // namespace

void add_keys_commands(CLI::App& app, GlobalOptions& globals, Action& action) {
  CLI::App* keys = app.add_subcommand("keys", "Case keys: rotate, recover with the recovery kit, sweep");
  keys->require_subcommand(1);
  add_rotate(*keys, globals, action);
  add_recover(*keys, globals, action);
  add_sweep(*keys, globals, action);
}

}  // namespace conduct::cli
