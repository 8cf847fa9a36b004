// The group's meetings (app/meetings.h): recorded once, written on the timelines of the
// cases discussed, and read by each member only as far as they may read each case.
// Real SQLite, real sealing, as the other use-case tests.
#include "app/meetings.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/cases.h"
#include "app/conflicts.h"
#include "app_fixture.h"
#include "core/field_errors.h"

namespace conduct::app {
namespace {

class MeetingsTest : public testing::AppTest {
 protected:
  domain::Case open(const std::string& text) {
    domain::NewCaseCommand command;
    command.report.report_text = text;
    command.report.parties = {{"reported", "", "@drift_wood", "", ""}};
    next_command();
    auto record = open_case(context_, chair_, command);
    EXPECT_TRUE(record.ok()) << record.error().message;
    return record.ok() ? record->summary : domain::Case{};
  }

  domain::MeetingCommand meeting_on(const domain::Case& discussed) {
    domain::MeetingCommand command;
    command.held_on = "2026-11-24";
    command.attendees = {chair_.member.email, member_.member.email};
    command.minutes = "Agreed to review the guideline on private messages.";
    command.cases = {{discussed.code_name, "Priya reads the chat logs by Friday."}};
    command.chat_decisions = {
        {discussed.code_name, "Robin and Priya", "2026-11-20T18:05:00Z", "#wg-private", "Ask for the door camera."}};
    return command;
  }

  Result<MeetingView> record(const Actor& actor, const domain::MeetingCommand& command) {
    next_command();
    return record_meeting(context_, actor, command);
  }

  Result<MeetingView> show(const Actor& actor, int number) {
    next_command();
    return show_meeting(context_, actor, number);
  }

  std::vector<domain::TimelineEntry> entries_of_kind(const domain::Case& summary, domain::EntryKind kind) {
    next_command();
    auto shown = show_case(context_, chair_, summary.code_name);
    EXPECT_TRUE(shown.ok()) << shown.error().message;
    std::vector<domain::TimelineEntry> entries;
    if (shown.ok())
      std::copy_if(shown->timeline.begin(), shown->timeline.end(), std::back_inserter(entries),
                   [&](const domain::TimelineEntry& entry) { return entry.kind == kind; });
    return entries;
  }
};

TEST_F(MeetingsTest, AMeetingWritesOnTheTimelinesOfTheCasesItDiscussed) {
  const domain::Case discussed = open("Insults in the review of pull request 12.");
  auto recorded = record(chair_, meeting_on(discussed));
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  EXPECT_EQ(recorded->summary.meeting.number, 1);
  ASSERT_EQ(recorded->entries.size(), 2u);

  const auto minutes = entries_of_kind(discussed, domain::EntryKind::Minutes);
  ASSERT_EQ(minutes.size(), 1u);
  EXPECT_EQ(minutes[0].body,
            "Meeting 1, held on 2026-11-24.\nPresent: Robin Achterberg, Priya Raman.\n\nPriya reads the chat logs by "
            "Friday.");
  const auto decided = entries_of_kind(discussed, domain::EntryKind::ChatDecision);
  ASSERT_EQ(decided.size(), 1u);
  EXPECT_NE(decided[0].body.find("by Robin and Priya on 2026-11-20T18:05:00Z, in #wg-private"), std::string::npos);

  auto shown = show(member_, 1);
  ASSERT_TRUE(shown.ok()) << shown.error().message;
  ASSERT_TRUE(shown->minutes.has_value());
  EXPECT_EQ(*shown->minutes, "Agreed to review the guideline on private messages.");
  ASSERT_EQ(shown->entries.size(), 2u);
  EXPECT_EQ(shown->entries[0].case_code, discussed.code_name);
  EXPECT_EQ(shown->entries[0].entry_number, minutes[0].number);
  EXPECT_EQ(shown->entries[1].kind, domain::EntryKind::ChatDecision);
  ASSERT_EQ(shown->summary.attendees.size(), 2u);
  EXPECT_EQ(shown->summary.attendees[1].name, "Priya Raman");

  auto second = record(member_, {"2026-11-25", {member_.member.email}, "Only the rota.", {}, {}});
  ASSERT_TRUE(second.ok()) << second.error().message;
  next_command();
  auto listed = list_meetings(context_, chair_, 10, 0);
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].meeting.number, 2);  // newest first
  EXPECT_EQ((*listed)[1].recorded_by_name, "Robin Achterberg");
}

