// The reporter's portal (app/portal.h), the reporter's thread as members see it
// (app/reporter_thread.h) and the delivery of queued mail (app/mail_queue.h).
#include "app/portal.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/cases.h"
#include "app/evidence.h"
#include "app/intake.h"
#include "app/mail_queue.h"
#include "app/reporter_thread.h"
#include "app_fixture.h"
#include "domain/receipt.h"
#include "mail/directory_transport.h"

namespace conduct::app {
namespace {

namespace fs = std::filesystem;

constexpr char kAddress[] = "203.0.113.5";

std::string lower_case(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

std::string without_dashes(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), '-'), text.end());
  return text;
}

class PortalTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    domain::PublicReport report;
    report.reporter_email = "noor@example.net";
    report.answer_by_email = false;
    report.what_happened = "They kept messaging me after I asked them to stop.";
    auto submitted = submit_public_report(context_, "tidewater", report, ReportOrigin{"192.0.2.10", "es"});
    ASSERT_TRUE(submitted.ok()) << submitted.error().message;
    receipt_ = submitted->receipt;
    auto cases = context_.store.list_cases(chair_.community.id, store::CaseFilter{});
    ASSERT_TRUE(cases.ok() && cases->size() == 1u);
    case_ = cases->front();
    next_command();
  }

  // The receipt with another secret: well formed, its check character right, opens nothing.
  std::string wrong_secret() const {
    const domain::Receipt right = *domain::parse_receipt(receipt_).receipt;
    std::string secret = right.secret;
    secret[0] = secret[0] == 'A' ? 'B' : 'A';
    return domain::format_receipt({right.id, secret});
  }

  PortalSession open() {
    auto session = open_portal(context_, receipt_, kAddress);
    EXPECT_TRUE(session.ok()) << session.error().message;
    return session.ok() ? *session : PortalSession{};
  }

  std::string receipt_;
  domain::Case case_;
};

TEST_F(PortalTest, TheReceiptOpensThePortalHoweverItIsTyped) {
  const std::string variants[] = {receipt_, lower_case(receipt_), without_dashes(receipt_),
                                  "  " + lower_case(without_dashes(receipt_)) + "\n"};
  for (const std::string& typed : variants) {
    SCOPED_TRACE(typed);
    auto session = open_portal(context_, typed, kAddress);
    ASSERT_TRUE(session.ok()) << session.error().message;
    EXPECT_FALSE(session->token.empty());
    EXPECT_FALSE(session->csrf_token.empty());
    EXPECT_EQ(session->language, "es");
  }
}

