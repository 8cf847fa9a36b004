// Reports from people without an account (app/intake.h): the case a public report opens,
// the members it excludes from the first moment, the mail it queues, its limits.
#include "app/intake.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app/cases.h"
#include "app/evidence.h"
#include "app/mail_queue.h"
#include "app/mail_threads.h"
#include "app_fixture.h"
#include "domain/receipt.h"
#include "support/mail_reading.h"

namespace conduct::app {
namespace {

using conduct::testing::mail_body;
using conduct::testing::mail_header;

constexpr char kCommunityName[] = "Tidewater Open Source Community";

class IntakeTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    vice_chair_ = add("vic@tidewater.example", "Vic Osei", "vice-chair");
  }

  domain::PublicReport report(const std::string& email = {}) {
    domain::PublicReport report;
    report.reporter_name = email.empty() ? "" : "Noor";
    report.reporter_email = email;
    report.what_happened = "They kept messaging me after I asked them to stop.";
    report.people = {{"reported-person", "", "@drift_wood"}};
    return report;
  }

  Result<SubmittedReport> submit(const domain::PublicReport& report, const std::string& address = "192.0.2.10",
                                 const std::string& language = "en") {
    return submit_public_report(context_, "tidewater", report, ReportOrigin{address, language});
  }

  std::vector<domain::Case> all_cases() {
    auto cases = context_.store.list_cases(chair_.community.id, store::CaseFilter{});
    EXPECT_TRUE(cases.ok());
    return cases.ok() ? *cases : std::vector<domain::Case>{};
  }

  // The only case of the community (the tests send one report unless they say).
  domain::Case only_case() {
    const std::vector<domain::Case> cases = all_cases();
    EXPECT_EQ(cases.size(), 1u);
    return cases.empty() ? domain::Case{} : cases.front();
  }

  Actor vice_chair_;
};

TEST_F(IntakeTest, AReportWithAnEmailIsAcknowledgedAtOnce) {
  auto submitted = submit(report("Noor@Example.net"));
  ASSERT_TRUE(submitted.ok()) << submitted.error().message;
  EXPECT_EQ(submitted->acknowledged_to, "noor@example.net");
  const domain::ParsedReceipt receipt = domain::parse_receipt(submitted->receipt);
  EXPECT_TRUE(receipt.receipt.has_value()) << submitted->receipt;

  const domain::Case summary = only_case();
  EXPECT_EQ(summary.state, domain::CaseState::Acknowledged);
  next_command();
  auto record = show_case(context_, chair_, summary.code_name);
  ASSERT_TRUE(record.ok()) << record.error().message;
  ASSERT_EQ(record->timeline.size(), 3u);
  EXPECT_EQ(record->timeline[0].kind, domain::EntryKind::Report);
  EXPECT_EQ(record->timeline[1].kind, domain::EntryKind::CommunicationOut);
  EXPECT_EQ(record->timeline[2].kind, domain::EntryKind::Transition);
  EXPECT_EQ(record->timeline[2].to_state, domain::CaseState::Acknowledged);
  for (const domain::TimelineEntry& entry : record->timeline) EXPECT_FALSE(entry.author_id.has_value());
  ASSERT_EQ(record->reports.size(), 1u);
  EXPECT_EQ(record->reports[0].channel, domain::ReportChannel::WebForm);
  // The reporter and the person they reported, as parties.
  ASSERT_EQ(record->parties.size(), 2u);
  EXPECT_EQ(record->parties[0].role, domain::PartyRole::Reporter);
  EXPECT_EQ(record->parties[0].contact, "noor@example.net");
  EXPECT_EQ(record->parties[1].role, domain::PartyRole::ReportedPerson);
}

TEST_F(IntakeTest, AnAnonymousReportStaysReceived) {
  auto submitted = submit(report());
  ASSERT_TRUE(submitted.ok()) << submitted.error().message;
  EXPECT_FALSE(submitted->acknowledged_to.has_value());
  const domain::Case summary = only_case();
  EXPECT_EQ(summary.state, domain::CaseState::Received);
  next_command();
  auto record = show_case(context_, chair_, summary.code_name);
  ASSERT_TRUE(record.ok()) << record.error().message;
  ASSERT_EQ(record->timeline.size(), 1u);
  EXPECT_EQ(record->timeline[0].kind, domain::EntryKind::Report);
  EXPECT_TRUE(recipients_of("acknowledgement").empty());
}

