#include <iostream>

#include "app/people.h"
#include "cli/commands.h"
#include "cli/print.h"
#include "json/views.h"

namespace conduct::cli {

void add_person_commands(CLI::App& app, GlobalOptions& globals, Action& action) {
  CLI::App* person = app.add_subcommand("person", "List and show person records of reported people");
  person->require_subcommand(1);

  CLI::App* list = person->add_subcommand("list", "List person records");
  list->callback([&globals, &action] {
    action = [&globals] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const std::vector<store::PersonRow> people, app::list_people(session.context(), actor));
        if (globals.json) {
          nlohmann::json items = nlohmann::json::array();
          for (const store::PersonRow& row : people) items.push_back(json::person_json(row));
          print_json({{"people", items}});
        } else {
          print_person_table(std::cout, people);
        }
        return ok_status();
      });
    };
  });

  auto code = std::make_shared<std::string>();
  CLI::App* show = person->add_subcommand("show", "Show a person record and the cases it appears in");
  show->add_option("person", *code, "Person code name, e.g. 'Blue Jay' or blue-jay")->required();
  show->callback([&globals, &action, code] {
    action = [&globals, code] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const app::PersonView view, app::show_person(session.context(), actor, *code));
        if (globals.json)
          print_json(json::person_view_json(view));
        else
          print_person(std::cout, view);
        return ok_status();
      });
    };
  });
}

}  // namespace conduct::cli