TEST_F(PortalTest, AWrongSecretAndAMadeUpReceiptAnswerAlike) {
  const domain::Receipt right = *domain::parse_receipt(receipt_).receipt;
  const std::string made_up_id = right.id == "ZZZZZZZ" ? "YYYYYYY" : "ZZZZZZZ";
  const std::string made_up = domain::format_receipt({made_up_id, right.secret});
  auto wrong = open_portal(context_, wrong_secret(), kAddress);
  auto unknown = open_portal(context_, made_up, kAddress);
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(unknown.error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
  EXPECT_EQ(wrong.error().message, "this receipt does not open a report");
  EXPECT_TRUE(wrong.error().fields.empty());
  EXPECT_TRUE(unknown.error().fields.empty());
}

TEST_F(PortalTest, AMistypedReceiptIsNamedAsSuch) {
  std::string mistyped = receipt_;
  mistyped[1] = mistyped[1] == '7' ? '8' : '7';
  for (const std::string& typed : {mistyped, receipt_.substr(0, 20), receipt_ + "!"}) {
    SCOPED_TRACE(typed);
    auto session = open_portal(context_, typed, kAddress);
    ASSERT_FALSE(session.ok());
    EXPECT_EQ(session.error().code, ErrorCode::InvalidArgument);
    EXPECT_TRUE(session.error().fields.count("receipt")) << session.error().message;
  }
  // Mistypings are not counted against the address: the right receipt still opens.
  for (int i = 0; i < 20; ++i) (void)open_portal(context_, mistyped, kAddress);
  EXPECT_TRUE(open_portal(context_, receipt_, kAddress).ok());
}

TEST_F(PortalTest, TooManyWrongReceiptsHoldBackEvenTheRightOne) {
  const int most = chair_.community.policy.intake.receipt_failures_per_address.most;
  ASSERT_EQ(most, 10);
  for (int i = 0; i < most; ++i) {
    auto wrong = open_portal(context_, wrong_secret(), kAddress);
    ASSERT_FALSE(wrong.ok());
    ASSERT_EQ(wrong.error().code, ErrorCode::PermissionDenied) << "attempt " << i + 1;
  }
  auto held = open_portal(context_, receipt_, kAddress);
  ASSERT_FALSE(held.ok());
  EXPECT_EQ(held.error().code, ErrorCode::ResourceExhausted);
  EXPECT_TRUE(held.error().fields.count("retry_after")) << held.error().message;
  // Another address is not held back.
  EXPECT_TRUE(open_portal(context_, receipt_, "203.0.113.99").ok());
}

TEST_F(PortalTest, TheViewShowsThePlainStatusAndNoAuthors) {
  next_command();
  auto written = write_to_reporter(context_, member_, case_.code_name, "Could you tell us which channel it was?");
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_EQ(written->author_id, member_.member.id);
  next_command();

  const PortalSession session = open();
  auto view = portal_view(context_, session.token);
  ASSERT_TRUE(view.ok()) << view.error().message;
  EXPECT_EQ(view->status_key, "status.acknowledged");
  EXPECT_EQ(view->language, "es");
  EXPECT_EQ(view->community_name, "Tidewater Open Source Community");
  EXPECT_EQ(view->csrf_token, session.csrf_token);
  ASSERT_EQ(view->messages.size(), 1u);
  EXPECT_TRUE(view->messages[0].to_reporter);
  EXPECT_EQ(view->messages[0].text, "Could you tell us which channel it was?");
  EXPECT_FALSE(view->messages[0].author_id.has_value()) << "a member is named to the reporter";
}

TEST_F(PortalTest, TheReporterRepliesAndTheGroupReadsIt) {
  const PortalSession session = open();
  const Status forged = portal_reply(context_, session.token, "not-the-token", "Hello?");
  ASSERT_FALSE(forged.ok());
  EXPECT_EQ(forged.error().code, ErrorCode::PermissionDenied);
  const Status empty = portal_reply(context_, session.token, session.csrf_token, "   ");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::InvalidArgument);
  EXPECT_TRUE(empty.error().fields.count("text"));

  const Status replied =
      portal_reply(context_, session.token, session.csrf_token, "  It was the #help channel, on Friday.  ");
  ASSERT_TRUE(replied.ok()) << replied.error().message;
  next_command();
  auto thread = read_reporter_thread(context_, chair_, case_.code_name);
  ASSERT_TRUE(thread.ok()) << thread.error().message;
  EXPECT_TRUE(thread->exists);
  EXPECT_FALSE(thread->answer_by_email);
  EXPECT_EQ(thread->language, "es");
  ASSERT_EQ(thread->messages.size(), 1u);  // the forged and the empty reply wrote nothing
  EXPECT_FALSE(thread->messages[0].to_reporter);
  EXPECT_FALSE(thread->messages[0].author_id.has_value());
  EXPECT_EQ(thread->messages[0].text, "It was the #help channel, on Friday.");
  EXPECT_EQ(thread->messages[0].number, 1);
}

TEST_F(PortalTest, TheReporterSendsFilesWithOrWithoutWords) {
  const PortalSession session = open();
  const Status too_many = portal_reply(context_, session.token, session.csrf_token, "Six files",
                                       {{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}, {"e", "5"}, {"f", "6"}});
  ASSERT_FALSE(too_many.ok());
  EXPECT_TRUE(too_many.error().fields.count("files")) << too_many.error().message;

  ASSERT_TRUE(
      portal_reply(context_, session.token, session.csrf_token, "", {{"../../etc/shot.png", "png bytes"}}).ok());
  ASSERT_TRUE(portal_reply(context_, session.token, session.csrf_token, "And the log.", {{"log.txt", "the log"}}).ok());
  next_command();
  auto files = list_evidence(context_, chair_, case_.code_name);
  ASSERT_TRUE(files.ok()) << files.error().message;
  ASSERT_EQ(files->size(), 2u) << "the refused reply kept nothing";
  EXPECT_EQ((*files)[0].name, "shot.png");
  EXPECT_EQ((*files)[0].description, "Sent by the reporter on the portal.");
  auto thread = read_reporter_thread(context_, chair_, case_.code_name);
  ASSERT_TRUE(thread.ok());
  ASSERT_EQ(thread->messages.size(), 2u);
  EXPECT_EQ(thread->messages[0].text, "Archivos enviados: shot.png") << "in the reporter's language";
  EXPECT_EQ(thread->messages[1].text, "And the log.\n\nArchivos enviados: log.txt");
}

