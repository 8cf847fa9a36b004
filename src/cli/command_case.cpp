#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "app/cases.h"
#include "app/members.h"
#include "cli/commands.h"
#include "cli/print.h"
#include "core/text.h"
#include "domain/code_name.h"
#include "json/views.h"

namespace conduct::cli {
namespace {

// The options that describe one report: its text, how it came, and whom it names.
struct ReportOptions {
  domain::ReportInput input;
  std::string report_file;
  std::vector<std::string> reporters, harmed, witnesses, reported, reported_people;
};

struct NewCaseOptions {
  domain::NewCaseCommand command;
  ReportOptions report;
  bool code_only = false;
};

// "Name <contact>", "name@example.org", "@handle", "Name" or "unknown".
domain::PartyInput party_from_text(const std::string& role, const std::string& text) {
  domain::PartyInput party;
  party.role = role;
  const std::string value = trim(text);
  if (value.empty() || to_lower_ascii(value) == "unknown") return party;
  const std::size_t open = value.rfind('<');
  if (open != std::string::npos && value.back() == '>') {
    party.name = trim(value.substr(0, open));
    party.contact = trim(value.substr(open + 1, value.size() - open - 2));
  } else if (value.front() == '@' || looks_like_email(value)) {
    party.contact = value;
  } else {
    party.name = value;
  }
  return party;
}

Result<std::string> read_text_file(const std::string& path) {
  std::ostringstream text;
  if (path == "-") {
    text << std::cin.rdbuf();
    return text.str();
  }
  std::ifstream file(path);
  if (!file) return field_error("report-file", "cannot read " + path);
  text << file.rdbuf();
  return text.str();
}

void add_report_options(CLI::App& command, ReportOptions& options) {
  command.add_option("--report", options.input.report_text, "What happened, in the reporter's words");
  command.add_option("--report-file", options.report_file, "Read the report from a file ('-' for standard input)");
  command
      .add_option("--channel", options.input.channel,
                  "How it arrived: web-form, email, in-person, local-representative, group-member")
      ->capture_default_str();
  command.add_option("--reporter", options.reporters, "The reporter: 'Name <contact>', a contact, or 'unknown'");
  command.add_option("--harmed", options.harmed, "A harmed individual (repeatable)");
  command.add_option("--witness", options.witnesses, "A witness (repeatable)");
  command.add_option("--reported", options.reported, "A reported person not on record yet (repeatable)");
  command.add_option("--reported-person", options.reported_people,
                     "A reported person already on record, by person code name, e.g. 'Blue Jay' (repeatable)");
}

Result<domain::ReportInput> report_input_from(const ReportOptions& options) {
  domain::ReportInput input = options.input;
  if (!options.report_file.empty()) {
    if (!input.report_text.empty()) return field_error("report", "give either --report or --report-file, not both");
    ASSIGN_OR_RETURN(input.report_text, read_text_file(options.report_file));
  }
  for (const auto& text : options.reporters) input.parties.push_back(party_from_text("reporter", text));
  for (const auto& text : options.harmed) input.parties.push_back(party_from_text("harmed", text));
  for (const auto& text : options.witnesses) input.parties.push_back(party_from_text("witness", text));
  for (const auto& text : options.reported) input.parties.push_back(party_from_text("reported", text));
  for (const auto& code : options.reported_people) input.parties.push_back({"reported", "", "", code});
  return input;
}

void add_new(CLI::App& cases, GlobalOptions& globals, Action& action) {
  auto options = std::make_shared<NewCaseOptions>();
  CLI::App* add = cases.add_subcommand("new", "Open a case from a report");
  add_report_options(*add, options->report);
  add->add_option("--occurred-on", options->command.occurred_on, "When it happened, YYYY-MM-DD");
  add->add_option("--space", options->command.space, "Where it happened: a space key from the policy");
  add->add_option("--location", options->command.location, "Where it happened, in words");
  add->add_flag("--ongoing", options->command.ongoing, "The behaviour is still going on");
  add->add_flag("--physical-danger", options->command.physical_danger, "Someone may be in physical danger");
  add->add_option("--category", options->command.categories, "A violation category (repeatable), e.g. harassment");
  add->add_flag("--code-only", options->code_only, "Print only the new case's code name in URL form (for scripts)");
  add->callback([&globals, &action, options] {
    action = [&globals, options] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        domain::NewCaseCommand command = options->command;
        ASSIGN_OR_RETURN(command.report, report_input_from(options->report));
        ASSIGN_OR_RETURN(const domain::CaseRecord record, app::open_case(session.context(), actor, command));
        if (globals.json)
          print_json(json::case_record_json(record));
        else if (options->code_only)
          std::cout << domain::url_form(record.summary.code_name) << "\n";
        else
          std::cout << "Opened case " << record.summary.code_name << " (" << domain::url_form(record.summary.code_name)
                    << ").\n";
        return ok_status();
      });
    };
  });
}

