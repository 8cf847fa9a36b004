// `conduct case link|split|links`: the cases of one incident (app/case_links.h).
#include <iostream>

#include "app/case_links.h"
#include "cli/commands.h"
#include "cli/print.h"
#include "domain/code_name.h"
#include "json/views.h"

namespace conduct::cli {
namespace {

void print_links(const app::CaseLinksView& view) {
  if (view.primary)
    std::cout << "Linked into " << domain::url_form(view.primary->code_name) << ": the incident is handled there.\n";
  if (view.linked_elsewhere) std::cout << "Linked into a case you may not read.\n";
  for (const app::LinkedCase& linked : view.linked) {
    std::cout << "Linked here: " << domain::url_form(linked.summary.code_name) << " ("
              << domain::to_string(linked.summary.state) << ")\n";
    for (const domain::Report& report : linked.reports) {
      std::cout << "  report " << report.number << ", " << format_timestamp(report.received_at) << ", "
                << domain::to_string(report.channel) << ":\n";
      print_indented(std::cout, report.text, "    ");
    }
  }
  if (!view.primary && !view.linked_elsewhere && view.linked.empty()) std::cout << "No linked cases.\n";
}

// Runs one of the three use cases and prints the links it returns.
template <typename Use>
void on_links(CLI::App* command, GlobalOptions& globals, Action& action, Use use) {
  command->callback([&globals, &action, use] {
    action = [&globals, use] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const app::CaseLinksView view, use(session.context(), actor));
        if (globals.json)
          print_json(json::case_links_json(view));
        else
          print_links(view);
        return ok_status();
      });
    };
  });
}

}  // namespace

void add_link_commands(CLI::App& cases, GlobalOptions& globals, Action& action) {
  auto primary = std::make_shared<std::string>();
  auto other = std::make_shared<std::string>();
  auto text = std::make_shared<std::string>();

  CLI::App* link = cases.add_subcommand("link", "Link a case into the case its incident is handled in");
  link->add_option("case", *primary, "The case that handles the incident, e.g. home-shelf")->required();
  link->add_option("other", *other, "The case whose reports are about the same incident")->required();
  auto duplicate = std::make_shared<bool>(false);
  link->add_option("--note", *text, "Why the reports belong together (kept on both timelines)");
  link->add_flag("--duplicate", *duplicate,
                 "The other case repeats this one (the same report twice): close it as resolved, a duplicate");
  on_links(link, globals, action, [primary, other, text, duplicate](app::Context& context, const app::Actor& actor) {
    return app::link_case(context, actor, *primary, *other, *text, *duplicate);
  });

  CLI::App* split = cases.add_subcommand("split", "Split a case linked by mistake out again");
  split->add_option("case", *primary, "The case it is linked into")->required();
  split->add_option("other", *other, "The linked case")->required();
  split->add_option("--reason", *text, "Why the reports are not about the same incident")->required();
  on_links(split, globals, action, [primary, other, text](app::Context& context, const app::Actor& actor) {
    return app::split_case(context, actor, *primary, *other, *text);
  });

  CLI::App* links = cases.add_subcommand("links", "Show the case a case is linked into, or the cases linked into it");
  links->add_option("case", *primary, "Case code name, e.g. home-shelf")->required();
  on_links(links, globals, action, [primary](app::Context& context, const app::Actor& actor) {
    return app::show_case_links(context, actor, *primary);
  });
}

}  // namespace conduct::cli
