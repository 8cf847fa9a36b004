// Votes, in words:
//
// - A vote decides one matter: a proposal of a case, or the review of an action a
//   member took at once (unilateral.cpp). A proposal's vote opens when it is made (the proposer is counted as any other
//   member and casts a ballot of their own) and its deadline is the policy's vote days later.
// - A ballot is agree, object or abstain; a member may change theirs while the vote is
//   open. A closed vote takes no ballot.
// - The count (vote_count.h) is made whenever the vote is shown or a ballot cast, with
//   the eligible members of that moment; once it decides, the vote is closed with its
//   outcome and that outcome no longer changes.
// - A proposal that passes opens the feedback round: the case moves from "deciding" to
//   "awaiting-feedback". A vote that goes to the board moves it to "escalated-to-board".
//   Closing writes an entry of kind "vote" with the count in plain numbers, and the
//   move (the system's) an entry saying why.
#include "domain/vote.h"

#include <array>

#include "core/field_errors.h"
#include "core/text.h"

namespace conduct::domain {
namespace {

constexpr std::array<std::pair<Ballot, std::string_view>, 3> kBallots = {
    {{Ballot::Agree, "agree"}, {Ballot::Object, "object"}, {Ballot::Abstain, "abstain"}}};
constexpr std::array<std::pair<VoteMatter, std::string_view>, 3> kMatters = {
    {{VoteMatter::Proposal, "proposal"}, {VoteMatter::Action, "action"}, {VoteMatter::GroupMatter, "group-matter"}}};
constexpr std::array<std::pair<VoteOutcome, std::string_view>, 4> kOutcomes = {
    {{VoteOutcome::Open, "open"},
     {VoteOutcome::PassedByConsensus, "passed-by-consensus"},
     {VoteOutcome::PassedByTwoThirds, "passed-by-two-thirds"},
     {VoteOutcome::ToTheBoard, "to-the-board"}}};

}  // namespace

NameTable<Ballot> ballot_names() { return kBallots; }
std::string_view to_string(Ballot ballot) { return name_in<Ballot>(kBallots, ballot); }
std::optional<Ballot> parse_ballot(std::string_view name) { return parse_in<Ballot>(kBallots, name); }

std::optional<VoteOutcome> parse_vote_outcome(std::string_view name) { return parse_in<VoteOutcome>(kOutcomes, name); }

NameTable<VoteMatter> vote_matter_names() { return kMatters; }
std::string_view to_string(VoteMatter matter) { return name_in<VoteMatter>(kMatters, matter); }
std::optional<VoteMatter> parse_vote_matter(std::string_view name) { return parse_in<VoteMatter>(kMatters, name); }

namespace {

// A vote on a matter of `owner`, opened `now` by `proposer`, closing after the
// policy's vote days.
Vote open_vote(const Case& owner, VoteMatter matter, std::int64_t proposer, const VotingPolicy& policy, Timestamp now) {
  Vote vote;
  vote.community_id = owner.community_id;
  vote.matter = matter;
  vote.case_id = owner.id;
  vote.proposer_id = proposer;
  vote.opened_at = now;
  vote.closes_at = Timestamp{now.seconds + policy.default_vote_days * kSecondsPerDay};
  return vote;
}

}  // namespace

Vote open_proposal_vote(const Case& owner, const Proposal& proposal, const VotingPolicy& policy, Timestamp now) {
  Vote vote = open_vote(owner, VoteMatter::Proposal, proposal.proposed_by, policy, now);
  vote.proposal_number = proposal.number;
  vote.ladder_rank = proposal.ladder_rank;
  return vote;
}

Vote open_action_vote(const Case& owner, int action_number, std::int64_t proposer, const VotingPolicy& policy,
                      Timestamp now) {
  Vote vote = open_vote(owner, VoteMatter::Action, proposer, policy, now);
  vote.action_number = action_number;
  return vote;
}

bool deadline_passed(const Vote& vote, Timestamp now) { return now.seconds >= vote.closes_at.seconds; }

Result<Ballot> plan_ballot(const Vote& vote, std::string_view ballot, Timestamp now) {
  if (vote.closed_at) return failed_precondition("the vote has closed; it takes no further ballot");
  if (deadline_passed(vote, now))
    return failed_precondition("the vote's deadline (" + format_timestamp(vote.closes_at) +
                               ") has passed; it takes no further ballot");
  const std::optional<Ballot> parsed = parse_ballot(trim(ballot));
  if (!parsed) {
    FieldErrors errors;
    errors.add("ballot", "must be " + names_of<Ballot>(kBallots));
    TRY(errors.result("the ballot could not be cast"));
  }
  return *parsed;
}

CaseEdit case_edit_after_vote(const Case& owner, const Vote& closed, const VoteCount& count, int next_entry,
                              Timestamp now) {
  CaseEdit edit;
  const std::string which = "The vote on proposal " + std::to_string(closed.proposal_number.value_or(0));
  edit.new_entries.push_back(
      new_entry(next_entry, EntryKind::Vote, std::nullopt, now, which + " closed. " + count.arithmetic));
  std::optional<CaseState> target;
  std::string why;
  if ((count.outcome == VoteOutcome::PassedByConsensus || count.outcome == VoteOutcome::PassedByTwoThirds) &&
      owner.state == CaseState::Deciding) {
    target = CaseState::AwaitingFeedback;
    why = which + " passed: the affected people are asked for their feedback.";
  } else if (count.outcome == VoteOutcome::ToTheBoard && owner.state == CaseState::Deciding) {
    target = CaseState::EscalatedToBoard;
    why = which + " reached no decision: the board decides.";
  }
  if (!target) return edit;
  TimelineEntry entry = new_entry(next_entry + 1, EntryKind::Transition, std::nullopt, now, std::move(why));
  entry.from_state = owner.state;
  entry.to_state = *target;
  edit.new_state = target;
  edit.new_entries.push_back(std::move(entry));
  return edit;
}

}  // namespace conduct::domain
