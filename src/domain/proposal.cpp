// Proposals, in words:
//
// - A proposal concerns one reported person of the case, named by their party number;
//   a case naming two people gets a proposal for each.
// - Its resolution is a rung of the community's ladder (its key in the policy) or one
//   of the resolutions that are not sanctions: no action, facilitated communication,
//   a referral elsewhere, or flagging the person's record. Lower rungs may be skipped
//   (reference/enforcement-manual.md): any rung may be proposed.
// - A rung with a minimum or maximum duration needs a duration in days within them
//   (a temporary suspension: 30 to 90 days by default); a rung or resolution without
//   durations takes none. A rung that requires conditions for return needs them.
// - A review date, when given, is a real date and not before today.
// - Free texts (behaviour, repair, conditions, the two messages) are optional, checked
//   for size and printable UTF-8, and sealed: they are case content.
// - A resolved case takes no proposal (reopen it first); nor does a case held in escrow.
// - The proposal is recorded on the timeline as an entry of kind "proposal" that states
//   the resolution in words; its texts stay in the proposal.
#include "domain/proposal.h"

#include <algorithm>
#include <array>

#include "core/field_errors.h"
#include "core/text.h"
#include "domain/text_checks.h"

namespace conduct::domain {
namespace {

constexpr std::size_t kMaxProposalText = 20000;

std::string resolution_choices(const Policy& policy) {
  std::string choices;
  for (const LadderLevel& level : policy.ladder) choices += (choices.empty() ? "" : ", ") + level.key;
  for (const std::string& other : other_resolutions()) choices += (choices.empty() ? "" : ", ") + other;
  return choices;
}

constexpr std::array<std::pair<ProposalStatus, std::string_view>, 5> kStatuses{
    {{ProposalStatus::Voting, "voting"},
     {ProposalStatus::Agreed, "agreed"},
     {ProposalStatus::NotAgreed, "not-agreed"},
     {ProposalStatus::Superseded, "superseded"},
     {ProposalStatus::Enacted, "enacted"}}};

std::string days(int count) { return std::to_string(count) + (count == 1 ? " day" : " days"); }

}  // namespace

NameTable<ProposalStatus> proposal_status_names() { return kStatuses; }
std::string_view to_string(ProposalStatus status) { return name_in<ProposalStatus>(kStatuses, status); }
std::optional<ProposalStatus> parse_proposal_status(std::string_view name) {
  return parse_in<ProposalStatus>(kStatuses, name);
}

const std::vector<std::string>& other_resolutions() {
  static const std::vector<std::string> all = {"no-action", "facilitated-communication", "referral", "flag"};
  return all;
}

Result<ProposalPlan> plan_proposal(const CaseRecord& record, const Policy& policy, const ProposalCommand& command,
                                   const Member& actor, int next_proposal, int next_entry, Timestamp now) {
  if (record.summary.state == CaseState::Resolved)
    return failed_precondition("a resolved case takes no proposal; reopen it first");
  if (record.summary.escrowed) return failed_precondition("a case held in escrow takes no proposal");

  FieldErrors errors;
  if (!is_reported_party(record, command.reported_party))
    errors.add("reported_party", "must be the number of a reported person among the case's parties");

  const std::string resolution = trim(command.resolution);
  const LadderLevel* rung = find_ladder_level(policy, resolution);
  const bool other =
      std::find(other_resolutions().begin(), other_resolutions().end(), resolution) != other_resolutions().end();
  if (!rung && !other) errors.add("resolution", "must be one of " + resolution_choices(policy));

  const bool has_durations = rung && (rung->minimum_days || rung->maximum_days);
  if (rung && has_durations) {
    if (!command.duration_days) {
      errors.add("duration_days", "is required for " + rung->name);
    } else if ((rung->minimum_days && *command.duration_days < *rung->minimum_days) ||
               (rung->maximum_days && *command.duration_days > *rung->maximum_days)) {
      std::string range = rung->minimum_days && rung->maximum_days ? "between " + std::to_string(*rung->minimum_days) +
                                                                         " and " + std::to_string(*rung->maximum_days)
                          : rung->minimum_days ? "at least " + std::to_string(*rung->minimum_days)
                                               : "at most " + std::to_string(*rung->maximum_days);
      errors.add("duration_days", "must be " + range + " for " + rung->name);
    }
  } else if ((rung || other) && command.duration_days) {
    errors.add("duration_days", "is not taken by " + (rung ? rung->name : resolution));
  }

  const std::string conditions = trim(command.conditions);
  if (rung && rung->requires_conditions && conditions.empty())
    errors.add("conditions", "are required for " + rung->name);

  std::optional<Date> review_on;
  if (!trim(command.review_on).empty()) {
    review_on = parse_date(trim(command.review_on));
    if (!review_on)
      errors.add("review_on", "must be a date as YYYY-MM-DD");
    else if (*review_on < date_of(now))
      errors.add("review_on", "must not be in the past");
  }

  Proposal proposal;
  const struct {
    const char* field;
    const std::string& text;
    std::string* into;
  } texts[] = {{"behaviour", command.behaviour, &proposal.behaviour},
               {"repair", command.repair, &proposal.repair},
               {"conditions", command.conditions, &proposal.conditions},
               {"message_to_reported", command.message_to_reported, &proposal.message_to_reported},
               {"message_to_reporter", command.message_to_reporter, &proposal.message_to_reporter}};
  for (const auto& text : texts) {
    *text.into = trim(text.text);
    check_text_field(errors, text.field, *text.into, kMaxProposalText);
  }
  TRY(errors.result("the proposal could not be made"));

  proposal.number = next_proposal;
  proposal.reported_party = command.reported_party;
  proposal.resolution = resolution;
  if (rung) proposal.ladder_rank = rung->rank;
  proposal.duration_days = command.duration_days;
  proposal.review_on = review_on;
  proposal.proposed_by = actor.id;
  proposal.proposed_at = now;

  std::string body = "Proposal " + std::to_string(proposal.number) + " for party " +
                     std::to_string(proposal.reported_party) + ": " + (rung ? rung->name : resolution);
  if (proposal.duration_days) body += ", " + days(*proposal.duration_days);
  if (proposal.review_on) body += "; review on " + format_date(*proposal.review_on);
  body += ".";

  ProposalPlan plan;
  plan.proposal = std::move(proposal);
  plan.entry = new_entry(next_entry, EntryKind::Proposal, actor.id, now, std::move(body));
  return plan;
}

}  // namespace conduct::domain
