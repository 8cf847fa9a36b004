// `conduct keys`: rotate a case's key, re-grant with the recovery kit, sweep wraps the
// policy no longer allows (docs/security.md "Granting and revoking"), and seal the cases an
// earlier release stored in plaintext.
#include <iostream>

#include "app/keys.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
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
        if (globals.json)
          print_json({{"case", domain::url_form(*domain::normalise_case_code_name(*code))}, {"key_version", version}});
        else
          std::cout << "New entries of the case are now sealed under key version " << version << ".\n";
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
        if (globals.json)
          print_json({{"cases", recovered.cases}, {"grants", recovered.grants}});
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
        ASSIGN_OR_RETURN(const int revoked, app::sweep_case_keys(session.context(), actor));
        if (globals.json)
          print_json({{"revoked", revoked}});
        else
          std::cout << "Revoked " << revoked << " holder(s); their cases rotate at the next write.\n";
        return ok_status();
      });
    };
  });
}

// The upgrade from a release before sealed records. Such a data directory has no
// blind-index key; --new-index-key makes conduct-index.key, and only while the
// database stores no blind index (cli/session.h, MissingIndexKey).
void add_seal_plaintext(CLI::App& keys, GlobalOptions& globals, Action& action) {
  auto new_index_key = std::make_shared<bool>(false);
  CLI::App* seal = keys.add_subcommand(
      "seal-plaintext",
      "Seal the cases a release before sealed records stored in plaintext, and make the recovery kit if the "
      "community has none (for chairs; run once after upgrading)");
  seal->add_flag("--new-index-key", *new_index_key,
                 "Make the blind-index key file (conduct-index.key) that a database from a release before sealed "
                 "records never had; refused when the database already holds blind indexes");
  seal->footer(
      "The cases are sealed as intake seals a new one: a key for each, wrapped for the members the policy lets "
      "read it whose keys are certified, and for the community's recovery key. The server refuses to start "
      "until this has run.");
  seal->callback([&globals, &action, new_index_key] {
    action = [&globals, new_index_key]() -> int {
      auto opened =
          Session::open(globals, "", *new_index_key ? MissingIndexKey::MakeForEarlierRelease : MissingIndexKey::Refuse);
      if (!opened.ok()) return report_error(globals, opened.error());
      Session& session = **opened;
      auto actor = session.actor();
      if (!actor.ok()) return report_error(globals, actor.error());
      auto sealed = app::seal_plaintext(session.context(), *actor);
      if (!sealed.ok()) return report_error(globals, sealed.error());
      if (globals.json) {
        print_json({{"sealed", sealed->cases},
                    {"recovery_kit", sealed->recovery_kit ? nlohmann::json(*sealed->recovery_kit) : nullptr}});
        return kExitOk;
      }
      std::cout << "Sealed " << sealed->cases << " case(s) that an earlier release stored in plaintext.\n";
      if (session.made_index_key())
        std::cout << "\nBlind-index key: " << index_key_path(globals.data_dir)
                  << " (new; keep a copy apart from the database and its backups).\n";
      if (sealed->recovery_kit)
        std::cout << "\nRecovery kit (shown once, never stored): print it or write it down, and keep it\n"
                     "offline where the community's trustees can reach it. With it, 'conduct keys recover'\n"
                     "re-grants cases whose holders have all gone; anyone holding it can read every case.\n\n    "
                  << *sealed->recovery_kit << "\n\n";
      return kExitOk;
    };
  });
}

}  // namespace

void add_keys_commands(CLI::App& app, GlobalOptions& globals, Action& action) {
  CLI::App* keys =
      app.add_subcommand("keys", "Case keys: rotate, recover with the recovery kit, sweep, seal plaintext cases");
  keys->require_subcommand(1);
  add_rotate(*keys, globals, action);
  add_recover(*keys, globals, action);
  add_sweep(*keys, globals, action);
  add_seal_plaintext(*keys, globals, action);
}

}  // namespace conduct::cli
