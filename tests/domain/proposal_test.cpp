// Proposals (domain/proposal.h): a resolution per reported person, checked against the
// case's parties and the policy's ladder, every problem named by field.
#include "domain/proposal.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace conduct::domain {
namespace {

const Timestamp kNow{1'780'000'000};  // 2026-05-28

CaseRecord a_case() { return testing::case_being_decided(); }

Member proposer() {
  Member member;
  member.id = 3;
  return member;
}

Result<ProposalPlan> propose(const ProposalCommand& command, const CaseRecord& record = a_case()) {
  return plan_proposal(record, default_policy(), command, proposer(), 1, 9, kNow);
}

TEST(Proposals, ATemporarySuspensionWithinItsDaysIsPlannedAndStatedOnTheTimeline) {
  ProposalCommand command;
  command.reported_party = 2;
  command.resolution = "temporary-suspension";
  command.duration_days = 30;
  command.behaviour = "  No comments on anyone's appearance. ";
  command.review_on = "2026-08-01";
  auto plan = propose(command);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->proposal.number, 1);
  EXPECT_EQ(plan->proposal.ladder_rank, 2);
  EXPECT_EQ(plan->proposal.behaviour, "No comments on anyone's appearance.");
  EXPECT_EQ(plan->proposal.proposed_by, 3);
  EXPECT_EQ(plan->entry.number, 9);
  EXPECT_EQ(plan->entry.kind, EntryKind::Proposal);
  EXPECT_EQ(plan->entry.body, "Proposal 1 for party 2: Temporary suspension, 30 days; review on 2026-08-01.");
}

TEST(Proposals, OtherResolutionsTakeNoDuration) {
  ProposalCommand command;
  command.reported_party = 2;
  command.resolution = "facilitated-communication";
  auto plan = propose(command);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_FALSE(plan->proposal.ladder_rank);
  EXPECT_EQ(plan->entry.body, "Proposal 1 for party 2: facilitated-communication.");
  command.duration_days = 10;
  auto refused = propose(command);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at("duration_days"), "is not taken by facilitated-communication");
}

TEST(Proposals, EveryProblemIsNamedByItsField) {
  struct Case {
    const char* what;
    ProposalCommand command;
    const char* field;
    const char* problem;
  };
  const auto with = [](auto change) {
    ProposalCommand command;
    command.reported_party = 2;
    command.resolution = "warning";
    change(command);
    return command;
  };
  const std::vector<Case> cases = {
      {"the reporter is not a reported person", with([](auto& c) { c.reported_party = 1; }), "reported_party",
       "must be the number of a reported person among the case's parties"},
      {"no such party", with([](auto& c) { c.reported_party = 5; }), "reported_party",
       "must be the number of a reported person among the case's parties"},
      {"an unknown resolution", with([](auto& c) { c.resolution = "public-shaming"; }), "resolution",
       "must be one of warning, temporary-suspension, extended-suspension, permanent-ban, no-action, "
       "facilitated-communication, referral, flag"},
      {"a suspension without its days", with([](auto& c) { c.resolution = "temporary-suspension"; }), "duration_days",
       "is required for Temporary suspension"},
      {"a suspension too short", with([](auto& c) {
         c.resolution = "temporary-suspension";
         c.duration_days = 29;
       }),
       "duration_days", "must be between 30 and 90 for Temporary suspension"},
      {"a suspension too long", with([](auto& c) {
         c.resolution = "temporary-suspension";
         c.duration_days = 91;
       }),
       "duration_days", "must be between 30 and 90 for Temporary suspension"},
      {"an extended suspension too short", with([](auto& c) {
         c.resolution = "extended-suspension";
         c.duration_days = 60;
         c.conditions = "Complete the community's training.";
       }),
       "duration_days", "must be at least 90 for Extended suspension"},
      {"an extended suspension without conditions", with([](auto& c) {
         c.resolution = "extended-suspension";
         c.duration_days = 120;
       }),
       "conditions", "are required for Extended suspension"},
      {"a warning with days", with([](auto& c) { c.duration_days = 7; }), "duration_days", "is not taken by Warning"},
      {"a review date in the past", with([](auto& c) { c.review_on = "2026-05-27"; }), "review_on",
       "must not be in the past"},
      {"a review date that is no date", with([](auto& c) { c.review_on = "next week"; }), "review_on",
       "must be a date as YYYY-MM-DD"},
      {"a message with a control character", with([](auto& c) { c.message_to_reported = std::string(1, '\x07'); }),
       "message_to_reported", nullptr},
  };
  for (const Case& each : cases) {
    SCOPED_TRACE(each.what);
    auto refused = propose(each.command);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
    ASSERT_EQ(refused.error().fields.count(each.field), 1u) << refused.error().message;
    if (each.problem) {
      EXPECT_EQ(refused.error().fields.at(each.field), each.problem);
    }
    EXPECT_EQ(refused.error().fields.size(), 1u) << refused.error().message;
  }
}

TEST(Proposals, AResolvedCaseTakesNone) {
  CaseRecord record = a_case();
  record.summary.state = CaseState::Resolved;
  ProposalCommand command;
  command.reported_party = 2;
  command.resolution = "warning";
  auto refused = propose(command, record);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::FailedPrecondition);
}

}  // namespace
}  // namespace conduct::domain
