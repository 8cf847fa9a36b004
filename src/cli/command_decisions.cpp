// `conduct case decisions|evaluate|respond|propose|vote|feedback|enact` and
// `act|report-action|revise-action`: the group's decisions on a case (app/decisions.h). Every command prints the case's
// decisions as they then stand (with --json, the API's shape).
#include <iostream>
#include <memory>

#include "app/decisions.h"
#include "cli/commands.h"
#include "cli/print.h"
#include "core/text.h"
#include "domain/code_name.h"
#include "json/views.h"

namespace conduct::cli {
namespace {

std::string name_of(const std::map<std::int64_t, std::string>& names, std::int64_t id) {
  const auto found = names.find(id);
  return found == names.end() ? "member " + std::to_string(id) : found->second;
}

template <typename Shown>
void print_vote(const Shown& shown, const std::string& indent);
void print_actions(const app::DecisionsView& view, const std::map<std::int64_t, std::string>& names);

void print_decisions(const app::DecisionsView& view, const std::map<std::int64_t, std::string>& names) {
  std::cout << "Case " << domain::url_form(view.summary.code_name) << " (" << domain::to_string(view.summary.state)
            << "), urgency " << domain::to_string(view.summary.urgency) << "\n";
  std::cout << "Evaluation:\n";
  if (!view.evaluation) {
    std::cout << "  not evaluated yet\n";
  } else {
    const domain::Evaluation& evaluation = view.evaluation->evaluation;
    std::cout << "  by " << name_of(names, evaluation.evaluated_by) << ", " << format_timestamp(evaluation.evaluated_at)
              << " (entry #" << view.evaluation->entry_number << ")\n";
    for (const domain::EvaluationQuestion& question : domain::evaluation_questions()) {
      const auto found = evaluation.answers.find(question.key);
      if (found == evaluation.answers.end()) continue;
      std::cout << "  " << question.key << ": " << domain::to_string(found->second.answer) << "\n";
      if (!found->second.note.empty()) print_indented(std::cout, found->second.note, "      ");
    }
    std::cout << "  violation: " << domain::to_string(evaluation.violation)
              << ", ongoing or a threat: " << domain::to_string(evaluation.ongoing_or_threat)
              << ", established pattern: " << (evaluation.established_pattern ? "yes" : "no") << "\n";
  }
  std::cout << "Responses of the reported persons:\n";
  if (view.responses.empty()) std::cout << "  no reported person recorded\n";
  for (const app::ResponseView& response : view.responses) {
    std::cout << "  party " << response.party_number << ": ";
    if (response.facts.waived_for_safety)
      std::cout << "not told, for safety";
    else if (response.facts.responded_at)
      std::cout << "responded " << format_timestamp(*response.facts.responded_at);
    else if (response.facts.told_at)
      std::cout << "told " << format_timestamp(*response.facts.told_at) << ", no response yet";
    else
      std::cout << "not told yet";
    std::cout << (response.may_go_to_vote ? "; a proposal may go to a vote" : "; " + response.waiting_for) << "\n";
  }
  std::cout << "Proposals:\n";
  if (view.proposals.empty()) std::cout << "  none\n";
  for (const app::ProposalView& shown : view.proposals) {
    const domain::Proposal& proposal = shown.proposal;
    std::cout << "  " << proposal.number << ". party " << proposal.reported_party << ": " << proposal.resolution;
    if (proposal.duration_days) std::cout << ", " << *proposal.duration_days << " days";
    std::cout << " (" << domain::to_string(proposal.status) << "; proposed by " << name_of(names, proposal.proposed_by)
              << ")\n";
    print_vote(shown, "     ");
    if (shown.round) {
      std::cout << "     feedback: " << shown.round_state << "\n";
      for (const domain::FeedbackRequest& request : shown.round->requests) {
        std::cout << "       party " << request.party_number << " (" << domain::to_string(request.role) << "): ";
        if (request.answered_at)
          std::cout << "answered " << format_timestamp(*request.answered_at);
        else if (request.asked_at)
          std::cout << "asked " << format_timestamp(*request.asked_at) << " (" << domain::to_string(*request.channel)
                    << "), no answer yet";
        else
          std::cout << "not asked yet";
        std::cout << "\n";
      }
    }
  }
  print_actions(view, names);
}

// A vote's arithmetic (closed, or counted now) and, while open, its deadline and the
// member's ballot.
template <typename Shown>
void print_vote(const Shown& shown, const std::string& indent) {
  if (!shown.vote) return;
  print_indented(std::cout, shown.vote->closed_at ? shown.vote->arithmetic : shown.count.arithmetic, indent);
  if (shown.vote->closed_at) return;
  std::cout << indent << "closes " << format_timestamp(shown.vote->closes_at)
            << (shown.own_ballot ? "; your ballot: " + std::string(domain::to_string(*shown.own_ballot))
                : shown.eligible ? "; you have not voted"
                                 : "")
            << "\n";
}

void print_actions(const app::DecisionsView& view, const std::map<std::int64_t, std::string>& names) {
  if (view.actions.empty()) return;
  std::cout << "Actions taken at once:\n";
  for (const app::ActionView& shown : view.actions) {
    const domain::UnilateralAction& action = shown.action;
    std::cout << "  " << action.number << ". ";
    if (action.revises)
      std::cout << "revision of action " << *action.revises << ", put to the vote by ";
    else
      std::cout << domain::to_string(action.situation) << ", taken by ";
    std::cout << name_of(names, action.taken_by) << " " << format_timestamp(action.taken_at) << " ("
              << domain::to_string(action.status) << ": " << shown.state << ")\n";
    print_indented(std::cout, action.what, "     ");
    print_vote(shown, "     ");
  }
}

// Runs a use case and prints the decisions it returns.
template <typename Use>
void on_decisions(CLI::App* command, GlobalOptions& globals, Action& action, Use use) {
  command->callback([&globals, &action, use] {
    action = [&globals, use] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const app::DecisionsView view, use(session.context(), actor));
        if (globals.json)
          print_json(json::decisions_json(view, actor.community.policy));
        else
          print_decisions(view, author_names(session, actor));
        return ok_status();
      });
    };
  });
}

