// Reports held in escrow (app/escrow.h, domain/escrow.h): a held report exists for
// nobody in the group until another report names the same person; then both reach the
// group at once. Real SQLite, real sealing, as the other use-case tests.
#include "app/escrow.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "app/audit.h"
#include "app/case_keys.h"
#include "app/cases.h"
#include "app/conflicts.h"
#include "app/intake.h"
#include "app/mail_queue.h"
#include "app/people.h"
#include "app/portal.h"
#include "app_fixture.h"
#include "support/mail_reading.h"

namespace conduct::app {
namespace {

using conduct::testing::mail_body;

constexpr char kReleased[] = "Released from escrow: another report names the same person.";

class EscrowTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    vice_chair_ = add("vic@tidewater.example", "Vic Osei", "vice-chair");
    board_ = add("lee@tidewater.example", "Lee Park", "board-member");
  }

  // A report on the form naming `handle` (and `name`) as the person who behaved badly.
  static domain::PublicReport report(const std::string& email, const std::string& handle, bool escrow,
                                     const std::string& name = "") {
    domain::PublicReport report;
    report.reporter_name = "Noor";
    report.reporter_email = email;
    report.what_happened = "They kept messaging me after I asked them to stop.";
    report.people = {{"reported-person", name, handle}};
    report.escrow = escrow;
    return report;
  }

  Result<SubmittedReport> submit(const domain::PublicReport& report, const std::string& address = "192.0.2.10") {
    return submit_public_report(context_, "tidewater", report, ReportOrigin{address, "en"});
  }

  // A held report on the form; its case id.
  std::int64_t hold(const std::string& email, const std::string& handle, const std::string& name = "") {
    auto submitted = submit(report(email, handle, true, name));
    EXPECT_TRUE(submitted.ok()) << submitted.error().message;
    receipts_.push_back(submitted.ok() ? submitted->receipt : "");
    return submitted.ok() ? submitted->case_id : 0;
  }

  domain::Case stored(std::int64_t case_id) {
    auto found = context_.store.find_case_by_id(case_id);
    EXPECT_TRUE(found.ok()) << found.error().message;
    return found.ok() ? *found : domain::Case{};
  }

  // The members told of each case: case id → their addresses, sorted.
  std::map<std::int64_t, std::vector<std::string>> notices() {
    std::map<std::int64_t, std::vector<std::string>> told;
    for (const QueuedMail& mail : queued_mail())
      if (mail.kind == "new-report" && mail.case_id)
        told[*mail.case_id].insert(told[*mail.case_id].end(), mail.recipients.begin(), mail.recipients.end());
    for (auto& [id, addresses] : told) std::sort(addresses.begin(), addresses.end());
    return told;
  }
  std::vector<std::string> chairs() const { return {"robin@tidewater.example", "vic@tidewater.example"}; }

  std::vector<std::string> listed_codes(const Actor& actor) {
    next_command();
    auto listed = list_cases(context_, actor, store::CaseFilter{});
    EXPECT_TRUE(listed.ok()) << listed.error().message;
    std::vector<std::string> codes;
    if (listed.ok())
      for (const domain::Case& summary : *listed) codes.push_back(summary.code_name);
    return codes;
  }

  bool lists(const Actor& actor, const domain::Case& summary) {
    const std::vector<std::string> codes = listed_codes(actor);
    return std::find(codes.begin(), codes.end(), summary.code_name) != codes.end();
  }

  std::vector<domain::TimelineEntry> timeline_as_chair(const domain::Case& summary) {
    next_command();
    auto record = show_case(context_, chair_, summary.code_name);
    EXPECT_TRUE(record.ok()) << record.error().message;
    return record.ok() ? record->timeline : std::vector<domain::TimelineEntry>{};
  }

  static int releases_in(const std::vector<domain::TimelineEntry>& timeline) {
    return static_cast<int>(std::count_if(timeline.begin(), timeline.end(), [](const domain::TimelineEntry& entry) {
      return entry.body == kReleased && !entry.author_id;
    }));
  }

  std::string portal_status(const std::string& receipt) {
    auto session = open_portal(context_, receipt, "192.0.2.99");
    EXPECT_TRUE(session.ok()) << session.error().message;
    if (!session.ok()) return "";
    auto view = portal_view(context_, session->token);
    EXPECT_TRUE(view.ok()) << view.error().message;
    return view.ok() ? view->status_key : "";
  }

  // Every audit entry of the log, whoever may read it.
  std::vector<crypto::AuditEntry> whole_log() {
    auto entries = context_.store.audit_log();
    EXPECT_TRUE(entries.ok());
    return entries.ok() ? *entries : std::vector<crypto::AuditEntry>{};
  }

  Actor vice_chair_, board_;
  std::vector<std::string> receipts_;
};