void add_add_report(CLI::App& cases, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  auto options = std::make_shared<ReportOptions>();
  CLI::App* add = cases.add_subcommand("add-report", "Add a further report on the same incident to a case");
  add->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  add_report_options(*add, *options);
  add->callback([&globals, &action, code, options] {
    action = [&globals, code, options] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const domain::ReportInput input, report_input_from(*options));
        ASSIGN_OR_RETURN(const domain::Report report, app::add_report(session.context(), actor, *code, input));
        if (globals.json)
          print_json({{"number", report.number}, {"channel", domain::to_string(report.channel)}});
        else
          std::cout << "Added report " << report.number << " to the case.\n";
        return ok_status();
      });
    };
  });
}

void add_list(CLI::App& cases, GlobalOptions& globals, Action& action) {
  auto state = std::make_shared<std::string>();
  auto limit = std::make_shared<std::size_t>(100);
  // Plain-column filters, by their API names (domain::parse_case_criteria checks them).
  auto filters = std::make_shared<std::map<std::string, std::string>>();
  auto ongoing = std::make_shared<bool>(false);
  auto danger = std::make_shared<bool>(false);
  auto open = std::make_shared<bool>(false);
  CLI::App* list = cases.add_subcommand("list", "List cases, newest first");
  list->add_option("--state", *state, "Only cases in this state, e.g. investigating");
  list->add_option("--limit", *limit, "At most this many cases")->capture_default_str()->check(CLI::Range(1, 1000));
  list->add_option_function<std::string>(
      "--category", [filters](const std::string& value) { (*filters)["category"] = value; },
      "Only cases with this violation category");
  list->add_option_function<std::string>(
      "--space", [filters](const std::string& value) { (*filters)["space"] = value; },
      "Only cases in this space of the policy");
  list->add_option_function<std::string>(
      "--opened-from", [filters](const std::string& value) { (*filters)["opened_from"] = value; },
      "Only cases opened on or after this day (YYYY-MM-DD)");
  list->add_option_function<std::string>(
      "--opened-to", [filters](const std::string& value) { (*filters)["opened_to"] = value; },
      "Only cases opened on or before this day (YYYY-MM-DD)");
  list->add_flag("--ongoing", *ongoing, "Only cases marked ongoing");
  list->add_flag("--physical-danger", *danger, "Only cases marked as involving physical danger");
  list->add_flag("--open", *open, "Only cases not resolved");
  list->callback([&globals, &action, state, limit, filters, ongoing, danger, open] {
    action = [&globals, state, limit, filters, ongoing, danger, open] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        store::CaseFilter filter;
        filter.limit = *limit;
        if (!state->empty()) {
          filter.state = domain::parse_case_state(*state);
          if (!filter.state)
            return field_error("state",
                               "must be one of " + domain::names_of<domain::CaseState>(domain::case_state_names()));
        }
        std::map<std::string, std::string> values = *filters;
        if (*ongoing) values["ongoing"] = "true";
        if (*danger) values["physical_danger"] = "true";
        if (*open) values["open"] = "true";
        ASSIGN_OR_RETURN(const domain::CaseCriteria criteria,
                         domain::parse_case_criteria(values, actor.community.policy));
        ASSIGN_OR_RETURN(const std::vector<domain::Case> found,
                         app::list_cases(session.context(), actor, filter, criteria));
        if (globals.json) {
          nlohmann::json items = nlohmann::json::array();
          for (const domain::Case& summary : found) items.push_back(json::case_summary_json(summary));
          print_json({{"cases", items}});
        } else {
          print_case_table(std::cout, found);
        }
        return ok_status();
      });
    };
  });
}

void add_show(CLI::App& cases, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  CLI::App* show = cases.add_subcommand("show", "Show a case with its parties and timeline");
  show->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  show->callback([&globals, &action, code] {
    action = [&globals, code] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const domain::CaseRecord record, app::show_case(session.context(), actor, *code));
        if (globals.json)
          print_json(json::case_record_json(record));
        else
          print_case_record(std::cout, record, author_names(session, actor));
        return ok_status();
      });
    };
  });
}

void add_search(CLI::App& cases, GlobalOptions& globals, Action& action) {
  auto query = std::make_shared<std::string>();
  CLI::App* search =
      cases.add_subcommand("search", "Search the text of the cases you hold (decrypted in your session)");
  search->add_option("text", *query, "What to look for (2 to 200 bytes; letters match without case)")->required();
  search->callback([&globals, &action, query] {
    action = [&globals, query] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const std::vector<app::SearchResult> results,
                         app::search_cases(session.context(), actor, *query));
        if (globals.json) {
          nlohmann::json items = nlohmann::json::array();
          for (const app::SearchResult& result : results) items.push_back(json::search_result_json(result));
          print_json({{"results", items}});
          return ok_status();
        }
        if (results.empty()) std::cout << "No case you hold mentions it.\n";
        for (const app::SearchResult& result : results) {
          std::cout << domain::url_form(result.summary.code_name) << "\n";
          for (const domain::TextMatch& match : result.matches)
            std::cout << "  " << match.where << ": " << match.snippet << "\n";
        }
        return ok_status();
      });
    };
  });
}