// "--answer covered-space=yes" and "--note covered-space=…": the text after the first '='.
Status split_keyed(const std::vector<std::string>& given, const std::string& option,
                   std::map<std::string, std::string>& into) {
  for (const std::string& each : given) {
    const std::size_t equals = each.find('=');
    if (equals == std::string::npos || equals == 0)
      return field_error(option, "takes QUESTION=VALUE, e.g. covered-space=yes; got '" + each + "'");
    into[each.substr(0, equals)] = each.substr(equals + 1);
  }
  return ok_status();
}

struct EvaluateOptions {
  std::string code;
  std::vector<std::string> answers;
  std::vector<std::string> notes;
  std::string rest;
  domain::EvaluationCommand command;
};

void add_evaluate(CLI::App& cases, GlobalOptions& globals, Action& action) {
  auto options = std::make_shared<EvaluateOptions>();
  std::string keys;
  for (const domain::EvaluationQuestion& question : domain::evaluation_questions())
    keys += (keys.empty() ? "" : ", ") + question.key;
  CLI::App* evaluate = cases.add_subcommand(
      "evaluate", "Evaluate a case: answer the jurisdiction, impact and risk questions and the determinations");
  evaluate->add_option("case", options->code, "Case code name, e.g. home-shelf")->required();
  evaluate->add_option("--answer", options->answers, "QUESTION=yes|no|unsure, once per question; questions: " + keys);
  evaluate->add_option("--note", options->notes, "QUESTION=text: a note on that answer");
  evaluate->add_option("--rest", options->rest, "yes, no or unsure for every question not given with --answer");
  evaluate->add_option("--what-happened", options->command.what_happened, "What happened, as far as it is known");
  evaluate
      ->add_option("--violation", options->command.violation,
                   "Whether it breaks the Code of Conduct: yes, no or unsure")
      ->required();
  evaluate->add_option("--rule", options->command.rules, "A rule it breaks (a violation category); repeatable");
  evaluate->add_option("--responsible", options->command.responsible, "Who was responsible");
  evaluate
      ->add_option("--ongoing", options->command.ongoing_or_threat,
                   "Whether it is ongoing or a threat to safety: yes, no or unsure")
      ->required();
  on_decisions(evaluate, globals, action,
               [options](app::Context& context, const app::Actor& actor) -> Result<app::DecisionsView> {
                 domain::EvaluationCommand command = options->command;
                 std::map<std::string, std::string> answers, notes;
                 TRY(split_keyed(options->answers, "answer", answers));
                 TRY(split_keyed(options->notes, "note", notes));
                 for (const domain::EvaluationQuestion& question : domain::evaluation_questions()) {
                   const auto answer = answers.find(question.key);
                   if (answer == answers.end() && options->rest.empty()) continue;
                   domain::EvaluationCommand::Reply& reply = command.answers[question.key];
                   reply.answer = answer == answers.end() ? options->rest : answer->second;
                   if (const auto note = notes.find(question.key); note != notes.end()) reply.note = note->second;
                 }
                 // Answers to questions that do not exist reach the domain, which names them.
                 for (const auto& [key, value] : answers)
                   if (!command.answers.count(key)) command.answers[key] = {value, ""};
                 return app::evaluate_case(context, actor, options->code, command);
               });
}