TEST_F(MeetingsTest, AnExcludedAttendeeIsNotedOnTheCaseAndSeesNothingOfIt) {
  const domain::Case discussed = open("Insults in the review of pull request 12.");
  next_command();
  ASSERT_TRUE(declare_conflict(context_, member_, discussed.code_name, "").ok());
  auto recorded = record(chair_, meeting_on(discussed));
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;

  const auto minutes = entries_of_kind(discussed, domain::EntryKind::Minutes);
  ASSERT_EQ(minutes.size(), 1u);
  EXPECT_NE(minutes[0].body.find("Present: Robin Achterberg.\nPresent but excluded from this case, and not part of "
                                 "its discussion: Priya Raman."),
            std::string::npos);

  auto shown = show(member_, 1);
  ASSERT_TRUE(shown.ok()) << shown.error().message;
  EXPECT_TRUE(shown->entries.empty());
  ASSERT_EQ(shown->summary.attendees.size(), 2u);  // her presence, without the case
  EXPECT_TRUE(shown->minutes.has_value());
}

TEST_F(MeetingsTest, AMemberWhoRecusesLaterLosesTheCasesPartButTheOthersKeepIt) {
  const domain::Case discussed = open("Insults in the review of pull request 12.");
  auto recorded = record(member_, meeting_on(discussed));
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  next_command();
  ASSERT_TRUE(declare_conflict(context_, member_, discussed.code_name, "").ok());

  auto hers = show(member_, 1);
  ASSERT_TRUE(hers.ok()) << hers.error().message;
  EXPECT_TRUE(hers->entries.empty());
  auto chairs = show(chair_, 1);
  ASSERT_TRUE(chairs.ok()) << chairs.error().message;
  ASSERT_EQ(chairs->entries.size(), 2u);
  EXPECT_EQ(entries_of_kind(discussed, domain::EntryKind::Minutes).at(0).author_id, member_.member.id);
}

TEST_F(MeetingsTest, ACaseTheRecorderMayNotWriteIsRefusedByItsFieldAndNothingIsWritten) {
  const domain::Case discussed = open("Insults in the review of pull request 12.");
  next_command();
  ASSERT_TRUE(declare_conflict(context_, member_, discussed.code_name, "").ok());
  const std::size_t entries_before = entries_of_kind(discussed, domain::EntryKind::Minutes).size();

  domain::MeetingCommand command = meeting_on(discussed);
  command.cases.push_back({"never seen", "Nothing."});
  auto refused = record(member_, command);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
  const std::string hidden = "no case you may write is called '" + discussed.code_name + "'";
  EXPECT_EQ(refused.error().fields.at("cases[1].case"), hidden);
  EXPECT_EQ(refused.error().fields.at("chat_decisions[1].case"), hidden);
  EXPECT_EQ(refused.error().fields.at("cases[2].case"), "no case you may write is called 'never seen'");

  EXPECT_EQ(entries_of_kind(discussed, domain::EntryKind::Minutes).size(), entries_before);
  next_command();
  auto listed = list_meetings(context_, chair_, 10, 0);
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
}

TEST_F(MeetingsTest, MinutesAreSealedForTheGroupOfTheDay) {
  auto recorded = record(chair_, {"2026-11-24", {chair_.member.email}, "The rota for December.", {}, {}});
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  const Actor newcomer = add("nia@tidewater.example", "Nia Newcomer", "member");
  auto shown = show(newcomer, 1);
  ASSERT_TRUE(shown.ok()) << shown.error().message;
  EXPECT_TRUE(shown->has_minutes);
  EXPECT_FALSE(shown->minutes.has_value());

  next_command();
  auto row = context_.store.find_meeting(chair_.community.id, 1);
  ASSERT_TRUE(row.ok() && row->has_value());
  EXPECT_EQ((*row)->minutes_sealed.find("rota"), std::string::npos);
}

TEST_F(MeetingsTest, OnlyTheGroupKeepsMeetings) {
  auto refused = record(adviser_, {"2026-11-24", {chair_.member.email}, "Minutes.", {}, {}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::PermissionDenied);
  auto unknown = show(chair_, 7);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
}

}  // namespace
}  // namespace conduct::app