void add_note(CLI::App& cases, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  auto command = std::make_shared<domain::NoteCommand>();
  auto corrects = std::make_shared<int>(0);
  CLI::App* note = cases.add_subcommand("note", "Add a note to a case's timeline");
  note->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  note->add_option("--text", command->text, "The note")->required();
  note->add_option("--kind", command->kind, "note, minutes, chat-decision, communication-in or communication-out")
      ->capture_default_str();
  note->add_option("--corrects", *corrects, "Number of an earlier entry this note corrects");
  note->callback([&globals, &action, code, command, corrects] {
    action = [&globals, code, command, corrects] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        domain::NoteCommand note_command = *command;
        if (*corrects != 0) note_command.corrects = *corrects;
        ASSIGN_OR_RETURN(const domain::TimelineEntry entry,
                         app::add_note(session.context(), actor, *code, note_command));
        if (globals.json)
          print_json(json::entry_json(entry));
        else
          std::cout << "Added entry #" << entry.number << " (" << domain::to_string(entry.kind) << ").\n";
        return ok_status();
      });
    };
  });
}

void add_transition(CLI::App& cases, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  auto command = std::make_shared<domain::TransitionCommand>();
  CLI::App* transition = cases.add_subcommand("transition", "Move a case to its next state");
  transition->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  transition->add_option("--to", command->to, "The new state, e.g. acknowledged")->required();
  transition->add_option("--reason", command->reason, "Why the case moves (recorded on the timeline)")->required();
  transition->add_option("--resolution-source", command->resolution_source, "When resolving: group, board or local");
  transition->add_option("--outcome", command->resolution_outcome,
                         "When resolving: action-taken, no-action, not-a-violation or out-of-scope");
  transition->callback([&globals, &action, code, command] {
    action = [&globals, code, command] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const domain::Case moved, app::transition_case(session.context(), actor, *code, *command));
        if (globals.json)
          print_json(json::case_summary_json(moved));
        else
          std::cout << "Case " << moved.code_name << " is now " << domain::to_string(moved.state) << ".\n";
        return ok_status();
      });
    };
  });
}

// "yes" or "no" for a flag option (absent: unchanged); anything else is refused
// naming the option.
Result<std::optional<bool>> yes_or_no(const std::string& given, const std::string& option) {
  if (given.empty()) return std::optional<bool>();
  if (given == "yes") return std::optional<bool>(true);
  if (given == "no") return std::optional<bool>(false);
  return field_error(option, "must be yes or no");
}

void add_flags(CLI::App& cases, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  auto ongoing = std::make_shared<std::string>();
  auto danger = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  CLI::App* flags = cases.add_subcommand("flags", "Change whether a case is ongoing or a physical danger, with why");
  flags->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  flags->add_option("--ongoing", *ongoing, "yes or no: whether it is still going on");
  flags->add_option("--physical-danger", *danger, "yes or no: whether someone may be in physical danger");
  flags->add_option("--reason", *reason, "Why the flags change (recorded on the timeline)")->required();
  flags->callback([&globals, &action, code, ongoing, danger, reason] {
    action = [&globals, code, ongoing, danger, reason] {
      return with_session(globals, [&](Session& session) -> Status {
        domain::FlagsCommand command;
        ASSIGN_OR_RETURN(command.ongoing, yes_or_no(*ongoing, "ongoing"));
        ASSIGN_OR_RETURN(command.physical_danger, yes_or_no(*danger, "physical_danger"));
        command.reason = *reason;
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const domain::Case changed, app::change_flags(session.context(), actor, *code, command));
        if (globals.json)
          print_json(json::case_summary_json(changed));
        else
          std::cout << "Case " << changed.code_name << ": " << (changed.ongoing ? "ongoing" : "not ongoing") << ", "
                    << (changed.physical_danger ? "a physical danger" : "no physical danger") << ".\n";
        return ok_status();
      });
    };
  });
}

}  // namespace

std::map<std::int64_t, std::string> author_names(Session& session, const app::Actor& actor) {
  std::map<std::int64_t, std::string> names;
  auto members = app::list_members(session.context(), actor);
  if (members.ok())
    for (const domain::Member& member : *members) names[member.id] = member.display_name;
  return names;
}

void add_case_commands(CLI::App& app, GlobalOptions& globals, Action& action) {
  CLI::App* cases = app.add_subcommand("case", "Open, list, show, annotate and move cases; attach evidence");
  cases->require_subcommand(1);
  add_new(*cases, globals, action);
  add_add_report(*cases, globals, action);
  add_list(*cases, globals, action);
  add_show(*cases, globals, action);
  add_search(*cases, globals, action);
  add_note(*cases, globals, action);
  add_flags(*cases, globals, action);
  add_transition(*cases, globals, action);
  add_link_commands(*cases, globals, action);
  add_decision_commands(*cases, globals, action);
  add_conflict_commands(*cases, globals, action);
  add_evidence_commands(*cases, globals, action);
  add_draft_commands(*cases, globals, action);
}

}  // namespace conduct::cli