void add_respond(CLI::App& cases, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  auto command = std::make_shared<domain::ResponseCommand>();
  CLI::App* respond = cases.add_subcommand(
      "respond", "Record that a reported person was told, their response, or why safety forbids telling them");
  respond->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  respond->add_option("--party", command->reported_party, "The reported person's party number")->required();
  respond->add_option("--step", command->step, "told, responded or waived-for-safety")->required();
  respond
      ->add_option("--text", command->text,
                   "What they were told (protecting the reporter), their response, or why safety forbids it")
      ->required();
  on_decisions(respond, globals, action, [code, command](app::Context& context, const app::Actor& actor) {
    return app::record_response(context, actor, *code, *command);
  });
}

void add_propose(CLI::App& cases, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  auto command = std::make_shared<domain::ProposalCommand>();
  auto days = std::make_shared<int>(0);
  CLI::App* propose = cases.add_subcommand("propose", "Propose a resolution for a reported person and open its vote");
  propose->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  propose->add_option("--party", command->reported_party, "The reported person's party number")->required();
  propose
      ->add_option("--resolution", command->resolution,
                   "A rung of the policy's ladder (warning, temporary-suspension, …) or no-action, "
                   "facilitated-communication, referral, flag")
      ->required();
  propose->add_option("--duration-days", *days, "The duration in days, for a rung that takes one");
  propose->add_option("--behaviour", command->behaviour, "The behavioural changes asked for");
  propose->add_option("--repair", command->repair, "How the harm may be repaired");
  propose->add_option("--conditions", command->conditions, "Conditions for return");
  propose->add_option("--review-on", command->review_on, "A review date, YYYY-MM-DD");
  propose->add_option("--message-to-reported", command->message_to_reported,
                      "The wording that would be sent to the reported person");
  propose->add_option("--message-to-reporter", command->message_to_reporter,
                      "The wording that would be sent to the reporter");
  on_decisions(propose, globals, action, [code, command, days](app::Context& context, const app::Actor& actor) {
    domain::ProposalCommand proposal = *command;
    if (*days != 0) proposal.duration_days = *days;
    return app::propose_resolution(context, actor, *code, proposal);
  });
}

void add_vote(CLI::App& cases, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  auto proposal = std::make_shared<int>(0);
  auto ballot = std::make_shared<std::string>();
  auto on_action = std::make_shared<bool>(false);
  CLI::App* vote =
      cases.add_subcommand("vote", "Cast or change your ballot on a proposal's vote, or on the review of an action");
  vote->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  vote->add_option("number", *proposal, "The proposal's number (with --action, the action's)")->required();
  vote->add_option("ballot", *ballot, "agree, object or abstain")->required();
  vote->add_flag("--action", *on_action, "Vote on the review of the action numbered so, not on a proposal");
  on_decisions(vote, globals, action,
               [code, proposal, ballot, on_action](app::Context& context, const app::Actor& actor) {
                 return app::cast_ballot(context, actor, *code, *proposal, *ballot,
                                         *on_action ? app::BallotOn::Action : app::BallotOn::Proposal);
               });
}