TEST_F(IntakeTest, TheReporterGetsTheAcknowledgementInTheirLanguage) {
  ASSERT_TRUE(submit(report("noor@example.net")).ok());
  std::vector<QueuedMail> acknowledgements;
  for (const QueuedMail& mail : queued_mail())
    if (mail.kind == "acknowledgement") acknowledgements.push_back(mail);
  ASSERT_EQ(acknowledgements.size(), 1u);
  const QueuedMail& english = acknowledgements[0];
  // To the reporter, and copied to the group's own address.
  EXPECT_EQ(english.recipients, (std::vector<std::string>{"noor@example.net", "conduct@tidewater.example"}));
  EXPECT_EQ(english.case_id, only_case().id);
  EXPECT_EQ(mail_header(english.text, "To"), "noor@example.net");
  EXPECT_EQ(mail_header(english.text, "Cc"), "conduct@tidewater.example");
  EXPECT_EQ(mail_header(english.text, "From"), "conduct@tidewater.example");
  EXPECT_EQ(mail_header(english.text, "Reply-To"), "conduct@tidewater.example");
  EXPECT_EQ(mail_header(english.text, "Auto-Submitted"), "auto-replied");
  // The case's tag, so that a reply whose mail program drops the threading headers
  // still comes back to the case (app/mail_threads.h).
  EXPECT_EQ(mail_header(english.text, "Subject"), std::string("We have received your report (") + kCommunityName +
                                                      ") [ref " + case_tag_secret(context_, only_case().id) + "]");
  const std::string body = mail_body(english.text);
  EXPECT_EQ(body.rfind("Hello Noor,\n", 0), 0u) << body;
  EXPECT_NE(body.find("We will discuss it and come back to you"), std::string::npos) << body;
  EXPECT_EQ(body.find("{"), std::string::npos) << "a placeholder left unfilled: " << body;
}

TEST_F(IntakeTest, AReportAlreadyHandledIsThankedAndKeptOnFileInSpanish) {
  domain::PublicReport handled = report("noor@example.net");
  handled.handled_locally = true;
  ASSERT_TRUE(submit(handled, "192.0.2.10", "es").ok());
  for (const QueuedMail& mail : queued_mail()) {
    if (mail.kind != "acknowledgement") continue;
    const std::string body = mail_body(mail.text);
    EXPECT_EQ(body.rfind("Hola Noor:\n", 0), 0u) << body;
    EXPECT_NE(body.find("Guardaremos tu informe para poder detectar patrones"), std::string::npos) << body;
    EXPECT_EQ(mail_header(mail.text, "Subject").rfind("=?UTF-8?B?", 0), std::string::npos)
        << "an ASCII subject is written plainly";
    return;
  }
  FAIL() << "no acknowledgement was queued";
}

TEST_F(IntakeTest, AMemberTheReporterNamesNeverReachesTheCase) {
  domain::PublicReport named = report("noor@example.net");
  named.concerned_members = {member_.member.id, vice_chair_.member.id};
  ASSERT_TRUE(submit(named).ok());
  const domain::Case summary = only_case();

  auto facts = context_.store.load_case_access_facts(summary.id);
  ASSERT_TRUE(facts.ok()) << facts.error().message;
  std::vector<std::int64_t> excluded;
  for (const domain::Exclusion& exclusion : facts->exclusions) {
    EXPECT_EQ(exclusion.reason, domain::ExclusionReason::NamedByReporter);
    EXPECT_EQ(domain::to_string(exclusion.reason), "named-by-reporter");
    excluded.push_back(exclusion.member_id);
  }
  std::sort(excluded.begin(), excluded.end());
  std::vector<std::int64_t> expected = {member_.member.id, vice_chair_.member.id};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(excluded, expected);

  for (const Actor& named_member : {member_, vice_chair_}) {
    SCOPED_TRACE(named_member.member.email);
    next_command();
    auto listed = list_cases(context_, named_member, store::CaseFilter{});
    ASSERT_TRUE(listed.ok()) << listed.error().message;
    EXPECT_TRUE(listed->empty()) << "the case is listed to a member the report concerns";
    auto shown = show_case(context_, named_member, summary.code_name);
    ASSERT_FALSE(shown.ok());
    auto missing = show_case(context_, named_member, "amber zebra");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(shown.error().code, ErrorCode::NotFound);
    EXPECT_EQ(shown.error().code, missing.error().code);
    EXPECT_EQ(shown.error().message, "no case '" + summary.code_name + "'");
    EXPECT_EQ(missing.error().message, "no case 'amber zebra'");
  }
  // The chair, whom the report does not name, reads it.
  next_command();
  auto listed = list_cases(context_, chair_, store::CaseFilter{});
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 1u);
  EXPECT_TRUE(show_case(context_, chair_, summary.code_name).ok());
}