TEST_F(EscrowTest, AHeldReportExistsForNobodyInTheGroup) {
  const domain::Case held = stored(hold("noor@example.net", "@drift_wood"));
  EXPECT_TRUE(held.escrowed);

  for (const Actor& actor : {chair_, vice_chair_, member_, adviser_, board_}) {
    SCOPED_TRACE(actor.member.email);
    EXPECT_FALSE(lists(actor, held));
    next_command();
    auto shown = show_case(context_, actor, held.code_name);
    ASSERT_FALSE(shown.ok());
    EXPECT_EQ(shown.error().code, ErrorCode::NotFound);
    EXPECT_EQ(shown.error().message, case_not_found(held.code_name).message) << "not answered like a missing case";
    next_command();
    auto found = search_cases(context_, actor, "messaging");
    if (found.ok()) EXPECT_TRUE(found->empty());
  }
  // Its person record is counted nowhere and shown to nobody.
  next_command();
  auto people = list_people(context_, chair_);
  ASSERT_TRUE(people.ok()) << people.error().message;
  EXPECT_TRUE(people->empty());
  auto every_record = context_.store.list_people(chair_.community.id);
  ASSERT_TRUE(every_record.ok() && every_record->size() == 1u);
  EXPECT_EQ(show_person(context_, chair_, every_record->front().person.code_name).error().code, ErrorCode::NotFound);
  // Nothing to screen or grant, for a member who joined after it either.
  clock_.advance_seconds(kSecondsPerHour);
  const Actor newcomer = add("newcomer@tidewater.example", "New Comer", "member");
  next_command();
  auto to_screen = cases_to_screen(context_, newcomer);
  ASSERT_TRUE(to_screen.ok()) << to_screen.error().message;
  EXPECT_TRUE(to_screen->empty());
  EXPECT_EQ(clear_case(context_, newcomer, held.code_name).error().code, ErrorCode::NotFound);
  next_command();
  auto waiting = access_requests(context_, chair_);
  ASSERT_TRUE(waiting.ok()) << waiting.error().message;
  EXPECT_TRUE(waiting->requests.empty());
  // A chair's audit trail names it nowhere but in their own refusals (which show only
  // what they asked for, as for a case that never existed), though the log holds its
  // entries.
  next_command();
  auto trail = audit_trail(context_, chair_, AuditTrailQuery{});
  ASSERT_TRUE(trail.ok()) << trail.error().message;
  for (const crypto::AuditEntry& entry : trail->entries)
    if (entry.actor != audit_actor(chair_)) EXPECT_NE(entry.case_code, held.code_name) << entry.action;
  auto of_case = audit_trail(context_, chair_, AuditTrailQuery{held.code_name, std::nullopt, 50});
  ASSERT_FALSE(of_case.ok());
  EXPECT_EQ(of_case.error().code, ErrorCode::NotFound);
  const std::vector<crypto::AuditEntry> log = whole_log();
  EXPECT_TRUE(std::any_of(log.begin(), log.end(), [&](const crypto::AuditEntry& entry) {
    return entry.case_code == held.code_name && entry.action == audit_action::kReceiveReport;
  }));
}

TEST_F(EscrowTest, AHeldReportNotifiesNobodyAndItsReporterIsToldItIsHeld) {
  const std::int64_t held_id = hold("noor@example.net", "@drift_wood");
  EXPECT_TRUE(notices().empty());
  std::vector<QueuedMail> acknowledgements;
  for (const QueuedMail& mail : queued_mail())
    if (mail.kind == "acknowledgement") acknowledgements.push_back(mail);
  ASSERT_EQ(acknowledgements.size(), 1u);
  EXPECT_EQ(acknowledgements[0].case_id, held_id);
  const std::string body = mail_body(acknowledgements[0].text);
  EXPECT_NE(body.find("As you asked, we are holding it"), std::string::npos) << body;
  EXPECT_EQ(body.find("{"), std::string::npos) << body;
  EXPECT_EQ(stored(held_id).state, domain::CaseState::Acknowledged);
  EXPECT_EQ(portal_status(receipts_.back()), "status.held");
}

// Hidden by the policy alone: the key is wrapped at intake for those who will read the
// case once it is released, and nothing that keeps keys in step with the policy takes
// it away meanwhile.
TEST_F(EscrowTest, AHeldCaseKeepsItsKeyForThoseWhoWillReadIt) {
  const domain::Case held = stored(hold("noor@example.net", "@drift_wood"));
  for (const Actor& reader : {chair_, vice_chair_, member_}) {
    auto holds = member_holds_case(context_, held, reader.member);
    ASSERT_TRUE(holds.ok());
    EXPECT_TRUE(*holds) << reader.member.email;
  }
  auto adviser_holds = member_holds_case(context_, held, adviser_.member);
  ASSERT_TRUE(adviser_holds.ok());
  EXPECT_FALSE(*adviser_holds);
  auto revoked = revoke_wraps_beyond_policy(context_, held);
  ASSERT_TRUE(revoked.ok()) << revoked.error().message;
  EXPECT_EQ(*revoked, 0);
}

