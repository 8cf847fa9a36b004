// Acting at once, before the group decides (docs/domain.md "Acting at once";
// reference/enforcement-manual.md "Acting Unilaterally"): on an ongoing situation or a
// threat to someone's safety any member may act immediately, and must then report what
// they did to the group within the policy's hours; the group reviews the action by the
// vote rule and ratifies it, or revises it. Pure: see unilateral.cpp for the rules in
// words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/time.h"
#include "domain/case.h"
#include "domain/member.h"
#include "domain/policy.h"
#include "domain/vote.h"

namespace conduct::domain {

// Why the member could not wait for the group.
enum class ActionSituation { Ongoing, PhysicalDanger };
NameTable<ActionSituation> action_situation_names();
std::string_view to_string(ActionSituation situation);
std::optional<ActionSituation> parse_action_situation(std::string_view name);

// Where an action stands. An action taken is awaiting its report; once reported it is
// under review (its vote open) until the vote ratifies it or reaches no decision (the
// board reviews it). A revision put to the vote leaves the action "revising" (its own
// vote no longer counts) and, once agreed, "revised". A revision is itself under
// review, ratified when agreed, and superseded by a later revision of the same action.
enum class ActionStatus { AwaitingReport, UnderReview, Ratified, Revising, Revised, ToTheBoard, Superseded };
NameTable<ActionStatus> action_status_names();
std::string_view to_string(ActionStatus status);
std::optional<ActionStatus> parse_action_status(std::string_view name);

struct UnilateralAction {
  int number = 0;              // 1, 2, … within the case
  std::optional<int> revises;  // a revision: the number of the action it changes
  ActionSituation situation = ActionSituation::Ongoing;
  ActionStatus status = ActionStatus::AwaitingReport;
  std::int64_t taken_by = 0;  // who acted (for a revision: who put it to the vote)
  Timestamp taken_at;         // when they acted
  Timestamp recorded_at;
  Timestamp report_due;  // taken_at + the policy's unilateral_report_hours
  std::optional<Timestamp> reported_at;
  std::string what;     // sealed: what was done
  std::string why;      // sealed: why it could not wait
  std::string affects;  // sealed: whom it affects
};

struct ActionCommand {
  std::string situation;  // ongoing or physical-danger
  std::string what;
  std::string why;
  std::string affects;
  std::string taken_at;  // YYYY-MM-DDTHH:MM:SSZ, or empty for now
};

struct ActionPlan {
  UnilateralAction action;
  TimelineEntry entry;  // kind action, numbered `next_entry`
};

// Records an action a member took. Errors: InvalidArgument naming the fields (what,
// why and whom it affects are required; the time is not in the future nor more than
// 30 days back); FailedPrecondition for a case held in escrow.
Result<ActionPlan> plan_unilateral_action(const Case& summary, const Policy& policy, const ActionCommand& command,
                                          const Member& actor, int number, int next_entry, Timestamp now);

// The member who acted reports the action to the group: an entry saying so (and
// whether on time), and the review vote to open. Errors: InvalidArgument naming
// "text"; FailedPrecondition when the action is not awaiting its report or the actor
// did not take it.
struct ActionReportPlan {
  TimelineEntry entry;
  Vote review;
};
Result<ActionReportPlan> plan_action_report(const Case& summary, const UnilateralAction& action,
                                            const std::string& text, const VotingPolicy& voting, const Member& actor,
                                            int next_entry, Timestamp now);

// A revision of `original` put to the vote: a new action record (numbered `number`,
// under review from now) and its vote. What it changes and why are required; whom it
// affects defaults to the original's. Errors: InvalidArgument naming the fields;
// FailedPrecondition for an action already revised, or a revision (revise the action
// itself).
struct RevisionPlan {
  UnilateralAction revision;
  TimelineEntry entry;
  Vote review;
};
Result<RevisionPlan> plan_action_revision(const Case& summary, const UnilateralAction& original,
                                          const ActionCommand& command, const VotingPolicy& voting, const Member& actor,
                                          int number, int next_entry, Timestamp now);

// "Action 2", or "Revision 3" for a revision: how messages and entries name it.
std::string action_label(const UnilateralAction& action);

// The action still owes its report and its time has passed.
bool report_overdue(const UnilateralAction& action, Timestamp now);
// Where the action stands, in words ("to be reported to the group by …", "reported …,
// under review", "ratified", …).
std::string action_state_in_words(const UnilateralAction& action, Timestamp now);

// What a closed review vote does: the action's new status (and, for a revision, the
// original's: revised when it is agreed, to the board with it otherwise), and the
// vote's entry (kind vote, by the system).
struct ReviewOutcome {
  ActionStatus status = ActionStatus::UnderReview;
  std::optional<ActionStatus> original_status;
  TimelineEntry entry;
};
ReviewOutcome review_outcome(const UnilateralAction& action, const VoteCount& count, int next_entry, Timestamp now);

}  // namespace conduct::domain
