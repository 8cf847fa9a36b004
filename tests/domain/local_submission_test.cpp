#include "domain/local_submission.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "test_support.h"

namespace conduct::domain {
namespace {

using testing::group_member;
using testing::test_community;
using testing::test_now;

Member representative() {
  Member member = group_member(Role::LocalRepresentative);
  member.email = "Events@Harbour-Days.example";
  member.display_name = "Harbour Days CoC team";
  return member;
}

LocalSubmission summary() {
  LocalSubmission submission;
  submission.kind = "summary";
  submission.what_happened = "A speaker's slides included an offensive image.";
  submission.actions_taken = "We spoke with the speaker, who removed the slide.";
  submission.responses = "The speaker apologised on stage.";
  submission.people = {{"reported-person", "Sam Speaker", "@sam"}};
  return submission;
}

std::set<std::string> fields_of(const Error& error) {
  std::set<std::string> fields;
  for (const auto& [field, problem] : error.fields) fields.insert(field);
  return fields;
}

TEST(LocalSubmissionTest, ASummaryIsKeptOnFileWithTheTeamsActionsUnderTheirHeadings) {
  const auto plan = plan_local_submission(summary(), test_community(), representative(), test_now());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->kind, SubmissionKind::Summary);
  EXPECT_EQ(plan->report.wording, AcknowledgementWording::KeptOnFile);
  EXPECT_FALSE(plan->notify_whole_group);
  EXPECT_EQ(plan->report.acknowledge_to, "events@harbour-days.example");
  EXPECT_FALSE(plan->report.answer_by_email);
  const NewCaseCommand& command = plan->report.command;
  EXPECT_EQ(command.report.channel, "local-representative");
  EXPECT_EQ(command.report.report_text,
            "An after-event summary from Harbour Days CoC team (local representative): the team already handled "
            "this incident and sends it for the record.\n\n"
            "A speaker's slides included an offensive image.\n\n"
            "What the team did:\nWe spoke with the speaker, who removed the slide.\n\n"
            "Responses and outcome:\nThe speaker apologised on stage.");
  ASSERT_EQ(command.report.parties.size(), 2u);
  EXPECT_EQ(command.report.parties[0].role, "reporter");
  EXPECT_EQ(command.report.parties[0].name, "Harbour Days CoC team");
  EXPECT_EQ(command.report.parties[1].role, "reported");
}

TEST(LocalSubmissionTest, AnEscalationReachesTheWholeGroupAndSaysWhy) {
  LocalSubmission escalation = summary();
  escalation.kind = "escalation";
  escalation.actions_taken.clear();
  escalation.responses.clear();
  escalation.why_escalated = "The speaker is on the programme of our next event too.";
  const auto plan = plan_local_submission(escalation, test_community(), representative(), test_now());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_TRUE(plan->notify_whole_group);
  EXPECT_EQ(plan->report.wording, AcknowledgementWording::LookingIntoIt);
  EXPECT_NE(plan->report.command.report.report_text.find(
                "Why the group is asked to act:\nThe speaker is on the programme of our next event too."),
            std::string::npos);
}

TEST(LocalSubmissionTest, EachKindAsksForWhatItNeeds) {
  LocalSubmission bare;
  bare.kind = "summary";
  auto plan = plan_local_submission(bare, test_community(), representative(), test_now());
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(fields_of(plan.error()), (std::set<std::string>{"actions_taken", "what_happened"}));
  bare.kind = "escalation";
  plan = plan_local_submission(bare, test_community(), representative(), test_now());
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(fields_of(plan.error()), (std::set<std::string>{"why_escalated", "what_happened"}));
  bare.kind = "complaint";
  bare.space = "moon";
  plan = plan_local_submission(bare, test_community(), representative(), test_now());
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(fields_of(plan.error()), (std::set<std::string>{"kind", "space", "what_happened"}));
  LocalSubmission report;
  report.kind = "report";
  report.what_happened = "Someone was shouted at during the sprint.";
  EXPECT_TRUE(plan_local_submission(report, test_community(), representative(), test_now()).ok());
}

TEST(LocalSubmissionTest, OnlyAnActiveLocalRepresentativeOfTheCommunitySends) {
  for (Role role : {Role::Member, Role::Chair, Role::Liaison, Role::BoardMember, Role::InstanceAdmin}) {
    const auto plan = plan_local_submission(summary(), test_community(), group_member(role), test_now());
    ASSERT_FALSE(plan.ok());
    EXPECT_EQ(plan.error().code, ErrorCode::PermissionDenied);
  }
  Member elsewhere = representative();
  elsewhere.community_id = 2;
  EXPECT_EQ(plan_local_submission(summary(), test_community(), elsewhere, test_now()).error().code,
            ErrorCode::PermissionDenied);
  Member former = representative();
  former.status = MemberStatus::Former;
  EXPECT_EQ(plan_local_submission(summary(), test_community(), former, test_now()).error().code,
            ErrorCode::PermissionDenied);
}

}  // namespace
}  // namespace conduct::domain
