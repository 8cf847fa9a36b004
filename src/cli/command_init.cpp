#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/accounts.h"
#include "app/communities.h"
#include "app/policy_file.h"
#include "cli/commands.h"
#include "core/text.h"
#include "json/views.h"

namespace conduct::cli {
namespace {

struct InitOptions {
  std::string policy = "default";
  std::string slug;
  std::string name;
  std::string contact;
  std::string chair_email;
  std::string chair_name;
};

// A policy is named ("default") or given as a file path.
Result<std::string> read_policy(const std::string& policy) {
  auto shipped = app::shipped_policy_source(policy);
  if (shipped.ok()) return shipped;
  if (!std::filesystem::is_regular_file(policy))
    return field_error("policy", "'" + policy + "' is neither a shipped policy (" +
                                     join(app::shipped_policy_names(), ", ") + ") nor a readable file");
  std::ifstream file(policy);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

void add_init_command(CLI::App& app, GlobalOptions& globals, Action& action) {
  auto options = std::make_shared<InitOptions>();
  CLI::App* init = app.add_subcommand("init", "Create the database, a community from its policy, and its first chair");
  init->add_option("--policy", options->policy, "Shipped policy name (default, two-thirds-weekly) or a TOML file")
      ->capture_default_str();
  init->add_option("--slug", options->slug, "Short name of the community, used in URLs (e.g. tidewater)")->required();
  init->add_option("--name", options->name, "Full name of the community")->required();
  init->add_option("--contact", options->contact, "Address reports are sent to")->required();
  init->add_option("--chair-email", options->chair_email, "Email of the first chair")->required();
  init->add_option("--chair-name", options->chair_name, "Name of the first chair")->required();
  init->callback([&globals, &action, options] {
    action = [&globals, options] {
      return with_session(
          globals,
          [&](Session& session) -> Status {
            ASSIGN_OR_RETURN(const std::string policy_source, read_policy(options->policy));
            ASSIGN_OR_RETURN(const app::InitResult created,
                             app::init_community(session.context(), {policy_source,
                                                                     {options->slug, options->name, options->contact},
                                                                     options->chair_email,
                                                                     options->chair_name}));
            const app::EnrolmentLink& link = created.first_chair_link;
            ASSIGN_OR_RETURN(const std::string fingerprint,
                             app::root_fingerprint(session.context(), created.community.id));
            TRY(pin_root_fingerprint(globals.data_dir, created.community.slug, fingerprint));
            if (globals.json) {
              print_json({{"community", json::community_json(created.community)},
                          {"policy", created.community.policy.name},
                          {"chair", json::member_json(created.chair)},
                          {"root_fingerprint", fingerprint},
                          {"recovery_kit", created.recovery_kit},
                          {"enrolment_token", link.token}});
            } else {
              std::cout << "Created community '" << created.community.slug << "' (" << created.community.name
                        << ") with policy '" << created.community.policy.name << "'.\n"
                        << "First chair: " << created.chair.display_name << " <" << created.chair.email << ">.\n"
                        << "Database: " << database_path(globals.data_dir, globals.database_file) << "\n"
                        << "Root key fingerprint (pinned in " << config_path(globals.data_dir) << "): " << fingerprint
                        << "\n";
              std::cout << "\nRecovery kit (shown once, never stored): print it or write it down, and keep it\n"
                           "offline where the community's trustees can reach it. With it, 'conduct keys recover'\n"
                           "re-grants cases whose holders have all gone; anyone holding it can read every case.\n\n    "
                        << created.recovery_kit << "\n\n"
                        << "Blind-index key: " << index_key_path(globals.data_dir)
                        << " (keep a copy apart from the database and its backups).\n\n";
              print_enrolment_link(globals, created.chair.email, link);
            }
            return ok_status();
          },
          AbsentDatabase::Create);
    };
  });
}

}  // namespace conduct::cli
