#include "domain/case_intake.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace conduct::domain {
namespace {

using testing::group_member;
using testing::test_community;
using testing::test_now;

std::optional<std::int64_t> known_person(const std::string& code) {
  if (code == "Blue Jay") return 42;
  return std::nullopt;
}

NewCaseCommand valid_command() {
  NewCaseCommand command;
  command.report.report_text = "  They kept messaging me after I asked them to stop.  ";
  command.report.channel = "web-form";
  command.occurred_on = "2026-11-20";
  command.space = "chat";
  command.location = "#help channel";
  command.ongoing = true;
  command.categories = {"harassment", "harassment", "endangerment"};
  command.report.parties = {{"reporter", "Noor Haddad", "noor@example.net", ""},
                            {"reported", "", "@drift_wood", ""},
                            {"reported", "", "", "blue-jay"}};
  return command;
}

TEST(CaseIntakeTest, PlansTheCaseItsReportAndItsParties) {
  const auto plan =
      plan_new_case(valid_command(), test_community(), group_member(), "home shelf", known_person, test_now());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->summary.code_name, "home shelf");
  EXPECT_EQ(plan->summary.state, CaseState::Received);
  EXPECT_EQ(format_date(*plan->summary.occurred_on), "2026-11-20");
  EXPECT_EQ(plan->summary.space_key, "chat");
  EXPECT_TRUE(plan->summary.ongoing);
  EXPECT_FALSE(plan->summary.physical_danger);
  EXPECT_EQ(plan->summary.categories,
            (std::vector<ViolationCategory>{ViolationCategory::Harassment, ViolationCategory::Endangerment}));
  EXPECT_EQ(plan->report.text, "They kept messaging me after I asked them to stop.");
  EXPECT_EQ(plan->report.channel, ReportChannel::WebForm);
  ASSERT_EQ(plan->timeline.size(), 1u);
  EXPECT_EQ(plan->timeline[0].kind, EntryKind::Report);
  EXPECT_EQ(plan->timeline[0].number, 1);
  EXPECT_EQ(plan->timeline[0].body, plan->report.text);
  ASSERT_EQ(plan->parties.size(), 3u);
  EXPECT_EQ(plan->parties[0].party.role, PartyRole::Reporter);
  EXPECT_FALSE(plan->parties[0].needs_person_record);
  EXPECT_EQ(plan->parties[1].party.contact, "@drift_wood");
  EXPECT_TRUE(plan->parties[1].needs_person_record);  // a new reported person gets a record
  EXPECT_EQ(plan->parties[2].party.person_id, 42);    // a known one is linked
  EXPECT_FALSE(plan->parties[2].needs_person_record);
}

TEST(CaseIntakeTest, EveryPartyMayBeUnknown) {
  NewCaseCommand command;
  command.report.report_text = "Something happened at the sprint.";
  command.report.parties = {{"reporter", "", "", ""}, {"reported", "", "", ""}};
  const auto plan = plan_new_case(command, test_community(), group_member(), "calm river", known_person, test_now());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->parties[0].party.name, "");
  EXPECT_TRUE(plan->parties[1].needs_person_record);
  EXPECT_FALSE(plan->summary.occurred_on.has_value());
}

TEST(CaseIntakeTest, ReportsEveryBadFieldAtOnce) {
  NewCaseCommand command;
  command.report.report_text = "   ";
  command.report.channel = "pigeon";
  command.occurred_on = "2027-01-01";  // after test_now()
  command.space = "moon";
  command.categories = {"rudeness"};
  command.report.parties = {{"judge", "", "", ""}, {"witness", "", "", "Blue Jay"}, {"reported", "", "", "Green Owl"}};
  const auto plan = plan_new_case(command, test_community(), group_member(), "calm river", known_person, test_now());
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code, ErrorCode::InvalidArgument);
  const auto& fields = plan.error().fields;
  for (const char* field : {"report", "channel", "occurred_on", "space", "categories", "parties[1].role",
                            "parties[2].person", "parties[3].person"})
    EXPECT_TRUE(fields.count(field)) << "missing error for " << field << ": " << plan.error().message;
  EXPECT_EQ(fields.size(), 8u);
}

