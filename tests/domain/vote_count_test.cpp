// The vote rule as a table (domain/vote_count.h; DESIGN §2 "Decisions"). Each row is
// one count: the policy's variant, how many members are eligible, the ballots cast
// (the proposer is member 1 and votes first), whether the deadline has passed, and
// what the count must decide. Read the rows as the rule's specification.
#include "domain/vote_count.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace conduct::domain {
namespace {

enum class Variant { Default, TwoThirdsOnly, SevereNeedsAllMembers };

struct Row {
  const char* name;
  Variant variant;
  int eligible;         // members 1..eligible are eligible; member 1 proposed
  std::string ballots;  // one letter per member from 1: a(gree), o(bject), b (abstain), . (not voted)
  bool deadline_passed;
  VoteOutcome expected;
};

constexpr VoteOutcome kOpen = VoteOutcome::Open, kConsensus = VoteOutcome::PassedByConsensus,
                      kTwoThirds = VoteOutcome::PassedByTwoThirds, kBoard = VoteOutcome::ToTheBoard;
constexpr bool kDeadline = true, kBeforeDeadline = false;

const std::vector<Row> kRows = {
    // Consensus: quorum, no objection, two agreeing besides the proposer.
    {"consensus of three", Variant::Default, 3, "aaa", kBeforeDeadline, kConsensus},
    {"consensus with an abstention", Variant::Default, 4, "aaab", kBeforeDeadline, kConsensus},
    {"one agreeing besides the proposer is not consensus, but two-thirds of 3", Variant::Default, 3, "aab",
     kBeforeDeadline, kTwoThirds},
    {"the proposer's own agreement does not make consensus", Variant::Default, 4, "aabb", kBeforeDeadline, kBoard},
    {"consensus at the deadline with quorum", Variant::Default, 6, "aaaa..", kDeadline, kConsensus},
    // One objection breaks consensus; two-thirds of the eligible members may still pass it.
    {"an objection, two-thirds of 3 met", Variant::Default, 3, "aao", kBeforeDeadline, kTwoThirds},
    {"two-thirds of 4 exactly met (3)", Variant::Default, 4, "aaao", kBeforeDeadline, kTwoThirds},
    {"two-thirds of 4 just missed (2)", Variant::Default, 4, "aaoo", kBeforeDeadline, kBoard},
    {"two-thirds of 5 exactly met (4)", Variant::Default, 5, "aaaao", kBeforeDeadline, kTwoThirds},
    {"two-thirds of 5 just missed (3)", Variant::Default, 5, "aaaoo", kBeforeDeadline, kBoard},
    {"two-thirds of 6 exactly met (4)", Variant::Default, 6, "aaaaoo", kBeforeDeadline, kTwoThirds},
    {"two-thirds of 6 just missed (3)", Variant::Default, 6, "aaaooo", kBeforeDeadline, kBoard},
    {"two-thirds of 7 exactly met (5)", Variant::Default, 7, "aaaaaoo", kBeforeDeadline, kTwoThirds},
    {"two-thirds of 7 just missed (4)", Variant::Default, 7, "aaaaooo", kBeforeDeadline, kBoard},
    {"two-thirds of 8 exactly met (6)", Variant::Default, 8, "aaaaaaoo", kBeforeDeadline, kTwoThirds},
    {"two-thirds of 8 just missed (5)", Variant::Default, 8, "aaaaaooo", kBeforeDeadline, kBoard},
    {"two-thirds of 9 exactly met (6)", Variant::Default, 9, "aaaaaaooo", kBeforeDeadline, kTwoThirds},
    {"two-thirds of 9 just missed (5)", Variant::Default, 9, "aaaaaoooo", kBeforeDeadline, kBoard},
    // Abstaining counts as not agreeing: two-thirds is of the eligible, not of votes cast.
    {"abstentions do not lower two-thirds", Variant::Default, 6, "aaaobb", kBeforeDeadline, kBoard},
    {"an objection and an abstention, two-thirds of 6 met (4)", Variant::Default, 6, "aaaaob", kBeforeDeadline,
     kTwoThirds},
    // Quorum: more than half of the eligible members voted.
    {"no quorum at the deadline", Variant::Default, 6, "aaa...", kDeadline, kBoard},
    {"no quorum, all agreeing", Variant::Default, 7, "aaa....", kDeadline, kBoard},
    {"quorum just reached at the deadline (4 of 7), consensus", Variant::Default, 7, "aaaa...", kDeadline, kConsensus},
    // Open until every eligible member has voted or the deadline passes.
    {"open: one vote missing", Variant::Default, 4, "aaa.", kBeforeDeadline, kOpen},
    {"open: even with enough agreeing", Variant::Default, 9, "aaaaaaa..", kBeforeDeadline, kOpen},
    {"at the deadline the missing vote counts as not agreeing", Variant::Default, 6, "aaaoo.", kDeadline, kBoard},
    // Fewer than three eligible: the board decides, whatever the ballots.
    {"two eligible members", Variant::Default, 2, "aa", kBeforeDeadline, kBoard},
    {"one eligible member", Variant::Default, 1, ".", kBeforeDeadline, kBoard},
    // The policy's variants.
    {"two-thirds only: unanimity passes by two-thirds", Variant::TwoThirdsOnly, 3, "aaa", kBeforeDeadline, kTwoThirds},
    {"two-thirds only: just missed", Variant::TwoThirdsOnly, 6, "aaaooo", kBeforeDeadline, kBoard},
    {"severe: consensus of 4 eligible but 4 of 9 members is no majority", Variant::SevereNeedsAllMembers, 4, "aaaa",
     kBeforeDeadline, kBoard},
    {"severe: 5 of 9 members agree", Variant::SevereNeedsAllMembers, 6, "aaaaab", kBeforeDeadline, kConsensus},
};

VoteCount count_row(const Row& row) {
  VotingPolicy policy;
  VoteCountInput input;
  input.proposer_id = 1;
  input.all_voting_members = 9;
  input.deadline_passed = row.deadline_passed;
  if (row.variant == Variant::TwoThirdsOnly) policy.rule = VoteRule::TwoThirdsOnly;
  if (row.variant == Variant::SevereNeedsAllMembers) {
    policy.all_members_majority_from_rank = 4;
    input.ladder_rank = 4;
  }
  for (int member = 1; member <= row.eligible; ++member) input.eligible.push_back(member);
  for (std::size_t i = 0; i < row.ballots.size(); ++i) {
    const char letter = row.ballots[i];
    const std::int64_t member = static_cast<std::int64_t>(i) + 1;
    if (letter == 'a') input.ballots[member] = Ballot::Agree;
    if (letter == 'o') input.ballots[member] = Ballot::Object;
    if (letter == 'b') input.ballots[member] = Ballot::Abstain;
  }
  return count_votes(policy, input);
}

TEST(VoteRuleTable, EveryRowDecidesAsTheRuleSays) {
  int consensus = 0, two_thirds = 0, board = 0, open = 0;
  for (const Row& row : kRows) {
    SCOPED_TRACE(row.name);
    const VoteCount count = count_row(row);
    EXPECT_EQ(to_string(count.outcome), to_string(row.expected)) << count.arithmetic;
    consensus += count.outcome == kConsensus;
    two_thirds += count.outcome == kTwoThirds;
    board += count.outcome == kBoard;
    open += count.outcome == kOpen;
  }
  std::cout << "vote rule table: " << kRows.size() << " rows — " << consensus << " consensus, " << two_thirds
            << " two-thirds, " << board << " to the board, " << open << " open\n";
}

TEST(VoteRuleTable, TheArithmeticIsShownWithTheOutcome) {
  const VoteCount passed = count_row({"", Variant::Default, 6, "aaaaoo", kBeforeDeadline, kTwoThirds});
  EXPECT_EQ(passed.two_thirds_needs, 4);
  EXPECT_EQ(passed.quorum_needs, 3);
  EXPECT_EQ(passed.arithmetic,
            "6 of 6 eligible members voted (quorum needs more than 3): 4 agreed, 2 objected, 0 abstained; consensus "
            "needs no objection and 2 agreeing besides the proposer (3); 4 of 6 eligible members agreed, two-thirds "
            "needs 4; passed by two-thirds.");
  const VoteCount few = count_row({"", Variant::Default, 2, "aa", kBeforeDeadline, kBoard});
  EXPECT_EQ(few.arithmetic, "2 eligible members; at least 3 are needed to decide; to the board.");
  const VoteCount open = count_row({"", Variant::Default, 4, "aaa.", kBeforeDeadline, kOpen});
  EXPECT_EQ(open.arithmetic.rfind("So far 3 of 4 eligible members voted", 0), 0u) << open.arithmetic;
  const VoteCount no_quorum = count_row({"", Variant::Default, 6, "aaa...", kDeadline, kBoard});
  EXPECT_NE(no_quorum.arithmetic.find("; no quorum; not passed: to the board."), std::string::npos);
}

TEST(VoteRuleTable, AMemberWhoRecusesMidVoteDropsOutAndTheVoteIsCountedAgain) {
  // Six eligible, five voted: 4 agree, 1 objects. One vote missing: open.
  VoteCountInput input;
  input.proposer_id = 1;
  input.all_voting_members = 6;
  input.eligible = {1, 2, 3, 4, 5, 6};
  input.ballots = {{1, Ballot::Agree}, {2, Ballot::Agree}, {3, Ballot::Agree}, {4, Ballot::Agree}, {5, Ballot::Object}};
  EXPECT_EQ(count_votes(VotingPolicy{}, input).outcome, VoteOutcome::Open);
  // Member 6, who had not voted, recuses: E is five, everyone eligible has voted, and
  // 4 of 5 meets two-thirds (4).
  input.eligible = {1, 2, 3, 4, 5};
  VoteCount count = count_votes(VotingPolicy{}, input);
  EXPECT_EQ(count.outcome, VoteOutcome::PassedByTwoThirds) << count.arithmetic;
  EXPECT_EQ(count.eligible, 5);
  // Member 2, who had agreed, recuses instead: the ballot no longer counts, 3 of 5 agree.
  input.eligible = {1, 3, 4, 5, 6};
  input.ballots[6] = Ballot::Agree;
  count = count_votes(VotingPolicy{}, input);
  EXPECT_EQ(count.agreed, 4);
  EXPECT_EQ(count.voted, 5);
  EXPECT_EQ(count.outcome, VoteOutcome::PassedByTwoThirds);
  input.ballots[6] = Ballot::Object;
  count = count_votes(VotingPolicy{}, input);
  EXPECT_EQ(count.agreed, 3);
  EXPECT_EQ(count.outcome, VoteOutcome::ToTheBoard) << count.arithmetic;
  // Recusals that leave fewer than three eligible send the matter to the board.
  input.eligible = {1, 3};
  EXPECT_EQ(count_votes(VotingPolicy{}, input).outcome, VoteOutcome::ToTheBoard);
}

TEST(VoteRuleTable, TheQuorumShareComesFromThePolicy) {
  VotingPolicy policy;
  policy.quorum_share = 0.75;
  VoteCountInput input;
  input.proposer_id = 1;
  input.eligible = {1, 2, 3, 4, 5, 6, 7, 8};
  input.deadline_passed = true;
  for (std::int64_t member = 1; member <= 6; ++member) input.ballots[member] = Ballot::Agree;
  EXPECT_EQ(count_votes(policy, input).outcome, VoteOutcome::ToTheBoard);  // 6 of 8 is not more than 6
  input.ballots[7] = Ballot::Abstain;
  EXPECT_EQ(count_votes(policy, input).outcome, VoteOutcome::PassedByConsensus);
}

}  // namespace
}  // namespace conduct::domain