TEST_F(EscrowTest, AnotherReportOnTheFormNamingTheSameHandleReleasesIt) {
  const domain::Case held = stored(hold("noor@example.net", "@drift_wood"));
  auto second = submit(report("sam@example.org", "@Drift_Wood", false), "192.0.2.11");
  ASSERT_TRUE(second.ok()) << second.error().message;
  const domain::Case releasing = stored(second->case_id);

  EXPECT_FALSE(stored(held.id).escrowed);
  for (const Actor& actor : {chair_, vice_chair_, member_}) {
    EXPECT_TRUE(lists(actor, held)) << actor.member.email;
    EXPECT_TRUE(lists(actor, releasing)) << actor.member.email;
  }
  // The chairs hear of both at once.
  const auto told = notices();
  EXPECT_EQ(told.size(), 2u);
  EXPECT_EQ(told.count(held.id) ? told.at(held.id) : std::vector<std::string>{}, chairs());
  EXPECT_EQ(told.count(releasing.id) ? told.at(releasing.id) : std::vector<std::string>{}, chairs());
  for (const QueuedMail& mail : queued_mail())
    if (mail.kind == "new-report") EXPECT_EQ(mail.text.find("@drift_wood"), std::string::npos);
  // The timeline says why, on the released case only, and the report reads as sent.
  const std::vector<domain::TimelineEntry> timeline = timeline_as_chair(held);
  EXPECT_EQ(releases_in(timeline), 1);
  EXPECT_EQ(timeline.back().body, kReleased);
  EXPECT_EQ(releases_in(timeline_as_chair(releasing)), 0);
  next_command();
  auto record = show_case(context_, chair_, held.code_name);
  ASSERT_TRUE(record.ok());
  EXPECT_NE(record->reports.front().text.find("They kept messaging me"), std::string::npos);
  // The log records the release, by the system.
  const std::vector<crypto::AuditEntry> log = whole_log();
  EXPECT_TRUE(std::any_of(log.begin(), log.end(), [&](const crypto::AuditEntry& entry) {
    return entry.case_code == held.code_name && entry.action == audit_action::kReleaseReport &&
           entry.actor == kSystemActor;
  }));
  // The reporter of the held report reads that the group has it.
  EXPECT_EQ(portal_status(receipts_.front()), "status.acknowledged");
}

TEST_F(EscrowTest, AMembersReportNamingTheSameHandleReleasesIt) {
  const domain::Case held = stored(hold("noor@example.net", "@drift_wood"));
  domain::NewCaseCommand command;
  command.report.report_text = "Seen in the chat: the same messages to another person.";
  command.report.channel = "in-person";
  command.report.parties = {{"reporter", "Sam Reyes", "sam@example.org", "", ""},
                            {"reported", "", "@drift_wood", "", ""}};
  next_command();
  auto opened = open_case(context_, member_, command);
  ASSERT_TRUE(opened.ok()) << opened.error().message;

  EXPECT_FALSE(stored(held.id).escrowed);
  EXPECT_TRUE(lists(chair_, held));
  EXPECT_EQ(releases_in(timeline_as_chair(held)), 1);
  const auto told = notices();
  EXPECT_EQ(told.count(held.id) ? told.at(held.id) : std::vector<std::string>{}, chairs());
  EXPECT_EQ(told.count(opened->summary.id) ? told.at(opened->summary.id) : std::vector<std::string>{}, chairs());
}

TEST_F(EscrowTest, AFurtherReportOnAnotherCaseNamingTheSamePersonReleasesIt) {
  domain::NewCaseCommand command;
  command.report.report_text = "A first report, about someone else.";
  command.report.channel = "email";
  command.report.parties = {{"reported", "", "@someone_else", "", ""}};
  auto existing = open_case(context_, chair_, command);
  ASSERT_TRUE(existing.ok()) << existing.error().message;
  const domain::Case held = stored(hold("noor@example.net", "@drift_wood"));

  next_command();
  domain::ReportInput further;
  further.report_text = "And @drift_wood joined in.";
  further.channel = "email";
  further.parties = {{"reported", "", "@drift_wood", "", ""}};
  ASSERT_TRUE(add_report(context_, chair_, existing->summary.code_name, further).ok());
  EXPECT_FALSE(stored(held.id).escrowed);
  EXPECT_TRUE(lists(member_, held));
  EXPECT_EQ(notices().count(held.id), 1u);
}

