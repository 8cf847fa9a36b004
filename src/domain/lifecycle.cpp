// The case lifecycle (docs/domain.md "Lifecycle"; reference/enforcement-manual.md "How the
// working group will respond to reports", "Resolutions", "Feedback from Affected
// Parties", "Reporting to the Board"; reference/reporting-guide.md "Reconsideration").
//
// The usual path:
//   received -> acknowledged      receipt confirmed to the reporter
//   acknowledged -> investigating the group gathers what happened
//   investigating -> deciding     a resolution is proposed and voted on
//   deciding -> awaiting-feedback the agreed resolution is shown to the affected people
//   awaiting-feedback -> enacting the group confirms the resolution after feedback
//   awaiting-feedback -> deciding ...or revises it
//   enacting -> resolved          the resolution has been carried out
//
// Short paths:
//   acknowledged -> resolved      only for a report a local representative already
//                                 handled: kept on file, resolution source "local".
//   deciding -> resolved          when no action is needed (not a violation, out of
//                                 scope, or no action): nothing to enact or ask about.
//
// The board (enforcement-manual.md "Resolutions": no consensus and no two-thirds):
//   investigating|deciding|reconsideration -> escalated-to-board
//   escalated-to-board -> enacting  the board decided; the group carries it out
//   escalated-to-board -> deciding  the board returned the matter to the group
//   escalated-to-board -> resolved  the board resolved it (source "board")
//
// After resolution:
//   resolved -> reconsideration   a party asked for the decision to be reconsidered
//   reconsideration -> resolved   the decision stands
//   reconsideration -> deciding   the decision is to be revisited
//   resolved -> reopened          new information arrived
//   reopened -> investigating
//
// Every move records a reason. Moving to "resolved" records who resolved it (group,
// board, local) and the outcome (action taken, no action, not a violation, out of
// scope), which the statistics count: "local" only on the short path, "board" only
// from escalated-to-board, "group" everywhere else; enacting ends with the action taken.
#include "domain/lifecycle.h"

#include <algorithm>

#include "core/field_errors.h"
#include "core/text.h"

namespace conduct::domain {
namespace {

using enum CaseState;

struct Move {
  CaseState from;
  CaseState to;
};

constexpr Move kMoves[] = {
    {Received, Acknowledged},
    {Acknowledged, Investigating},
    {Acknowledged, Resolved},
    {Investigating, Deciding},
    {Investigating, EscalatedToBoard},
    {Deciding, AwaitingFeedback},
    {Deciding, Resolved},
    {Deciding, EscalatedToBoard},
    {AwaitingFeedback, Enacting},
    {AwaitingFeedback, Deciding},
    {Enacting, Resolved},
    {EscalatedToBoard, Enacting},
    {EscalatedToBoard, Deciding},
    {EscalatedToBoard, Resolved},
    {Resolved, Reconsideration},
    {Resolved, Reopened},
    {Reconsideration, Resolved},
    {Reconsideration, Deciding},
    {Reconsideration, EscalatedToBoard},
    {Reopened, Investigating},
};

constexpr std::size_t kMaxReasonBytes = 20000;

// Rules on the resolution that depend on where the case comes from.
Status check_resolution(CaseState from, const Resolution& resolution) {
  if (from == Acknowledged && resolution.source != ResolutionSource::Local)
    return failed_precondition(
        "a case can be resolved straight after acknowledgement only when a local representative "
        "already handled it (resolution source 'local'); otherwise investigate it first");
  if (from == Deciding && resolution.outcome == ResolutionOutcome::ActionTaken)
    return failed_precondition(
        "a resolution with action goes through the feedback round first: move the case to "
        "'awaiting-feedback'");
  if (from == EscalatedToBoard && resolution.source != ResolutionSource::Board)
    return failed_precondition("a case escalated to the board is resolved by the board (resolution source 'board')");
  if (from != Acknowledged && from != EscalatedToBoard && resolution.source != ResolutionSource::Group)
    return failed_precondition(
        "only the group resolves a case at this stage (resolution source 'group'); the "
        "board resolves escalated cases and 'local' is for reports handled locally");
  if (from == Enacting && resolution.outcome != ResolutionOutcome::ActionTaken)
    return failed_precondition(
        "a case being enacted ends with the action taken (outcome 'action-taken'); to "
        "change the decision, move it back through the board or reconsideration");
  return ok_status();
}

}  // namespace

std::vector<CaseState> allowed_transitions(CaseState from) {
  std::vector<CaseState> targets;
  for (const Move& move : kMoves)
    if (move.from == from) targets.push_back(move.to);
  return targets;
}

Result<CaseEdit> plan_transition(const Case& current, int next_entry_number, const TransitionCommand& command,
                                 const Member& actor, Timestamp now) {
  FieldErrors errors;
  const std::optional<CaseState> target = parse_case_state(command.to);
  if (!target) errors.add("to", "must be one of " + names_of<CaseState>(case_state_names()));
  const std::string reason = trim(command.reason);
  if (reason.empty())
    errors.add("reason", "is required: say why the case moves");
  else if (reason.size() > kMaxReasonBytes || !is_clean_utf8(reason))
    errors.add("reason", "must be at most 20000 bytes of printable text");

  std::optional<Resolution> resolution;
  if (target == Resolved) {
    const auto source = parse_resolution_source(command.resolution_source);
    const auto outcome = parse_resolution_outcome(command.resolution_outcome);
    if (!source)
      errors.add("resolution_source",
                 "is required to resolve: " + names_of<ResolutionSource>(resolution_source_names()));
    if (!outcome)
      errors.add("outcome", "is required to resolve: " + names_of<ResolutionOutcome>(resolution_outcome_names()));
    else if (*outcome == ResolutionOutcome::Duplicate)
      errors.add("outcome", "duplicate closes a case only by linking it into the case it repeats");
    if (source && outcome) resolution = Resolution{*source, *outcome, now};
  } else if (!command.resolution_source.empty() || !command.resolution_outcome.empty()) {
    errors.add("resolution_source", "is only given when moving to 'resolved'");
  }
  TRY(errors.result("the transition is not valid"));

  const std::vector<CaseState> allowed = allowed_transitions(current.state);
  if (std::find(allowed.begin(), allowed.end(), *target) == allowed.end()) {
    std::vector<std::string> names;
    for (CaseState state : allowed) names.emplace_back(to_string(state));
    return failed_precondition("a case that is '" + std::string(to_string(current.state)) + "' cannot move to '" +
                               std::string(to_string(*target)) + "'; it can move to: " + join(names, ", "));
  }
  if (resolution) TRY(check_resolution(current.state, *resolution));

  CaseEdit edit;
  edit.new_state = *target;
  edit.resolution = resolution;
  TimelineEntry entry;
  entry.number = next_entry_number;
  entry.kind = EntryKind::Transition;
  entry.author_id = actor.id;
  entry.created_at = now;
  entry.body = reason;
  entry.from_state = current.state;
  entry.to_state = *target;
  edit.new_entries.push_back(std::move(entry));
  return edit;
}

}  // namespace conduct::domain