TEST_F(PortalTest, AnIdleSessionEnds) {
  const PortalSession session = open();
  clock_.advance_seconds(29 * 60);
  ASSERT_TRUE(portal_view(context_, session.token).ok());  // seen: the idle time starts again
  clock_.advance_seconds(29 * 60);
  ASSERT_TRUE(portal_view(context_, session.token).ok());
  clock_.advance_seconds(31 * 60);
  auto ended = portal_view(context_, session.token);
  ASSERT_FALSE(ended.ok());
  EXPECT_EQ(ended.error().code, ErrorCode::Unauthenticated);
  // And it stays ended.
  auto after = portal_view(context_, session.token);
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, ErrorCode::Unauthenticated);
}

TEST_F(PortalTest, ClosingThePortalEndsTheSession) {
  const PortalSession session = open();
  // Not without the session's CSRF token: a foreign page cannot close it.
  EXPECT_EQ(close_portal(context_, session.token, "forged").error().code, ErrorCode::PermissionDenied);
  ASSERT_TRUE(portal_view(context_, session.token).ok());
  ASSERT_TRUE(close_portal(context_, session.token, session.csrf_token).ok());
  auto view = portal_view(context_, session.token);
  ASSERT_FALSE(view.ok());
  EXPECT_EQ(view.error().code, ErrorCode::Unauthenticated);
  const Status reply = portal_reply(context_, session.token, session.csrf_token, "Still there?");
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, ErrorCode::Unauthenticated);
  EXPECT_TRUE(close_portal(context_, "no such token", "").ok());
  for (const std::string& token : {std::string(), std::string("garbage")}) {
    auto none = portal_view(context_, token);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, ErrorCode::Unauthenticated);
  }
}

TEST_F(PortalTest, AMemberTheReportNamesCannotWriteToTheReporter) {
  // A second report that names the member: they may not write on its thread.
  domain::PublicReport report;
  report.what_happened = "A member of the working group was rude to me.";
  report.concerned_members = {member_.member.id};
  ASSERT_TRUE(submit_public_report(context_, "tidewater", report, ReportOrigin{"192.0.2.11", "en"}).ok());
  auto cases = context_.store.list_cases(chair_.community.id, store::CaseFilter{});
  ASSERT_TRUE(cases.ok());
  std::string named_code;
  for (const domain::Case& each : *cases)
    if (each.id != case_.id) named_code = each.code_name;
  next_command();
  auto written = write_to_reporter(context_, member_, named_code, "Hello");
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code, ErrorCode::NotFound);
  auto read = read_reporter_thread(context_, member_, named_code);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, ErrorCode::NotFound);
}