TEST_F(EscrowTest, TheSameNameReleasesItToo) {
  const domain::Case held = stored(hold("noor@example.net", "", "Casey Drift"));
  auto second = submit(report("sam@example.org", "", false, "  casey   DRIFT "), "192.0.2.11");
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_FALSE(stored(held.id).escrowed);
}

TEST_F(EscrowTest, AReportNamingSomeoneElseReleasesNothing) {
  const domain::Case held = stored(hold("noor@example.net", "@drift_wood", "Casey Drift"));
  // Another person; and the same handle for someone who is only a witness.
  domain::PublicReport other = report("sam@example.org", "@harbour_light", false, "Casey Dent");
  other.people.push_back({"witness", "Casey Drift", "@drift_wood"});
  ASSERT_TRUE(submit(other, "192.0.2.11").ok());
  EXPECT_TRUE(stored(held.id).escrowed);
  EXPECT_FALSE(lists(chair_, held));
  EXPECT_EQ(notices().count(held.id), 0u);
  EXPECT_EQ(portal_status(receipts_.front()), "status.held");
}

// Only a later report releases: released by an earlier one, the portal would tell
// whoever sends a held report whether the person was ever reported.
TEST_F(EscrowTest, EarlierReportsReleaseNothingAndCountNothingHeld) {
  domain::NewCaseCommand command;
  command.report.report_text = "An earlier report about the same person.";
  command.report.channel = "email";
  command.report.parties = {{"reported", "Casey Drift", "@drift_wood", "", ""}};
  auto earlier = open_case(context_, chair_, command);
  ASSERT_TRUE(earlier.ok()) << earlier.error().message;
  const domain::Case held = stored(hold("noor@example.net", "@drift_wood", "Casey Drift"));
  EXPECT_TRUE(held.escrowed);
  EXPECT_TRUE(notices().empty());
  EXPECT_EQ(portal_status(receipts_.back()), "status.held");
  // The held report is linked to the person's record, which still counts one case.
  next_command();
  auto people = list_people(context_, chair_);
  ASSERT_TRUE(people.ok() && people->size() == 1u);
  EXPECT_EQ(people->front().case_count, 1);
  auto person = show_person(context_, chair_, people->front().person.code_name);
  ASSERT_TRUE(person.ok()) << person.error().message;
  ASSERT_EQ(person->cases.size(), 1u);
  EXPECT_EQ(person->cases.front().id, earlier->summary.id);
}

TEST_F(EscrowTest, TwoHeldReportsNamingTheSamePersonReleaseEachOther) {
  const std::int64_t first = hold("noor@example.net", "@drift_wood");
  const std::int64_t unrelated = hold("ana@example.org", "@harbour_light");
  EXPECT_TRUE(notices().empty());
  const std::int64_t second = hold("sam@example.org", "@drift_wood");

  EXPECT_FALSE(stored(first).escrowed);
  EXPECT_FALSE(stored(second).escrowed);
  EXPECT_TRUE(stored(unrelated).escrowed);
  const auto told = notices();
  EXPECT_EQ(told.size(), 2u);
  EXPECT_EQ(told.count(first) ? told.at(first) : std::vector<std::string>{}, chairs());
  EXPECT_EQ(told.count(second) ? told.at(second) : std::vector<std::string>{}, chairs());
  EXPECT_EQ(releases_in(timeline_as_chair(stored(first))), 1);
  EXPECT_EQ(releases_in(timeline_as_chair(stored(second))), 1);
  EXPECT_FALSE(lists(chair_, stored(unrelated)));
  // Both reporters were told, when they sent it, that theirs was held.
  int held_wordings = 0;
  for (const QueuedMail& mail : queued_mail())
    if (mail.kind == "acknowledgement" && mail_body(mail.text).find("we are holding it") != std::string::npos)
      ++held_wordings;
  EXPECT_EQ(held_wordings, 3);
}

TEST_F(EscrowTest, EscrowWithoutAReportedPersonIsRefusedOnItsField) {
  domain::PublicReport nobody = report("noor@example.net", "", true);
  nobody.people = {{"witness", "Sam", "@sam"}};
  auto submitted = submit(nobody);
  ASSERT_FALSE(submitted.ok());
  EXPECT_EQ(submitted.error().code, ErrorCode::InvalidArgument);
  ASSERT_EQ(submitted.error().fields.size(), 1u);
  EXPECT_EQ(submitted.error().fields.begin()->first, "escrow");
  auto cases = context_.store.list_cases(chair_.community.id, store::CaseFilter{});
  ASSERT_TRUE(cases.ok());
  EXPECT_TRUE(cases->empty());
  EXPECT_TRUE(queued_mail().empty());
}

}  // namespace
}  // namespace conduct::app
