// Meetings (domain/meeting.h): what a record of a meeting must hold, and the entries it
// leaves on the timelines of the cases discussed.
#include "domain/meeting.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace conduct::domain {
namespace {

const Timestamp kNow = testing::test_now();  // 2026-11-25T08:00:00Z

Member person(std::int64_t id, std::string email, std::string name, Role role = Role::Member) {
  Member member = testing::group_member(role);
  member.id = id;
  member.email = std::move(email);
  member.display_name = std::move(name);
  member.term_start = *parse_date("2025-01-01");
  return member;
}

const std::vector<Member> kMembers = {
    person(1, "ana@example.org", "Ana Chair", Role::Chair),
    person(2, "ben@example.org", "Ben Member"),
    person(3, "cy@example.org", "Cy Member"),
    person(4, "admin@example.org", "Instance Admin", Role::InstanceAdmin),
};

MeetingCommand a_meeting() {
  MeetingCommand command;
  command.held_on = "2026-11-24";
  command.attendees = {"ana@example.org", " Ben@Example.org "};
  command.minutes = "Agreed to review the guideline on private messages next month.";
  command.cases = {{"home shelf", "The reporter sent the chat logs; Ben reads them by Friday."}};
  command.chat_decisions = {
      {"home-shelf", "Ana and Ben", "2026-11-20T18:05:00Z", "#wg-private", "Ask the venue for the door camera."}};
  return command;
}

std::map<std::string, std::string> fields_of(const Result<MeetingPlan>& plan) {
  EXPECT_FALSE(plan.ok());
  return plan.ok() ? std::map<std::string, std::string>{} : plan.error().fields;
}

TEST(Meeting, PlansItsPlainColumnsAndTrimmedTexts) {
  const Result<MeetingPlan> plan = plan_meeting(a_meeting(), kMembers, kMembers[0], 3, kNow);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->meeting.number, 3);
  EXPECT_EQ(format_date(plan->meeting.held_on), "2026-11-24");
  EXPECT_EQ(plan->meeting.recorded_by, 1);
  EXPECT_EQ(plan->meeting.attendees, (std::vector<std::int64_t>{1, 2}));
  ASSERT_EQ(plan->cases.size(), 1u);
  EXPECT_EQ(plan->cases[0].case_code, "home shelf");
  ASSERT_EQ(plan->chat_decisions.size(), 1u);
  EXPECT_EQ(plan->chat_decisions[0].case_code, "home shelf");
  EXPECT_EQ(format_timestamp(plan->chat_decisions[0].decided_at), "2026-11-20T18:05:00Z");
}

TEST(Meeting, RefusesEveryFaultAtOnceByField) {
  MeetingCommand command = a_meeting();
  command.held_on = "2026-11-26";
  command.attendees = {"ana@example.org", "nobody@example.org", "ana@example.org", "admin@example.org"};
  command.cases = {{"home shelf", "First."}, {"home-shelf", ""}, {"not a code!", "x"}};
  command.chat_decisions = {{"", "", "2026-11-27T00:00:00Z", "", ""}};
  const std::map<std::string, std::string> fields = fields_of(plan_meeting(command, kMembers, kMembers[0], 1, kNow));
  EXPECT_EQ(fields.at("held_on"), "must not be in the future");
  EXPECT_EQ(fields.at("attendees[2]"), "must be the email address of a member of the community");
  EXPECT_EQ(fields.at("attendees[3]"), "is named twice");
  EXPECT_EQ(fields.at("attendees[4]"), "must be the email address of a member of the community");
  EXPECT_EQ(fields.at("cases[2].case"), "is named twice among the cases discussed");
  EXPECT_EQ(fields.at("cases[2].minutes"), "is required: what was said about the case");
  EXPECT_EQ(fields.at("cases[3].case"), "must be a case code name such as 'home shelf'");
  EXPECT_EQ(fields.at("chat_decisions[1].case"), "is required: the code name of the case");
  EXPECT_EQ(fields.at("chat_decisions[1].who"), "is required: who took the decision");
  EXPECT_EQ(fields.at("chat_decisions[1].channel"), "is required: the chat channel it was taken in");
  EXPECT_EQ(fields.at("chat_decisions[1].decision"), "is required: what was decided");
  EXPECT_EQ(fields.at("chat_decisions[1].decided_at"), "must not be in the future");
}

TEST(Meeting, NeedsAttendeesAndSomethingRecorded) {
  MeetingCommand command;
  command.held_on = "24 November";
  const std::map<std::string, std::string> fields = fields_of(plan_meeting(command, kMembers, kMembers[0], 1, kNow));
  EXPECT_EQ(fields.at("held_on"), "must be a date written YYYY-MM-DD");
  EXPECT_EQ(fields.at("attendees"), "is required: at least one member attended");
  EXPECT_EQ(fields.at("minutes"), "is required when no case is discussed and no chat decision is recorded");
}

TEST(Meeting, AnAttendeeMayNotHaveEndedTheirTermBeforeTheDay) {
  std::vector<Member> members = kMembers;
  members[1].term_end = *parse_date("2026-10-31");
  members[2].term_start = *parse_date("2026-11-25");  // an account made after the meeting
  MeetingCommand command = a_meeting();
  command.attendees = {"ben@example.org", "cy@example.org"};
  const Result<MeetingPlan> plan = plan_meeting(command, members, members[0], 1, kNow);
  const std::map<std::string, std::string> fields = fields_of(plan);
  EXPECT_EQ(fields.at("attendees[1]"), "had ended their term before the day of the meeting");
  EXPECT_EQ(fields.count("attendees[2]"), 0u);
}

TEST(Meeting, MinutesOfACaseNoteItsExcludedAttendeesApart) {
  MeetingCommand command = a_meeting();
  command.attendees = {"ana@example.org", "ben@example.org", "cy@example.org"};
  const Result<MeetingPlan> plan = plan_meeting(command, kMembers, kMembers[0], 3, kNow);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  const TimelineEntry entry = meeting_minutes_entry(*plan, plan->cases[0], {kMembers[2]}, 9, kNow);
  EXPECT_EQ(entry.number, 9);
  EXPECT_EQ(entry.kind, EntryKind::Minutes);
  EXPECT_EQ(entry.author_id, 1);
  EXPECT_EQ(entry.body,
            "Meeting 3, held on 2026-11-24.\nPresent: Ana Chair, Ben Member.\nPresent but excluded from this case, "
            "and not part of its discussion: Cy Member.\n\nThe reporter sent the chat logs; Ben reads them by Friday.");
  const TimelineEntry none_excluded = meeting_minutes_entry(*plan, plan->cases[0], {}, 9, kNow);
  EXPECT_EQ(none_excluded.body.find("excluded"), std::string::npos);
  EXPECT_NE(none_excluded.body.find("Present: Ana Chair, Ben Member, Cy Member."), std::string::npos);
}

TEST(Meeting, AChatDecisionSaysWhoWhenWhereAndWhat) {
  const Result<MeetingPlan> plan = plan_meeting(a_meeting(), kMembers, kMembers[0], 3, kNow);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  const TimelineEntry entry = chat_decision_entry(*plan, plan->chat_decisions[0], 10, kNow);
  EXPECT_EQ(entry.kind, EntryKind::ChatDecision);
  EXPECT_EQ(entry.body,
            "Decided in chat by Ana and Ben on 2026-11-20T18:05:00Z, in #wg-private (recorded at meeting 3, held on "
            "2026-11-24):\n\nAsk the venue for the door camera.");
}

}  // namespace
}  // namespace conduct::domain
