// The vote rule, in words (the default policy; VotingPolicy names the variants):
//
// - The eligible members E are the active voting members without a conflict on the
//   matter at the moment of counting. A member who declares a conflict mid-vote drops
//   out of E and their ballot is no longer counted; the vote is counted again.
// - Ballots are agree, object or abstain. A vote closes when every eligible member has
//   voted, or when its deadline passes. Until then it is open, and its count so far is
//   shown but decides nothing.
// - Fewer than `minimum_eligible` (3) eligible members cannot decide: the matter goes
//   to the board at once.
// - Quorum: more than `quorum_share` (half) of E have voted. Without quorum nothing
//   passes.
// - Consensus: quorum, no objection, and at least two members agreeing besides the
//   proposer. The policy may drop this step (rule "two-thirds-only").
// - Failing consensus, two-thirds: at least ⌈2·|E|/3⌉ of the eligible members agree —
//   of the eligible members, not of the votes cast; abstaining counts as not agreeing.
// - A severe proposal (ladder rank at least `all_members_majority_from_rank`, when the
//   policy sets it) also needs a majority of all active voting members to agree,
//   conflicts included: more than half of them.
// - A vote that closes without passing goes to the board.
#include "domain/vote_count.h"

#include <algorithm>
#include <cmath>

namespace conduct::domain {
namespace {

// Quorum is more voters than this: `share` of `eligible`, rounded down (more than half
// of 6 is 4 or more, of 5 is 3 or more).
int quorum_threshold(double share, int eligible) { return static_cast<int>(std::floor(share * eligible + 1e-9)); }

std::string of_eligible(int count, int eligible, const char* what) {
  return std::to_string(count) + " of " + std::to_string(eligible) + " eligible members " + what;
}

}  // namespace

std::string_view to_string(VoteOutcome outcome) {
  switch (outcome) {
    case VoteOutcome::Open:
      return "open";
    case VoteOutcome::PassedByConsensus:
      return "passed-by-consensus";
    case VoteOutcome::PassedByTwoThirds:
      return "passed-by-two-thirds";
    case VoteOutcome::ToTheBoard:
      return "to-the-board";
  }
  return "open";
}

VoteCount count_votes(const VotingPolicy& policy, const VoteCountInput& input) {
  VoteCount count;
  std::vector<std::int64_t> eligible = input.eligible;
  std::sort(eligible.begin(), eligible.end());
  eligible.erase(std::unique(eligible.begin(), eligible.end()), eligible.end());
  count.eligible = static_cast<int>(eligible.size());
  for (const auto& [member, ballot] : input.ballots) {
    if (!std::binary_search(eligible.begin(), eligible.end(), member)) continue;
    ++count.voted;
    if (ballot == Ballot::Agree) {
      ++count.agreed;
      if (member != input.proposer_id) ++count.agreed_besides_proposer;
    } else if (ballot == Ballot::Object) {
      ++count.objected;
    } else {
      ++count.abstained;
    }
  }
  count.quorum_needs = quorum_threshold(policy.quorum_share, count.eligible);
  count.quorum = count.voted > count.quorum_needs;
  count.two_thirds_needs = (2 * count.eligible + 2) / 3;
  const bool severe = policy.all_members_majority_from_rank && input.ladder_rank &&
                      *input.ladder_rank >= *policy.all_members_majority_from_rank;
  if (severe) count.all_members_majority_needs = input.all_voting_members / 2 + 1;

  if (count.eligible < policy.minimum_eligible) {
    count.outcome = VoteOutcome::ToTheBoard;
    count.arithmetic = std::to_string(count.eligible) + " eligible " + (count.eligible == 1 ? "member" : "members") +
                       "; at least " + std::to_string(policy.minimum_eligible) + " are needed to decide; to the board.";
    return count;
  }

  const bool closed = input.deadline_passed || count.voted == count.eligible;
  const bool majority_of_all = !count.all_members_majority_needs || count.agreed >= *count.all_members_majority_needs;
  const bool consensus = policy.rule == VoteRule::ConsensusThenTwoThirds && count.quorum && count.objected == 0 &&
                         count.agreed_besides_proposer >= 2 && majority_of_all;
  const bool two_thirds = count.quorum && count.agreed >= count.two_thirds_needs && majority_of_all;

  std::string words = of_eligible(count.voted, count.eligible, "voted") + " (quorum needs more than " +
                      std::to_string(count.quorum_needs) + "): " + std::to_string(count.agreed) + " agreed, " +
                      std::to_string(count.objected) + " objected, " + std::to_string(count.abstained) + " abstained";
  if (policy.rule == VoteRule::ConsensusThenTwoThirds)
    words += "; consensus needs no objection and 2 agreeing besides the proposer (" +
             std::to_string(count.agreed_besides_proposer) + ")";
  words += "; " + of_eligible(count.agreed, count.eligible, "agreed") + ", two-thirds needs " +
           std::to_string(count.two_thirds_needs);
  if (count.all_members_majority_needs)
    words += "; a severe proposal also needs " + std::to_string(*count.all_members_majority_needs) + " of all " +
             std::to_string(input.all_voting_members) + " voting members";

  if (!closed) {
    count.outcome = VoteOutcome::Open;
    count.arithmetic = "So far " + words + "; open until every eligible member has voted or the deadline passes.";
  } else if (consensus) {
    count.outcome = VoteOutcome::PassedByConsensus;
    count.arithmetic = words + "; passed by consensus.";
  } else if (two_thirds) {
    count.outcome = VoteOutcome::PassedByTwoThirds;
    count.arithmetic = words + "; passed by two-thirds.";
  } else {
    count.outcome = VoteOutcome::ToTheBoard;
    count.arithmetic = words + (count.quorum ? "" : "; no quorum") + "; not passed: to the board.";
  }
  return count;
}

}  // namespace conduct::domain
