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
  add->add_option("--handle", command->handles, "A handle the member uses in a space, e.g. @priya (repeatable)");
  add->add_option("--employer", command->employer, "The member's employer, to notice shared employers with parties");
  add->callback([&globals, &action, command] {
    action = [&globals, command] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const app::AddedMember result,
                         app::add_member_with_enrolment(session.context(), actor, *command));
        const domain::Member& added = result.member;
        const app::EnrolmentLink& link = result.link;
        if (globals.json) {
          nlohmann::json value = json::member_json(added);
          value["enrolment_token"] = link.token;
          print_json(value);
        } else {
          std::cout << "Added " << added.display_name << " <" << added.email << "> as " << domain::to_string(added.role)
                    << ".\n";
          print_enrolment_link(globals, added.email, link);
        }
        return ok_status();
      });
    };
  });

  auto offboard_email = std::make_shared<std::string>();
  CLI::App* offboard = member->add_subcommand("offboard", "End a membership now (chairs)");
  offboard->add_option("--email", *offboard_email, "The member's email")->required();
  offboard->callback([&globals, &action, offboard_email] {
    action = [&globals, offboard_email] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const domain::Member former, app::offboard_member(session.context(), actor, *offboard_email));
        if (globals.json)
          print_json(json::member_json(former));
        else
          std::cout << former.display_name << " is now a former member and has no access.\n";
        return ok_status();
      });
    };
  });

  auto renew_email = std::make_shared<std::string>();
  auto renew_until = std::make_shared<std::string>();
  CLI::App* renew = member->add_subcommand("renew", "Renew a member's term (chairs)");
  renew->add_option("--email", *renew_email, "The member's email")->required();
  renew->add_option("--term-end", *renew_until, "Last day of the new term, YYYY-MM-DD (default: the policy's term)");
  renew->callback([&globals, &action, renew_email, renew_until] {
    action = [&globals, renew_email, renew_until] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const domain::Member renewed,
                         app::renew_member(session.context(), actor, *renew_email, *renew_until));
        if (globals.json)
          print_json(json::member_json(renewed));
        else
          std::cout << renewed.display_name << "'s term now ends on " << format_date(*renewed.term_end) << ".\n";
        return ok_status();
      });
    };
  });

  add_member_account_commands(*member, globals, action);

  CLI::App* warnings =
      member->add_subcommand("warnings", "Failed sign-ins against one account from many addresses (chairs)");
  warnings->callback([&globals, &action] {
    action = [&globals] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const auto found, app::sign_in_warnings(session.context(), actor));
        if (globals.json) {
          nlohmann::json items = nlohmann::json::array();
          for (const app::SignInWarning& warning : found) items.push_back(json::sign_in_warning_json(warning));
          print_json({{"warnings", items}});
        } else if (found.empty()) {
          std::cout << "No warnings in the last " << app::kSignInWarningDays << " days.\n";
        } else {
          for (const app::SignInWarning& warning : found)
            std::cout << format_timestamp(warning.raised_at) << "  " << warning.failures << " failed sign-ins against "
                      << warning.member.display_name << " <" << warning.member.email << "> from any addresses\n";
        }
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
