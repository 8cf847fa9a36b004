// Local representatives' submissions on the SQLite store: a summary, a report and an
// escalation open cases the representative never sees, each acknowledged to them at
// once; they list what they sent in plain words; nobody else sends or lists.
#include "app/local_submissions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app/cases.h"
#include "app/mail_queue.h"
#include "app_fixture.h"

namespace conduct::app {
namespace {

class LocalSubmissionsTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    vice_chair_ = add("vic@tidewater.example", "Vic Osei", "vice-chair");
    events_ = add("events@harbour-days.example", "Harbour Days CoC team", "local-representative");
  }

  static domain::LocalSubmission summary() {
    domain::LocalSubmission submission;
    submission.kind = "summary";
    submission.what_happened = "A speaker's slides included an offensive image.";
    submission.actions_taken = "We spoke with the speaker, who removed the slide.";
    submission.people = {{"reported-person", "Sam Speaker", "@sam"}};
    return submission;
  }

  domain::Case only_case() {
    auto cases = context_.store.list_cases(chair_.community.id, store::CaseFilter{});
    EXPECT_TRUE(cases.ok() && cases->size() == 1u);
    return cases.ok() && !cases->empty() ? cases->front() : domain::Case{};
  }

  Actor vice_chair_, events_;
};

TEST_F(LocalSubmissionsTest, ASummaryOpensACaseAcknowledgedToTheTeamThatNeverSeesIt) {
  auto sent = submit_locally(context_, events_, summary());
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(sent->kind, "summary");
  EXPECT_EQ(sent->status_key, "status.acknowledged");

  const domain::Case opened = only_case();
  EXPECT_EQ(opened.state, domain::CaseState::Acknowledged);
  next_command();
  auto record = show_case(context_, chair_, opened.code_name);
  ASSERT_TRUE(record.ok()) << record.error().message;
  EXPECT_EQ(record->reports.front().channel, domain::ReportChannel::LocalRepresentative);
  EXPECT_EQ(record->reports.front().recorded_by, events_.member.id);
  EXPECT_EQ(record->timeline.front().author_id, events_.member.id) << "the team is the report's author";
  EXPECT_NE(record->reports.front().text.find("What the team did:"), std::string::npos);
  EXPECT_EQ(recipients_of("acknowledgement"),
            (std::vector<std::string>{"conduct@tidewater.example", "events@harbour-days.example"}));
  EXPECT_EQ(recipients_of("new-report"), (std::vector<std::string>{"robin@tidewater.example", "vic@tidewater.example"}))
      << "a summary reaches the chairs, as the policy says of reports";

  // The team sees what it sent and where it stands, never the case.
  auto listed = list_own_submissions(context_, events_);
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].kind, "summary");
  EXPECT_EQ((*listed)[0].submitted_at, clock_.now());
  EXPECT_EQ(list_cases(context_, events_, store::CaseFilter{}).error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(show_case(context_, events_, opened.code_name).error().code, ErrorCode::NotFound);

  // The group keeps it on file by the short path; the team reads that it is closed.
  domain::TransitionCommand keep;
  keep.to = "resolved";
  keep.reason = "Handled well by the event team; kept on file.";
  keep.resolution_source = "local";
  keep.resolution_outcome = "action-taken";
  ASSERT_TRUE(transition_case(context_, chair_, opened.code_name, keep).ok());
  listed = list_own_submissions(context_, events_);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ((*listed)[0].status_key, "status.closed");
}

TEST_F(LocalSubmissionsTest, AnEscalationReachesEveryActiveGroupMember) {
  domain::LocalSubmission escalation = summary();
  escalation.kind = "escalation";
  escalation.why_escalated = "The speaker is on the programme of our next event too.";
  ASSERT_TRUE(submit_locally(context_, events_, escalation).ok());
  EXPECT_EQ(recipients_of("new-report"),
            (std::vector<std::string>{"priya@tidewater.example", "robin@tidewater.example", "vic@tidewater.example"}));
}

TEST_F(LocalSubmissionsTest, NewestFirstAndOnlyTheirOwn) {
  const Actor moderators = add("mods@tidewater.example", "Forum moderators", "local-representative");
  domain::LocalSubmission report;
  report.kind = "report";
  report.what_happened = "Someone was shouted at during the sprint.";
  ASSERT_TRUE(submit_locally(context_, events_, summary()).ok());
  clock_.advance_seconds(3600);
  ASSERT_TRUE(submit_locally(context_, events_, report).ok());
  ASSERT_TRUE(submit_locally(context_, moderators, report).ok());
  auto listed = list_own_submissions(context_, events_);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].kind, "report");
  EXPECT_EQ((*listed)[1].kind, "summary");
}

TEST_F(LocalSubmissionsTest, NobodyElseSendsOrListsAndBadInputWritesNothing) {
  for (const Actor& actor : {chair_, member_, adviser_}) {
    EXPECT_EQ(submit_locally(context_, actor, summary()).error().code, ErrorCode::PermissionDenied);
    EXPECT_EQ(list_own_submissions(context_, actor).error().code, ErrorCode::PermissionDenied);
  }
  domain::LocalSubmission wrong = summary();
  wrong.actions_taken = " ";
  auto refused = submit_locally(context_, events_, wrong);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
  EXPECT_TRUE(refused.error().fields.count("actions_taken"));
  auto cases = context_.store.list_cases(chair_.community.id, store::CaseFilter{});
  ASSERT_TRUE(cases.ok());
  EXPECT_TRUE(cases->empty());
  EXPECT_TRUE(list_own_submissions(context_, events_)->empty());
}

}  // namespace
}  // namespace conduct::app
