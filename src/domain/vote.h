// A vote of the working group and the ballots cast in it (docs/domain.md "Votes";
// DESIGN §2 "Decisions"; reference/working-group-manual.md "Resolutions"): what is
// being decided, when it closes, and what closing it does to a case. The count itself
// is vote_count.h. Pure: see vote.cpp for the rules in words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/time.h"
#include "domain/case.h"
#include "domain/case_edit.h"
#include "domain/policy.h"
#include "domain/proposal.h"
#include "domain/vote_count.h"

namespace conduct::domain {

NameTable<Ballot> ballot_names();
std::string_view to_string(Ballot ballot);
std::optional<Ballot> parse_ballot(std::string_view name);

std::optional<VoteOutcome> parse_vote_outcome(std::string_view name);

// What a vote decides: a proposal of a case, the review of an action a member took at
// once (unilateral.h), or a matter that is not a case's.
enum class VoteMatter { Proposal, Action, GroupMatter };
NameTable<VoteMatter> vote_matter_names();
std::string_view to_string(VoteMatter matter);
std::optional<VoteMatter> parse_vote_matter(std::string_view name);

struct Vote {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  VoteMatter matter = VoteMatter::Proposal;
  std::optional<std::int64_t> case_id;
  std::optional<int> proposal_number;  // matter proposal: the proposal put to the vote
  std::optional<int> action_number;    // matter action: the action (or revision) reviewed
  std::optional<int> ladder_rank;      // the proposal's rung, for the all-members majority
  std::int64_t proposer_id = 0;
  Timestamp opened_at;
  Timestamp closes_at;  // the deadline
  // Set when the vote closed: every eligible member voted, the deadline passed, or too
  // few members were eligible to decide.
  std::optional<Timestamp> closed_at;
  std::optional<VoteOutcome> outcome;
  std::string arithmetic;  // the count that closed it, in words (plain numbers)
};

// A vote on `proposal` of `owner`, opened `now` by the proposer; it closes after the
// policy's vote days.
Vote open_proposal_vote(const Case& owner, const Proposal& proposal, const VotingPolicy& policy, Timestamp now);
// A vote reviewing action `action_number` of `owner` (unilateral.h), opened `now` by
// `proposer`; it closes after the policy's vote days, as a proposal's.
Vote open_action_vote(const Case& owner, int action_number, std::int64_t proposer, const VotingPolicy& policy,
                      Timestamp now);

// Checks a ballot before it is cast: the vote is still open and the ballot is agree,
// object or abstain. Whether the member may vote at all is the access policy's
// (Action::VoteOnCase), and whether they are eligible is the app's count of E.
// Errors: InvalidArgument naming "ballot"; FailedPrecondition for a closed vote.
Result<Ballot> plan_ballot(const Vote& vote, std::string_view ballot, Timestamp now);

// The count once the deadline is taken into account: a vote whose deadline has passed
// is counted as closed.
bool deadline_passed(const Vote& vote, Timestamp now);

// What closing a proposal's vote writes on its case: an entry of kind "vote" with the
// count's arithmetic (numbered `next_entry`, by the system), and the move that follows
// (numbered next): a passed proposal opens the feedback round (the case moves from
// "deciding" to "awaiting-feedback"); a vote that goes to the board moves it from
// "deciding" to "escalated-to-board". No move when the case is not deciding (another
// proposal's vote moved it already: that proposal is then "not-agreed" and the group
// proposes again).
CaseEdit case_edit_after_vote(const Case& owner, const Vote& closed, const VoteCount& count, int next_entry,
                              Timestamp now);

}  // namespace conduct::domain
