// Acting at once, in words:
//
// - On an ongoing situation or a threat to someone's safety any member of the group
//   may act before the group decides: a ban, a block, a call to the venue or the
//   police. They record what they did, why it could not wait, whom it affects and when
//   they acted (now, or up to 30 days back for an action recorded afterwards). Each
//   record is an entry of kind "action".
// - Acting starts a clock: the member reports the action to the group within the
//   policy's `unilateral_report_hours` of acting. Only the member who acted reports it;
//   an action whose time passed unreported shows as overdue to the whole group.
// - Reporting puts the action to the group's review: a vote by the same rule as a
//   proposal's (vote_count.h), opened by the member who acted. Agreed, the action is
//   ratified; no decision sends its review to the board.
// - Instead of ratifying, any member who may decide on the case may put a revision to
//   the vote (what changes, and why) at any time before the action was revised: the
//   action's own vote then no longer counts, and a later revision supersedes an earlier
//   one. A revision agreed leaves the action "revised" and the revision "ratified".
#include "domain/unilateral.h"

#include <array>

#include "core/field_errors.h"
#include "core/text.h"
#include "domain/text_checks.h"

namespace conduct::domain {
namespace {

constexpr std::array<std::pair<ActionSituation, std::string_view>, 2> kSituations{{
    {ActionSituation::Ongoing, "ongoing"},
    {ActionSituation::PhysicalDanger, "physical-danger"},
}};
constexpr std::array<std::pair<ActionStatus, std::string_view>, 7> kStatuses{{
    {ActionStatus::AwaitingReport, "awaiting-report"},
    {ActionStatus::UnderReview, "under-review"},
    {ActionStatus::Ratified, "ratified"},
    {ActionStatus::Revising, "revising"},
    {ActionStatus::Revised, "revised"},
    {ActionStatus::ToTheBoard, "to-the-board"},
    {ActionStatus::Superseded, "superseded"},
}};

constexpr std::size_t kMaxActionText = 20000;
constexpr std::size_t kMaxAffects = 2000;
constexpr std::int64_t kLongestBackdating = 30 * kSecondsPerDay;
// A clock a few minutes ahead of the server's is not acting in the future.
constexpr std::int64_t kClockSlack = 5 * 60;

std::string situation_in_words(ActionSituation situation) {
  return situation == ActionSituation::PhysicalDanger ? "physical danger" : "an ongoing situation";
}

// The texts of a command, checked: all problems at once.
struct CheckedTexts {
  std::string what, why, affects;
};
void check_texts(FieldErrors& errors, const ActionCommand& command, bool affects_required, CheckedTexts& texts) {
  texts.what = trim(command.what);
  texts.why = trim(command.why);
  texts.affects = trim(command.affects);
  if (texts.what.empty()) errors.add("what", "say what was done");
  if (texts.why.empty()) errors.add("why", "say why it could not wait for the group");
  if (affects_required && texts.affects.empty()) errors.add("affects", "say whom the action affects");
  check_text_field(errors, "what", texts.what, kMaxActionText);
  check_text_field(errors, "why", texts.why, kMaxActionText);
  check_text_field(errors, "affects", texts.affects, kMaxAffects);
}

}  // namespace

std::string action_label(const UnilateralAction& action) {
  return (action.revises ? "Revision " : "Action ") + std::to_string(action.number);
}

NameTable<ActionSituation> action_situation_names() { return kSituations; }
std::string_view to_string(ActionSituation situation) { return name_in<ActionSituation>(kSituations, situation); }
std::optional<ActionSituation> parse_action_situation(std::string_view name) {
  return parse_in<ActionSituation>(kSituations, name);
}

NameTable<ActionStatus> action_status_names() { return kStatuses; }
std::string_view to_string(ActionStatus status) { return name_in<ActionStatus>(kStatuses, status); }
std::optional<ActionStatus> parse_action_status(std::string_view name) {
  return parse_in<ActionStatus>(kStatuses, name);
}

Result<ActionPlan> plan_unilateral_action(const Case& summary, const Policy& policy, const ActionCommand& command,
                                          const Member& actor, int number, int next_entry, Timestamp now) {
  if (summary.escrowed) return failed_precondition("the case is held in escrow: nobody acts on it");
  FieldErrors errors;
  const std::optional<ActionSituation> situation = parse_action_situation(trim(command.situation));
  if (!situation) errors.add("situation", "must be one of: " + names_of(action_situation_names()));
  CheckedTexts texts;
  check_texts(errors, command, true, texts);
  Timestamp taken_at = now;
  if (const std::string when = trim(command.taken_at); !when.empty()) {
    const std::optional<Timestamp> parsed = parse_timestamp(when);
    if (!parsed)
      errors.add("taken_at", "must be a time such as 2026-06-01T14:30:00Z");
    else if (parsed->seconds > now.seconds + kClockSlack)
      errors.add("taken_at", "must not be in the future");
    else if (parsed->seconds < now.seconds - kLongestBackdating)
      errors.add("taken_at", "must be within the last 30 days");
    else
      taken_at = *parsed;
  }
  TRY(errors.result("the action could not be recorded"));

  ActionPlan plan;
  UnilateralAction& action = plan.action;
  action.number = number;
  action.situation = *situation;
  action.status = ActionStatus::AwaitingReport;
  action.taken_by = actor.id;
  action.taken_at = taken_at;
  action.recorded_at = now;
  action.report_due = Timestamp{taken_at.seconds + policy.deadlines.unilateral_report_hours * kSecondsPerHour};
  action.what = texts.what;
  action.why = texts.why;
  action.affects = texts.affects;
  std::string body = action_label(action) + ", taken at once on " + situation_in_words(action.situation) + " (" +
                     format_timestamp(taken_at) + "): " + texts.what + "\nWhy it could not wait: " + texts.why +
                     "\nWhom it affects: " + texts.affects + "\nTo be reported to the group by " +
                     format_timestamp(action.report_due) + ".";
  plan.entry = new_entry(next_entry, EntryKind::Action, actor.id, now, std::move(body));
  return plan;
}

Result<ActionReportPlan> plan_action_report(const Case& summary, const UnilateralAction& action,
                                            const std::string& text, const VotingPolicy& voting, const Member& actor,
                                            int next_entry, Timestamp now) {
  if (action.status != ActionStatus::AwaitingReport)
    return failed_precondition(action_label(action) + " is " + std::string(to_string(action.status)) +
                               ": only an action awaiting its report is reported");
  if (action.taken_by != actor.id)
    return failed_precondition(action_label(action) + " is reported by the member who took it");
  FieldErrors errors;
  const std::string trimmed = trim(text);
  if (trimmed.empty()) errors.add("text", "say what happened and what the group is asked to review");
  check_text_field(errors, "text", trimmed, kMaxActionText);
  TRY(errors.result("the action could not be reported"));
  const bool late = now.seconds > action.report_due.seconds;
  ActionReportPlan plan;
  plan.entry =
      new_entry(next_entry, EntryKind::Action, actor.id, now,
                action_label(action) + " reported to the group for review" +
                    (late ? " after its time (" + format_timestamp(action.report_due) + ")" : "") + ":\n" + trimmed);
  plan.review = open_action_vote(summary, action.number, actor.id, voting, now);
  return plan;
}

Result<RevisionPlan> plan_action_revision(const Case& summary, const UnilateralAction& original,
                                          const ActionCommand& command, const VotingPolicy& voting, const Member& actor,
                                          int number, int next_entry, Timestamp now) {
  if (original.revises)
    return failed_precondition(action_label(original) + " revises action " + std::to_string(*original.revises) +
                               ": put a revision of that action instead");
  if (original.status == ActionStatus::Revised)
    return failed_precondition(action_label(original) + " was revised already");
  FieldErrors errors;
  CheckedTexts texts;
  check_texts(errors, command, false, texts);
  TRY(errors.result("the revision could not be put to the vote"));
  RevisionPlan plan;
  UnilateralAction& revision = plan.revision;
  revision.number = number;
  revision.revises = original.number;
  revision.situation = original.situation;
  revision.status = ActionStatus::UnderReview;
  revision.taken_by = actor.id;
  revision.taken_at = now;
  revision.recorded_at = now;
  revision.report_due = now;
  revision.reported_at = now;
  revision.what = texts.what;
  revision.why = texts.why;
  revision.affects = texts.affects.empty() ? original.affects : texts.affects;
  plan.entry = new_entry(next_entry, EntryKind::Action, actor.id, now,
                         action_label(revision) + " of action " + std::to_string(original.number) +
                             " is put to the vote: " + texts.what + "\nWhy: " + texts.why);
  plan.review = open_action_vote(summary, revision.number, actor.id, voting, now);
  return plan;
}

bool report_overdue(const UnilateralAction& action, Timestamp now) {
  return action.status == ActionStatus::AwaitingReport && now.seconds > action.report_due.seconds;
}

std::string action_state_in_words(const UnilateralAction& action, Timestamp now) {
  switch (action.status) {
    case ActionStatus::AwaitingReport:
      return report_overdue(action, now) ? "its report to the group was due " + format_timestamp(action.report_due)
                                         : "to be reported to the group by " + format_timestamp(action.report_due);
    case ActionStatus::UnderReview:
      return "under review by the group";
    case ActionStatus::Ratified:
      return action.revises ? "agreed by the group" : "ratified by the group";
    case ActionStatus::Revising:
      return "a revision is being voted on";
    case ActionStatus::Revised:
      return "revised by the group";
    case ActionStatus::ToTheBoard:
      return "the group reached no decision: the board reviews it";
    case ActionStatus::Superseded:
      return "superseded by a later revision";
  }
  return "";
}

ReviewOutcome review_outcome(const UnilateralAction& action, const VoteCount& count, int next_entry, Timestamp now) {
  ReviewOutcome outcome;
  const bool passed =
      count.outcome == VoteOutcome::PassedByConsensus || count.outcome == VoteOutcome::PassedByTwoThirds;
  outcome.status = passed ? ActionStatus::Ratified : ActionStatus::ToTheBoard;
  // The action a revision changes follows it: revised when it is agreed, and reviewed
  // by the board with it when the group reaches no decision.
  if (action.revises) outcome.original_status = passed ? ActionStatus::Revised : ActionStatus::ToTheBoard;
  std::string body = "The review of " + std::string(action.revises ? "revision " : "action ") +
                     std::to_string(action.number) + " closed. " + count.arithmetic;
  if (!passed) body += " The board reviews it.";
  outcome.entry = new_entry(next_entry, EntryKind::Vote, std::nullopt, now, std::move(body));
  return outcome;
}

}  // namespace conduct::domain
