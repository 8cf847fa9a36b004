// `conduct meeting record|list|show`: the group's meetings (app/meetings.h). A case
// discussed and a decision taken in chat are given as repeated options paired by
// position: the first --case-minutes goes with the first --case, and so on.
#include <iostream>
#include <memory>

#include "app/meetings.h"
#include "cli/commands.h"
#include "cli/paged_list.h"
#include "cli/print.h"
#include "domain/code_name.h"
#include "json/views.h"

namespace conduct::cli {
namespace {

struct RecordOptions {
  domain::MeetingCommand command;
  std::vector<std::string> cases;
  std::vector<std::string> case_minutes;
  std::vector<std::string> chat_cases;
  std::vector<std::string> chat_who;
  std::vector<std::string> chat_at;
  std::vector<std::string> chat_channel;
  std::vector<std::string> chat_decision;
};

// Each of `paired` must be given once for each of `lead`.
Status check_pairs(const std::string& lead_name, std::size_t lead,
                   const std::vector<std::pair<std::string, std::size_t>>& paired) {
  for (const auto& [name, count] : paired)
    if (count != lead)
      return field_error(name, "give one for each " + lead_name + " (" + std::to_string(lead) + " given, " +
                                   std::to_string(count) + " of " + name + ")");
  return ok_status();
}

Result<domain::MeetingCommand> command_of(const RecordOptions& options) {
  TRY(check_pairs("--case", options.cases.size(), {{"--case-minutes", options.case_minutes.size()}}));
  TRY(check_pairs("--chat", options.chat_cases.size(),
                  {{"--chat-who", options.chat_who.size()},
                   {"--chat-at", options.chat_at.size()},
                   {"--chat-channel", options.chat_channel.size()},
                   {"--chat-decision", options.chat_decision.size()}}));
  domain::MeetingCommand command = options.command;
  for (std::size_t i = 0; i < options.cases.size(); ++i)
    command.cases.push_back({options.cases[i], options.case_minutes[i]});
  for (std::size_t i = 0; i < options.chat_cases.size(); ++i)
    command.chat_decisions.push_back({options.chat_cases[i], options.chat_who[i], options.chat_at[i],
                                      options.chat_channel[i], options.chat_decision[i]});
  return command;
}

void print_summary(const app::MeetingSummary& summary) {
  std::cout << "Meeting " << summary.meeting.number << ", held on " << format_date(summary.meeting.held_on)
            << ", recorded by " << summary.recorded_by_name << "\n  attended: ";
  for (std::size_t i = 0; i < summary.attendees.size(); ++i)
    std::cout << (i == 0 ? "" : ", ") << summary.attendees[i].name;
  std::cout << "\n";
}

void print_meeting(const app::MeetingView& view) {
  print_summary(view.summary);
  std::cout << "Minutes:\n";
  if (view.minutes)
    print_indented(std::cout, *view.minutes, "  ");
  else if (view.has_minutes)
    std::cout << "  sealed for the group as it was at the meeting; your keys do not open them\n";
  else
    std::cout << "  none\n";
  for (const app::MeetingCaseEntry& entry : view.entries) {
    std::cout << "Case " << domain::url_form(entry.case_code) << ", entry #" << entry.entry_number << " ("
              << domain::to_string(entry.kind) << "):\n";
    print_indented(std::cout, entry.text, "  ");
  }
}

void run_with_view(CLI::App* command, GlobalOptions& globals, Action& action,
                   std::function<Result<app::MeetingView>(app::Context&, const app::Actor&)> use) {
  command->callback([&globals, &action, use] {
    action = [&globals, use] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const app::MeetingView view, use(session.context(), actor));
        if (globals.json)
          print_json(json::meeting_json(view));
        else
          print_meeting(view);
        return ok_status();
      });
    };
  });
}

}  // namespace

void add_meeting_commands(CLI::App& app, GlobalOptions& globals, Action& action) {
  CLI::App* meeting = app.add_subcommand("meeting", "Record, list and read the group's meetings");
  meeting->require_subcommand(1);

  auto options = std::make_shared<RecordOptions>();
  CLI::App* record = meeting->add_subcommand(
      "record", "Record a meeting: who attended, minutes, what was said about each case and decisions taken in chat");
  record->add_option("--held-on", options->command.held_on, "The day it was held, YYYY-MM-DD")->required();
  record->add_option("--attendee", options->command.attendees, "An attendee's email address (repeat for each)")
      ->required();
  record->add_option("--minutes", options->command.minutes, "Minutes on matters that concern no one case");
  record->add_option("--case", options->cases, "A case discussed, e.g. home-shelf (repeat; with --case-minutes)");
  record->add_option("--case-minutes", options->case_minutes, "What was said about the --case in the same position");
  record->add_option("--chat", options->chat_cases, "The case a decision taken in chat concerns (repeat)");
  record->add_option("--chat-who", options->chat_who, "Who took that decision");
  record->add_option("--chat-at", options->chat_at, "When, e.g. 2026-06-01T14:30:00Z");
  record->add_option("--chat-channel", options->chat_channel, "The chat channel, e.g. #wg-private");
  record->add_option("--chat-decision", options->chat_decision, "What was decided");
  run_with_view(record, globals, action,
                [options](app::Context& context, const app::Actor& actor) -> Result<app::MeetingView> {
                  ASSIGN_OR_RETURN(const domain::MeetingCommand command, command_of(*options));
                  return app::record_meeting(context, actor, command);
                });

  add_paged_list<app::MeetingSummary>(
      *meeting, "List the group's meetings, newest first", globals, action,
      {"meetings", "No meetings recorded.", app::list_meetings, json::meeting_summary_json, print_summary});

  auto number = std::make_shared<int>(0);
  CLI::App* show = meeting->add_subcommand("show", "Show a meeting: its minutes and what it wrote on your cases");
  show->add_option("number", *number, "The meeting's number")->required();
  run_with_view(show, globals, action, [number](app::Context& context, const app::Actor& actor) {
    return app::show_meeting(context, actor, *number);
  });
}

}  // namespace conduct::cli
