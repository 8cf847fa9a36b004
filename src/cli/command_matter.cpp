// `conduct matter propose|list|show|vote|stand-aside`: the group's own matters put to
// the vote (app/group_matters.h). Every command but `list` prints the matter as it then
// stands (with --json, the API's shape).
#include <iostream>
#include <memory>

#include "app/group_matters.h"
#include "cli/commands.h"
#include "cli/paged_list.h"
#include "cli/print.h"
#include "json/views.h"

namespace conduct::cli {
namespace {

void print_summary(const app::MatterSummary& summary) {
  const domain::GroupMatter& matter = summary.matter;
  std::cout << "Matter " << matter.number << " (" << domain::to_string(matter.kind) << "), "
            << domain::to_string(matter.status) << "; proposed by " << summary.proposed_by_name << " on "
            << format_timestamp(matter.opened_at) << ", "
            << (matter.closed_at ? "closed " + format_timestamp(*matter.closed_at)
                                 : "vote closes " + format_timestamp(matter.closes_at))
            << "\n";
}

void print_matter(const app::MatterView& view) {
  print_summary(view.summary);
  if (view.text)
    print_indented(std::cout, *view.text, "  ");
  else
    std::cout << "  sealed for the group's voting members of the day it was put to the vote\n";
  const domain::GroupMatter& matter = view.summary.matter;
  if (matter.closed_at)
    std::cout << matter.arithmetic << "\n";
  else if (view.count)
    std::cout << "So far: " << view.count->arithmetic << "\n";
  if (view.stood_aside) std::cout << "You stood aside from this matter.\n";
  if (view.own_ballot) std::cout << "Your ballot: " << domain::to_string(*view.own_ballot) << "\n";
}

void run_with_view(CLI::App* command, GlobalOptions& globals, Action& action,
                   std::function<Result<app::MatterView>(app::Context&, const app::Actor&)> use) {
  command->callback([&globals, &action, use] {
    action = [&globals, use] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const app::MatterView view, use(session.context(), actor));
        if (globals.json)
          print_json(json::matter_json(view));
        else
          print_matter(view);
        return ok_status();
      });
    };
  });
}

}  // namespace

void add_matter_commands(CLI::App& app, GlobalOptions& globals, Action& action) {
  CLI::App* matters = app.add_subcommand(
      "matter", "Put the group's own matters to the vote (admitting a member, a guideline, the policy)");
  matters->require_subcommand(1);

  auto command = std::make_shared<domain::MatterCommand>();
  CLI::App* propose = matters->add_subcommand("propose", "Put a matter of the group to the vote");
  propose->add_option("--kind", command->kind, "admit-member, guideline, policy or other")->required();
  propose->add_option("--text", command->text, "What the group is asked to agree to")->required();
  propose->add_option("--vote-days", command->vote_days, "Days the vote stays open (1 to 30; default the policy's)");
  run_with_view(propose, globals, action, [command](app::Context& context, const app::Actor& actor) {
    return app::propose_matter(context, actor, *command);
  });

  add_paged_list<app::MatterSummary>(
      *matters, "List the group's matters, newest first", globals, action,
      {"matters", "No matters put to the vote.", app::list_matters, json::matter_summary_json, print_summary});

  auto number = std::make_shared<int>(0);
  CLI::App* show = matters->add_subcommand("show", "Show a matter with its vote counted now");
  show->add_option("number", *number, "The matter's number")->required();
  run_with_view(show, globals, action, [number](app::Context& context, const app::Actor& actor) {
    return app::show_matter(context, actor, *number);
  });

  auto ballot = std::make_shared<std::string>();
  CLI::App* vote = matters->add_subcommand("vote", "Cast or change your ballot on a matter");
  vote->add_option("number", *number, "The matter's number")->required();
  vote->add_option("ballot", *ballot, "agree, object or abstain")->required();
  run_with_view(vote, globals, action, [number, ballot](app::Context& context, const app::Actor& actor) {
    return app::cast_matter_ballot(context, actor, *number, *ballot);
  });

  CLI::App* aside = matters->add_subcommand(
      "stand-aside", "Stand aside from a matter you have an interest in: your ballot stops counting");
  aside->add_option("number", *number, "The matter's number")->required();
  run_with_view(aside, globals, action, [number](app::Context& context, const app::Actor& actor) {
    return app::stand_aside_from_matter(context, actor, *number);
  });
}

}  // namespace conduct::cli