// A temporary directory, removed with everything in it.
class TempDirectory {
 public:
  TempDirectory() {
    std::string pattern = (fs::temp_directory_path() / "conduct-mail-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

using MailDeliveryTest = PortalTest;

TEST_F(MailDeliveryTest, DueMailIsWrittenToTheOutboxAndMarkedSent) {
  auto due = context_.store.due_mail(clock_.now(), 100);
  ASSERT_TRUE(due.ok());
  const std::size_t queued = due->size();
  ASSERT_EQ(queued, 2u);  // the acknowledgement and the chair's notice
  TempDirectory directory;
  mail::DirectoryTransport transport((directory.path() / "outbox").string());
  auto delivered = deliver_due_mail(context_, transport, MailRetryPolicy{});
  ASSERT_TRUE(delivered.ok()) << delivered.error().message;
  EXPECT_EQ(delivered->sent, 2);
  EXPECT_EQ(delivered->retrying, 0);
  EXPECT_EQ(delivered->failed, 0);
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(directory.path() / "outbox")) {
    EXPECT_EQ(entry.path().extension(), ".eml");
    ++files;
  }
  EXPECT_EQ(files, queued);
  auto after = context_.store.due_mail(clock_.now(), 100);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->empty());
  auto of_case = context_.store.mail_of_case(case_.id);
  ASSERT_TRUE(of_case.ok());
  ASSERT_EQ(of_case->size(), 2u);  // the acknowledgement and the chair's notice
  for (const store::QueuedMailRow& sent : *of_case) {
    EXPECT_EQ(sent.status, store::MailStatus::Sent);
    EXPECT_EQ(sent.sent_at, clock_.now());
  }
  // Nothing is left to deliver.
  auto again = deliver_due_mail(context_, transport, MailRetryPolicy{});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->sent, 0);
}

TEST_F(MailDeliveryTest, AFailedDeliveryStaysQueuedAndIsTriedAgainLater) {
  TempDirectory directory;
  const fs::path regular_file = directory.path() / "not-a-directory";
  std::ofstream(regular_file) << "x";
  mail::DirectoryTransport broken((regular_file / "outbox").string());
  auto delivered = deliver_due_mail(context_, broken, MailRetryPolicy{});
  ASSERT_TRUE(delivered.ok()) << delivered.error().message;
  EXPECT_EQ(delivered->sent, 0);
  EXPECT_EQ(delivered->retrying, 2);

  auto of_case = context_.store.mail_of_case(case_.id);
  ASSERT_TRUE(of_case.ok());
  ASSERT_EQ(of_case->size(), 2u);                     // the acknowledgement and the chair's notice
  const store::QueuedMailRow& row = of_case->back();  // oldest last: the acknowledgement
  EXPECT_EQ(row.status, store::MailStatus::Queued);
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.next_attempt_at.seconds, clock_.now().seconds + 60);
  EXPECT_FALSE(row.last_error.empty());
  EXPECT_EQ(row.last_error.find("noor@example.net"), std::string::npos);
  // The chairs see both retrying messages (the acknowledgement and the notice, which
  // belongs to no case), without their text; a member may not look.
  auto attention = mail_needing_attention(context_, chair_);
  ASSERT_TRUE(attention.ok()) << attention.error().message;
  ASSERT_EQ(attention->size(), 2u);
  for (const store::QueuedMailRow& retrying : *attention) {
    EXPECT_EQ(retrying.attempts, 1);
    EXPECT_TRUE(retrying.message_sealed.empty());
  }
  EXPECT_EQ(mail_needing_attention(context_, member_).error().code, ErrorCode::PermissionDenied);
  // Not due before then; due then, and delivered once the outbox can be written.
  auto early = context_.store.due_mail(Timestamp{clock_.now().seconds + 59}, 100);
  ASSERT_TRUE(early.ok());
  EXPECT_TRUE(early->empty());
  clock_.advance_seconds(60);
  mail::DirectoryTransport working((directory.path() / "outbox").string());
  auto retried = deliver_due_mail(context_, working, MailRetryPolicy{});
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ(retried->sent, 2);
  // Sent after a retry, they need nobody's attention any more.
  auto after = mail_needing_attention(context_, chair_);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->empty());
}

// A transport like an SMTP server: it cannot tell a message it took from a new one. It
// counts what it took, and can be made to stop the process in the middle of a hand-over.
class OnceOnlyTransport final : public mail::Transport {
 public:
  Status deliver(const std::string&, const std::vector<std::string>&, const std::string&) override {
    if (crash_during_hand_over) throw std::runtime_error("the process stops while the server takes the message");
    ++taken;
    return ok_status();
  }
  bool repeats_safely() const override { return false; }
  bool crash_during_hand_over = false;
  int taken = 0;
};

