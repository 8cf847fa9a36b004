// Counting a vote of the working group (docs/domain.md "The vote rule"; DESIGN §2
// "Decisions"; reference/working-group-manual.md "Resolutions": consensus, else a
// two-thirds majority of the members without a conflict, else the board). Pure: the
// app says who is eligible at the moment of counting and which ballots were cast; this
// says whether the vote is still open, what it decided, and shows its arithmetic. See
// vote_count.cpp for the rule in words.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/policy.h"

namespace conduct::domain {

enum class Ballot { Agree, Object, Abstain };

struct VoteCountInput {
  std::int64_t proposer_id = 0;
  // E: the active voting members without a conflict on the matter, at the moment of
  // counting (a member who recuses mid-vote is no longer in it; advisers never are).
  std::vector<std::int64_t> eligible;
  // Every active voting member, conflicts included: the all-members majority counts them.
  int all_voting_members = 0;
  // The ballots cast, by member. Ballots of members not in `eligible` are not counted.
  std::map<std::int64_t, Ballot> ballots;
  // The deadline has passed (or the vote was closed by the procedure).
  bool deadline_passed = false;
  // The proposal's ladder rank, when it proposes a rung of the ladder.
  std::optional<int> ladder_rank;
};

enum class VoteOutcome {
  Open,  // eligible members still to vote, deadline not passed
  PassedByConsensus,
  PassedByTwoThirds,
  ToTheBoard,  // closed without a decision, or too few eligible members to decide
};
std::string_view to_string(VoteOutcome outcome);

struct VoteCount {
  VoteOutcome outcome = VoteOutcome::Open;
  int eligible = 0;
  int voted = 0;  // eligible members who cast a ballot
  int agreed = 0;
  int objected = 0;
  int abstained = 0;
  int agreed_besides_proposer = 0;
  int quorum_needs = 0;                           // more voters than this
  int two_thirds_needs = 0;                       // at least this many agreeing
  std::optional<int> all_members_majority_needs;  // at least this many agreeing, severe proposals
  bool quorum = false;
  // The count in words, e.g. "4 of 6 eligible members agreed; two-thirds needs 4;
  // passed by two-thirds." Plain numbers only: safe for any member who sees the vote.
  std::string arithmetic;
};

VoteCount count_votes(const VotingPolicy& policy, const VoteCountInput& input);

}  // namespace conduct::domain