TEST_F(IntakeTest, OnlyTheChairsTheReportDoesNotNameHearOfIt) {
  domain::PublicReport named = report("noor@example.net");
  named.concerned_members = {vice_chair_.member.id};
  ASSERT_TRUE(submit(named).ok());
  // The policy notifies chairs: the chair, not the vice-chair the report names, and
  // not the member (no chair) nor the adviser.
  EXPECT_EQ(recipients_of("new-report"), std::vector<std::string>{"robin@tidewater.example"});
  for (const QueuedMail& mail : queued_mail()) {
    if (mail.kind != "new-report") continue;
    // Kept with its case (so only the case's readers see it go out), naming none.
    EXPECT_TRUE(mail.case_id.has_value());
    EXPECT_EQ(mail.text.find(only_case().code_name), std::string::npos) << "the notice names no case";
    EXPECT_EQ(mail_header(mail.text, "Subject"), std::string("A new report has arrived (") + kCommunityName + ")");
    EXPECT_EQ(mail_body(mail.text).find("messaging"), std::string::npos) << "the notice holds nothing of the report";
  }
  EXPECT_EQ(recipients_of("acknowledgement"),
            (std::vector<std::string>{"conduct@tidewater.example", "noor@example.net"}));
}

TEST_F(IntakeTest, AReportThatNamesEveryChairIsNoticedToTheBoard) {
  add("bea@tidewater.example", "Beatrix Hale", "board-member");
  domain::PublicReport named = report();
  named.concerned_members = {chair_.member.id, vice_chair_.member.id};
  ASSERT_TRUE(submit(named).ok());
  // No chair may read it: the case is with the board, whose member hears of it.
  EXPECT_EQ(recipients_of("new-report"), std::vector<std::string>{"bea@tidewater.example"});
}

TEST_F(IntakeTest, ABoardMemberDoesNotHearOfAReportTheChairsRead) {
  add("bea@tidewater.example", "Beatrix Hale", "board-member");
  ASSERT_TRUE(submit(report()).ok());
  EXPECT_EQ(recipients_of("new-report"),
            (std::vector<std::string>{"robin@tidewater.example", "vic@tidewater.example"}));
}

TEST_F(IntakeTest, WithoutNamesEveryActiveChairHearsOfIt) {
  ASSERT_TRUE(submit(report()).ok());
  EXPECT_EQ(recipients_of("new-report"),
            (std::vector<std::string>{"robin@tidewater.example", "vic@tidewater.example"}));
}

TEST_F(IntakeTest, FieldErrorsWriteNothing) {
  const std::size_t cases_before = all_cases().size();
  domain::PublicReport wrong = report("not an address");
  wrong.what_happened = "  ";
  wrong.space = "moon";
  wrong.concerned_members = {424242};
  auto submitted = submit(wrong);
  ASSERT_FALSE(submitted.ok());
  EXPECT_EQ(submitted.error().code, ErrorCode::InvalidArgument);
  for (const char* field : {"reporter_email", "what_happened", "space", "concerned_members"})
    EXPECT_TRUE(submitted.error().fields.count(field)) << field << ": " << submitted.error().message;
  EXPECT_EQ(all_cases().size(), cases_before);
  EXPECT_TRUE(queued_mail().empty());
}

TEST_F(IntakeTest, TheReportersFilesBecomeTheCasesEvidence) {
  const std::string screenshot(3000, 'p');
  auto submitted = submit_public_report(context_, "tidewater", report(), ReportOrigin{"192.0.2.10", "en"},
                                        {{"C:\\Users\\noor\\chat.png", screenshot}, {"log.txt", "line one\n"}});
  ASSERT_TRUE(submitted.ok()) << submitted.error().message;
  next_command();
  auto files = list_evidence(context_, chair_, only_case().code_name);
  ASSERT_TRUE(files.ok()) << files.error().message;
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].name, "chat.png") << "the browser's directories are dropped";
  EXPECT_EQ((*files)[0].size_bytes, 3000);
  EXPECT_FALSE((*files)[0].author_id.has_value());
  EXPECT_EQ((*files)[0].description, "Sent by the reporter with the report.");
  auto content = read_evidence(context_, chair_, only_case().code_name, 2);
  ASSERT_TRUE(content.ok()) << content.error().message;
  EXPECT_EQ(content->file.name, "log.txt");
  EXPECT_EQ(content->bytes, "line one\n");
}