TEST_F(MailDeliveryTest, AHandOverToAServerThatCannotTellARepeatIsNeverRepeated) {
  OnceOnlyTransport server;
  server.crash_during_hand_over = true;
  EXPECT_THROW((void)deliver_due_mail(context_, server, MailRetryPolicy{}, 1), std::runtime_error);
  // After the restart: the message whose hand-over was interrupted is not handed over
  // again (it may have left): it fails, for the chairs to see; the other one goes.
  server.crash_during_hand_over = false;
  auto delivered = deliver_due_mail(context_, server, MailRetryPolicy{});
  ASSERT_TRUE(delivered.ok()) << delivered.error().message;
  EXPECT_EQ(delivered->failed, 1);
  EXPECT_EQ(delivered->sent, 1);
  EXPECT_EQ(server.taken, 1);
  auto attention = mail_needing_attention(context_, chair_);
  ASSERT_TRUE(attention.ok());
  ASSERT_EQ(attention->size(), 1u);
  EXPECT_EQ(attention->front().status, store::MailStatus::Failed);
  EXPECT_NE(attention->front().last_error.find("not sent again"), std::string::npos);
  EXPECT_FALSE(attention->front().handing_over_since);
  // A transport that recognises a repeat (the outbox) takes an interrupted one again.
  TempDirectory directory;
  mail::DirectoryTransport outbox((directory.path() / "outbox").string());
  auto none_left = deliver_due_mail(context_, outbox, MailRetryPolicy{});
  ASSERT_TRUE(none_left.ok());
  EXPECT_EQ(none_left->sent + none_left->failed + none_left->retrying, 0);
}

// A reporter who asked to be answered by email gets the group's message by email too,
// in a message of its own to their address, and the timeline says both ways.
TEST_F(PortalTest, AMessageToAReporterWhoAskedForEmailIsMailedToo) {
  domain::PublicReport report;
  report.reporter_email = "sam@example.org";
  report.answer_by_email = true;
  report.what_happened = "Slurs in the meetup chat.";
  auto submitted = submit_public_report(context_, "tidewater", report, ReportOrigin{"192.0.2.11", "en"});
  ASSERT_TRUE(submitted.ok()) << submitted.error().message;
  next_command();
  auto cases = list_cases(context_, chair_, store::CaseFilter{});
  ASSERT_TRUE(cases.ok() && !cases->empty());
  const domain::Case emailed = cases->front();  // newest first
  ASSERT_NE(emailed.id, case_.id);

  auto written = write_to_reporter(context_, chair_, emailed.code_name, "Could you tell us which channel it was?");
  ASSERT_TRUE(written.ok()) << written.error().message;
  next_command();
  auto mail = context_.store.mail_of_case(emailed.id);
  ASSERT_TRUE(mail.ok());
  ASSERT_EQ(mail->size(), 3u);  // the acknowledgement, the chair's notice, then this message
  EXPECT_EQ(mail->front().kind, "to-reporter");
  auto due = context_.store.due_mail(clock_.now(), 100);
  ASSERT_TRUE(due.ok());
  bool found = false;
  for (const store::QueuedMailRow& row : *due) {
    if (row.kind != "to-reporter") continue;
    auto opened = open_queued_mail(context_, row);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_EQ(opened->recipients, (std::vector<std::string>{"sam@example.org", "conduct@tidewater.example"}));
    EXPECT_NE(opened->text.find("Subject: About your report (Tidewater Open Source Community)"), std::string::npos);
    EXPECT_NE(opened->text.find("Could you tell us which channel it was?"), std::string::npos);
    found = true;
  }
  EXPECT_TRUE(found);
  auto record = show_case(context_, chair_, emailed.code_name);
  ASSERT_TRUE(record.ok());
  EXPECT_NE(record->timeline.back().body.find("To the reporter, on the portal and by email to sam@example.org "
                                              "(copied to conduct@tidewater.example):"),
            std::string::npos)
      << record->timeline.back().body;

  // Without that wish, a message goes to the portal only.
  auto portal_only = write_to_reporter(context_, chair_, case_.code_name, "Thank you for writing to us.");
  ASSERT_TRUE(portal_only.ok());
  next_command();
  auto quiet = context_.store.mail_of_case(case_.id);
  ASSERT_TRUE(quiet.ok());
  for (const store::QueuedMailRow& row : *quiet) EXPECT_NE(row.kind, "to-reporter");
}

}  // namespace
}  // namespace conduct::app