void add_action_texts(CLI::App* command, domain::ActionCommand& into) {
  command->add_option("--what", into.what, "What was done (or, for a revision, what changes)")->required();
  command->add_option("--why", into.why, "Why it could not wait for the group (or why the change)")->required();
}

void add_act(CLI::App& cases, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  auto command = std::make_shared<domain::ActionCommand>();
  CLI::App* act = cases.add_subcommand(
      "act", "Record an action you took at once on an ongoing situation or a danger; report it to the group after");
  act->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  act->add_option("--situation", command->situation, "ongoing or physical-danger")->required();
  add_action_texts(act, *command);
  act->add_option("--affects", command->affects, "Whom the action affects")->required();
  act->add_option("--taken-at", command->taken_at,
                  "When you acted, e.g. 2026-06-01T14:30:00Z (default now; at most 30 days back)");
  on_decisions(act, globals, action, [code, command](app::Context& context, const app::Actor& actor) {
    return app::take_action(context, actor, *code, *command);
  });

  auto number = std::make_shared<int>(0);
  auto text = std::make_shared<std::string>();
  CLI::App* report =
      cases.add_subcommand("report-action", "Report an action you took at once to the group: its review vote opens");
  report->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  report->add_option("action", *number, "The action's number")->required();
  report->add_option("--text", *text, "What happened and what the group is asked to review")->required();
  on_decisions(report, globals, action, [code, number, text](app::Context& context, const app::Actor& actor) {
    return app::report_action(context, actor, *code, *number, *text);
  });

  CLI::App* revise = cases.add_subcommand("revise-action",
                                          "Put a revision of an action taken at once to the vote, instead of "
                                          "ratifying it");
  revise->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  revise->add_option("action", *number, "The action's number")->required();
  add_action_texts(revise, *command);
  revise->add_option("--affects", command->affects, "Whom the revision affects (default: as the action)");
  on_decisions(revise, globals, action, [code, number, command](app::Context& context, const app::Actor& actor) {
    return app::revise_action(context, actor, *code, *number, *command);
  });
}

void add_feedback(CLI::App& cases, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  auto command = std::make_shared<domain::FeedbackCommand>();
  CLI::App* feedback = cases.add_subcommand(
      "feedback", "Record that an affected person was asked about an agreed proposal, or their answer");
  feedback->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  feedback->add_option("proposal", command->proposal, "The agreed proposal's number")->required();
  feedback->add_option("--party", command->party, "The reporter's or a harmed person's party number")->required();
  feedback->add_option("--step", command->step, "asked or answered")->required();
  feedback->add_option("--channel", command->channel,
                       "How they were asked: portal (the reporter's portal, and mail when they asked for it), email, "
                       "phone, in-person or other");
  feedback->add_option("--text", command->text, "The words they were shown, or their answer")->required();
  on_decisions(feedback, globals, action, [code, command](app::Context& context, const app::Actor& actor) {
    return app::record_feedback(context, actor, *code, *command);
  });
}

void add_enact(CLI::App& cases, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  auto proposal = std::make_shared<int>(0);
  auto note = std::make_shared<std::string>();
  CLI::App* enact = cases.add_subcommand(
      "enact", "Confirm an agreed proposal once its feedback round is over (the case is enacting)");
  enact->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  enact->add_option("proposal", *proposal, "The agreed proposal's number")->required();
  enact->add_option("--note", *note, "What the group noted on confirming it");
  on_decisions(enact, globals, action, [code, proposal, note](app::Context& context, const app::Actor& actor) {
    return app::enact_proposal(context, actor, *code, *proposal, *note);
  });
}

}  // namespace

void add_decision_commands(CLI::App& cases, GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  CLI::App* decisions = cases.add_subcommand(
      "decisions", "Show a case's evaluation, the reported persons' responses and its proposals with their votes");
  decisions->add_option("case", *code, "Case code name, e.g. home-shelf")->required();
  on_decisions(decisions, globals, action, [code](app::Context& context, const app::Actor& actor) {
    return app::show_decisions(context, actor, *code);
  });
  add_evaluate(cases, globals, action);
  add_respond(cases, globals, action);
  add_propose(cases, globals, action);
  add_vote(cases, globals, action);
  add_feedback(cases, globals, action);
  add_enact(cases, globals, action);
  add_act(cases, globals, action);
}

}  // namespace conduct::cli