TEST(CaseIntakeTest, ContentNotesAreKeptOnceEachAndOnlyKnownOnes) {
  NewCaseCommand command = valid_command();
  command.report.content_notes = {"self-harm", "violence", "self-harm"};
  const auto plan = plan_new_case(command, test_community(), group_member(), "calm river", known_person, test_now());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->report.content_notes, (std::vector<std::string>{"self-harm", "violence"}));

  command.report.content_notes = {"violence", "spiders"};
  const auto refused = plan_new_case(command, test_community(), group_member(), "calm river", known_person, test_now());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields.at("content_notes"),
            "must be among sexual-harassment, self-harm, violence, hate, graphic-images");
}

TEST(CaseIntakeTest, RefusesTextThatIsNotCleanUtf8) {
  NewCaseCommand command = valid_command();
  command.report.report_text = std::string("bad\0byte", 8);
  const auto plan = plan_new_case(command, test_community(), group_member(), "calm river", known_person, test_now());
  ASSERT_FALSE(plan.ok());
  EXPECT_TRUE(plan.error().fields.count("report"));
}

TEST(CaseNoteTest, AppendsANumberedNoteAndChecksCorrections) {
  Case current;
  current.code_name = "home shelf";
  const auto note =
      plan_note(current, 4, {"minutes", "Met and agreed to ask for logs.", 2}, group_member(), test_now());
  ASSERT_TRUE(note.ok()) << note.error().message;
  ASSERT_EQ(note->new_entries.size(), 1u);
  EXPECT_EQ(note->new_entries[0].number, 4);
  EXPECT_EQ(note->new_entries[0].kind, EntryKind::Minutes);
  EXPECT_EQ(note->new_entries[0].corrects, 2);
  EXPECT_FALSE(note->new_state.has_value());

  struct Row {
    NoteCommand command;
    const char* field;
  };
  const Row rows[] = {
      {{"note", "", std::nullopt}, "text"},
      {{"vote", "I agree", std::nullopt}, "kind"},  // votes have their own use case
      {{"note", "fix", 4}, "corrects"},             // not an earlier entry
      {{"note", "fix", 0}, "corrects"},
  };
  for (const Row& row : rows) {
    const auto refused = plan_note(current, 4, row.command, group_member(), test_now());
    ASSERT_FALSE(refused.ok()) << row.field;
    EXPECT_TRUE(refused.error().fields.count(row.field)) << refused.error().message;
  }
}

}  // namespace
}  // namespace conduct::domain

namespace conduct::domain {
namespace {

TEST(AdditionalReportTest, NumbersTheReportItsPartiesAndItsEntryAfterWhatTheCaseHolds) {
  CaseRecord current;
  current.summary.code_name = "home shelf";
  current.reports.resize(1);
  current.reports[0].number = 1;
  current.parties.resize(2);
  current.parties[0].number = 1;
  current.parties[1].number = 2;
  current.timeline.resize(4);
  for (int i = 0; i < 4; ++i) current.timeline[i].number = i + 1;

  const ReportInput input{"I saw it too.", "email", {{"witness", "Kofi", "", ""}, {"reported", "", "", "Blue Jay"}}};
  const auto plan = plan_additional_report(current, input, testing::group_member(), known_person, testing::test_now());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->report.number, 2);
  EXPECT_EQ(plan->report.channel, ReportChannel::Email);
  EXPECT_EQ(plan->entry.number, 5);
  EXPECT_EQ(plan->entry.kind, EntryKind::Report);
  EXPECT_EQ(plan->entry.body, "I saw it too.");
  ASSERT_EQ(plan->parties.size(), 2u);
  EXPECT_EQ(plan->parties[0].party.number, 3);
  EXPECT_EQ(plan->parties[1].party.number, 4);
  EXPECT_EQ(plan->parties[1].party.person_id, 42);

  const auto refused =
      plan_additional_report(current, {"", "fax", {}}, testing::group_member(), known_person, testing::test_now());
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.error().fields.count("report"));
  EXPECT_TRUE(refused.error().fields.count("channel"));
}

}  // namespace
}  // namespace conduct::domain

namespace conduct::domain {
namespace {

TEST(CaseIntakeLimitsTest, AtMostFiftyPartiesPerReport) {
  NewCaseCommand command;
  command.report.report_text = "Many people were there.";
  command.report.parties.assign(51, PartyInput{"witness", "", "", "", ""});
  const auto plan = plan_new_case(command, testing::test_community(), testing::group_member(), "calm river",
                                  known_person, testing::test_now());
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().fields.at("parties"), "at most 50 parties per report");
}

}  // namespace
}  // namespace conduct::domain
