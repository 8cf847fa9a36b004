#include <iostream>

#include "app/members.h"
#include "cli/commands.h"
#include "cli/print.h"
#include "json/views.h"

namespace conduct::cli {

void add_member_commands(CLI::App& app, GlobalOptions& globals, Action& action) {
  CLI::App* member = app.add_subcommand("member", "Add and list the members of the community");
  member->require_subcommand(1);

  auto command = std::make_shared<domain::NewMemberCommand>();
  command->role = "member";
  CLI::App* add = member->add_subcommand("add", "Add a member (chairs only)");
  add->add_option("--email", command->email, "The member's email address")->required();
  add->add_option("--name", command->display_name, "The member's name as other members see it")->required();
  add->add_option("--role", command->role,
                  "member, chair, vice-chair, adviser, board-member, liaison, local-representative or instance-admin")
      ->capture_default_str();
  add->add_option("--term-end", command->term_end, "Last day of the term, YYYY-MM-DD (default: the policy's term)");
  add->callback([&globals, &action, command] {
    action = [&globals, command] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const domain::Member added, app::add_member(session.context(), actor, *command));
        if (globals.json) print_json(json::member_json(added));
        else std::cout << "Added " << added.display_name << " <" << added.email << "> as "
                       << domain::to_string(added.role) << ".\n";
        return ok_status();
      });
    };
  });

  CLI::App* list = member->add_subcommand("list", "List the members");
  list->callback([&globals, &action] {
    action = [&globals] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const std::vector<domain::Member> members, app::list_members(session.context(), actor));
        if (globals.json) {
          nlohmann::json items = nlohmann::json::array();
          for (const domain::Member& m : members) items.push_back(json::member_json(m));
          print_json({{"members", items}});
        } else {
          print_member_table(std::cout, members);
        }
        return ok_status();
      });
    };
  });
}

}  // namespace conduct::cli