TEST_F(IntakeTest, FilesBeyondThePolicyWriteNothing) {
  const std::string many(10, 'x');
  const std::vector<ReporterUpload> six = {{"1", many}, {"2", many}, {"3", many},
                                           {"4", many}, {"5", many}, {"6", many}};
  const std::string too_large(static_cast<std::size_t>(chair_.community.policy.evidence_max_bytes) + 1, 'x');
  const std::vector<std::vector<ReporterUpload>> refused = {six, {{"empty.txt", ""}}, {{"big.bin", too_large}}};
  for (const std::vector<ReporterUpload>& files : refused) {
    auto submitted = submit_public_report(context_, "tidewater", report(), ReportOrigin{"192.0.2.10", "en"}, files);
    ASSERT_FALSE(submitted.ok());
    EXPECT_EQ(submitted.error().code, ErrorCode::InvalidArgument);
    ASSERT_TRUE(submitted.error().fields.count("files")) << submitted.error().message;
    EXPECT_EQ(submitted.error().fields.at("files").find("big.bin"), std::string::npos) << "no file is named";
  }
  EXPECT_TRUE(all_cases().empty());
  EXPECT_TRUE(queued_mail().empty());
}

TEST_F(IntakeTest, AnUnknownCommunityIsNotFound) {
  auto submitted = submit_public_report(context_, "nowhere", report(), ReportOrigin{"192.0.2.10", "en"});
  ASSERT_FALSE(submitted.ok());
  EXPECT_EQ(submitted.error().code, ErrorCode::NotFound);
  auto facts = report_form_facts(context_, "nowhere");
  ASSERT_FALSE(facts.ok());
  EXPECT_EQ(facts.error().code, ErrorCode::NotFound);
}

TEST_F(IntakeTest, TheFormOffersTheActiveWorkingGroup) {
  const Actor local = add("lou@tidewater.example", "Lou Local", "local-representative");
  const Actor board = add("bea@tidewater.example", "Bea Board", "board-member");
  auto facts = report_form_facts(context_, "tidewater");
  ASSERT_TRUE(facts.ok()) << facts.error().message;
  EXPECT_EQ(facts->community.name, kCommunityName);
  std::vector<std::string> names;
  for (const NameableMember& member : facts->members) names.push_back(member.display_name);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names,
            (std::vector<std::string>{"Ada Ferreira", "Bea Board", "Priya Raman", "Robin Achterberg", "Vic Osei"}));
  (void)local;
  (void)board;
}

TEST_F(IntakeTest, OneAddressMaySendTheMostAnHourAndNoMore) {
  for (int i = 0; i < 10; ++i) {
    auto submitted = submit(report(), "198.51.100.7");
    ASSERT_TRUE(submitted.ok()) << "report " << i + 1 << ": " << submitted.error().message;
  }
  const std::size_t cases_before = all_cases().size();
  auto refused = submit(report(), "198.51.100.7");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::ResourceExhausted);
  ASSERT_TRUE(refused.error().fields.count("retry_after")) << refused.error().message;
  EXPECT_EQ(refused.error().fields.at("retry_after"), "360");
  EXPECT_EQ(all_cases().size(), cases_before);
  // Another address is not held back.
  auto other = submit(report(), "198.51.100.8");
  EXPECT_TRUE(other.ok()) << other.error().message;
  // Six minutes later the first address may send one more.
  clock_.advance_seconds(360);
  EXPECT_TRUE(submit(report(), "198.51.100.7").ok());
  EXPECT_FALSE(submit(report(), "198.51.100.7").ok());
}

// One IPv6 host may take any address of its /64: the limit counts the network.
TEST_F(IntakeTest, AnIPv6NetworkCountsAsOneAddress) {
  for (int i = 1; i <= 10; ++i) {
    auto submitted = submit(report(), "2001:db8:7:1::" + std::to_string(i));
    ASSERT_TRUE(submitted.ok()) << "report " << i << ": " << submitted.error().message;
  }
  auto refused = submit(report(), "2001:db8:7:1:ffff:ffff:ffff:ffff");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::ResourceExhausted);
  EXPECT_TRUE(submit(report(), "2001:db8:7:2::1").ok()) << "another /64 is another client";
}

}  // namespace
}  // namespace conduct::app
