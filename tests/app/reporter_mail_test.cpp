// The reporter's replies by mail on their thread (app/mail_intake.h, app/reporter_thread.h;
// the rules in domain/mail_intake.h): a reply from the reporter's address to mail that
// went to them joins the thread through its drop box, with mail intake holding no key
// (every ingest below runs with the keyring emptied, as `conduct mail ingest` starts);
// any other reply stays on the timeline only.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app/cases.h"
#include "app/evidence.h"
#include "app/intake.h"
#include "app/mail_intake.h"
#include "app/mail_threads.h"
#include "app/portal.h"
#include "app/reporter_thread.h"
#include "app_fixture.h"
#include "domain/mail_intake.h"

namespace conduct::app {
namespace {

constexpr char kReporter[] = "sam@example.org";

class ReporterMailTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    domain::PublicReport report;
    report.reporter_email = kReporter;
    report.answer_by_email = true;
    report.what_happened = "Slurs in the meetup chat.";
    auto submitted = submit_public_report(context_, "tidewater", report, ReportOrigin{"192.0.2.10", "es"});
    ASSERT_TRUE(submitted.ok()) << submitted.error().message;
    receipt_ = submitted->receipt;
    auto cases = context_.store.list_cases(chair_.community.id, store::CaseFilter{});
    ASSERT_TRUE(cases.ok() && cases->size() == 1u);
    case_ = cases->front();
    acknowledgement_ = sent_id("acknowledgement");
    ASSERT_FALSE(acknowledgement_.empty());
    next_command();
  }

  // The Message-ID of the newest mail of `kind` the case sent.
  std::string sent_id(const std::string& kind) {
    auto mail = context_.store.mail_of_case(case_.id);
    EXPECT_TRUE(mail.ok());
    if (mail.ok())
      for (const store::QueuedMailRow& row : *mail)  // newest first
        if (row.kind == kind) return row.message_id;
    return "";
  }

  // A reply as a mail client writes it; `headers` go before the blank line.
  std::string reply(const std::string& from, const std::string& headers, const std::string& text) {
    return "From: Sam <" + from + ">\r\nTo: conduct@tidewater.example\r\nSubject: Re: your report\r\n" +
           "Message-ID: <reply-" + std::to_string(++replies_) + "@example.org>\r\n" + headers + "\r\n" + text + "\r\n";
  }
  std::string in_reply_to(const std::string& id) { return "In-Reply-To: <" + id + ">\r\n"; }

  // Ingests as `conduct mail ingest` does: no case key unlocked.
  IngestedMail ingest(const std::string& raw) {
    next_command();
    auto ingested = ingest_mail(context_, raw, std::nullopt, MailIntakeSettings{});
    EXPECT_TRUE(ingested.ok()) << ingested.error().message;
    if (!ingested.ok()) return {};
    EXPECT_EQ(ingested->outcome, MailOutcome::JoinedCase);
    EXPECT_EQ(ingested->case_id, case_.id);
    return *ingested;
  }

  std::vector<ThreadMessage> thread_as_members_read_it() {
    next_command();
    auto thread = read_reporter_thread(context_, chair_, case_.code_name);
    EXPECT_TRUE(thread.ok()) << thread.error().message;
    return thread.ok() ? thread->messages : std::vector<ThreadMessage>{};
  }

  std::vector<ThreadMessage> thread_on_the_portal() {
    auto session = open_portal(context_, receipt_, "203.0.113.5");
    EXPECT_TRUE(session.ok()) << session.error().message;
    if (!session.ok()) return {};
    auto view = portal_view(context_, session->token);
    EXPECT_TRUE(view.ok()) << view.error().message;
    return view.ok() ? view->messages : std::vector<ThreadMessage>{};
  }

  // The body of the case's newest communication-in entry.
  std::string last_mail_on_timeline() {
    next_command();
    auto record = show_case(context_, chair_, case_.code_name);
    EXPECT_TRUE(record.ok()) << record.error().message;
    if (!record.ok()) return "";
    std::string body;
    for (const domain::TimelineEntry& entry : record->timeline)
      if (entry.kind == domain::EntryKind::CommunicationIn) body = entry.body;
    return body;
  }

  void forget_drop_box() {
    ASSERT_TRUE(store_.sqlite()
                    .database()
                    .execute("UPDATE reporter_threads SET inbox_public = NULL, inbox_secret_sealed = NULL")
                    .ok());
  }

  std::string receipt_;
  domain::Case case_;
  std::string acknowledgement_;
  int replies_ = 0;
};

TEST_F(ReporterMailTest, TheReportersReplyToTheAcknowledgementJoinsTheirThread) {
  ingest(reply(kReporter, in_reply_to(acknowledgement_), "It happened again on Tuesday."));

  const std::vector<ThreadMessage> portal = thread_on_the_portal();
  ASSERT_EQ(portal.size(), 1u);
  EXPECT_FALSE(portal[0].to_reporter);
  EXPECT_FALSE(portal[0].author_id);
  EXPECT_EQ(portal[0].text, "It happened again on Tuesday.");
  EXPECT_EQ(portal[0].number, 1);
  const std::vector<ThreadMessage> members = thread_as_members_read_it();
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(members[0].text, "It happened again on Tuesday.");
  // Sealed to the drop box, and still the timeline's incoming communication.
  auto rows = context_.store.list_thread_messages(case_.id);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().sealed_to, store::MessageSealedTo::Inbox);
  const std::string entry = last_mail_on_timeline();
  EXPECT_NE(entry.find("It happened again on Tuesday."), std::string::npos) << entry;
  EXPECT_NE(entry.find("From: Sam <sam@example.org>"), std::string::npos) << entry;
}

TEST_F(ReporterMailTest, ARepliesThatAreNotTheReporterAnsweringStayOnTheTimelineOnly) {
  struct Case {
    const char* name;
    std::string raw;
  };
  const std::string tag = "[ref " + case_tag_secret(context_, case_.id) + "]";
  const std::vector<Case> cases = {
      {"from another address", reply("someone@example.org", in_reply_to(acknowledgement_), "Another address.")},
      {"the reporter's address in the name only",
       "From: sam@example.org <mallory@example.org>\r\nSubject: Re\r\nMessage-ID: <named@example.org>\r\n" +
           in_reply_to(acknowledgement_) + "\r\nA display name.\r\n"},
      {"by the case's tag only", "From: " + std::string(kReporter) + "\r\nSubject: Re: " + tag +
                                     "\r\nMessage-ID: <tagged@example.org>\r\n\r\nBy the tag.\r\n"},
      {"an auto-reply to the acknowledgement",
       reply(kReporter, in_reply_to(acknowledgement_) + "Auto-Submitted: auto-replied\r\n", "I am away.")},
      {"a bounce of the acknowledgement",
       reply(kReporter,
             in_reply_to(acknowledgement_) + "Content-Type: multipart/report; report-type=delivery-status;"
                                             " boundary=\"b\"\r\n",
             "--b\r\nContent-Type: text/plain\r\n\r\nUndeliverable.\r\n--b--")},
  };
  for (const Case& each : cases) {
    SCOPED_TRACE(each.name);
    ingest(each.raw);
    EXPECT_FALSE(last_mail_on_timeline().empty());
    EXPECT_TRUE(thread_as_members_read_it().empty());
  }
  EXPECT_TRUE(thread_on_the_portal().empty());
}

TEST_F(ReporterMailTest, AReplyToAMembersMailedMessageJoinsTheThread) {
  auto written = write_to_reporter(context_, chair_, case_.code_name, "Could you tell us which channel it was?");
  ASSERT_TRUE(written.ok()) << written.error().message;
  const std::string to_reporter = sent_id("to-reporter");
  ASSERT_FALSE(to_reporter.empty());
  // Found through References this time, as a client that threads by it writes them.
  ingest(reply(kReporter, "References: <" + acknowledgement_ + "> <" + to_reporter + ">\r\n", "The #general one."));

  const std::vector<ThreadMessage> messages = thread_as_members_read_it();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_TRUE(messages[0].to_reporter);
  EXPECT_EQ(messages[0].text, "Could you tell us which channel it was?");
  EXPECT_FALSE(messages[1].to_reporter);
  EXPECT_EQ(messages[1].text, "The #general one.");
  EXPECT_EQ(messages[1].number, 2);
  EXPECT_EQ(thread_on_the_portal().size(), 2u);
}

TEST_F(ReporterMailTest, AReplysFilesStayEvidenceAndTheThreadNamesThem) {
  ingest(reply(
      kReporter,
      in_reply_to(acknowledgement_) + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"files\"\r\n",
      "--files\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHere is the screenshot.\r\n"
      "--files\r\nContent-Type: image/png\r\nContent-Disposition: attachment; filename=\"shot.png\"\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--files--"));

  next_command();
  auto files = list_evidence(context_, chair_, case_.code_name);
  ASSERT_TRUE(files.ok()) << files.error().message;
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ((*files)[0].name, "shot.png");
  EXPECT_EQ((*files)[0].description, "Came by mail.");
  const std::vector<ThreadMessage> messages = thread_as_members_read_it();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].text, "Here is the screenshot.\n\nArchivos enviados: shot.png") << "in the reporter's language";
}

TEST_F(ReporterMailTest, ALongReplyIsCutOnTheThreadAndKeptWholeOnTheTimeline) {
  std::string text;
  while (text.size() < 30000) text += "A line of what happened, told at length. ";
  text += "THE END";
  ingest(reply(kReporter, in_reply_to(acknowledgement_), text));

  const std::vector<ThreadMessage> messages = thread_as_members_read_it();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_LE(messages[0].text.size(), domain::kThreadMessageLimit);
  EXPECT_EQ(messages[0].text.find("THE END"), std::string::npos);
  EXPECT_TRUE(messages[0].text.ends_with("[The message is cut here; the working group has all of it.]"))
      << messages[0].text.substr(messages[0].text.size() - 100);
  EXPECT_NE(last_mail_on_timeline().find("THE END"), std::string::npos);
}

TEST_F(ReporterMailTest, AThreadMadeBeforeDropBoxesGetsOneWhenAMemberWritesToTheReporter) {
  forget_drop_box();
  ingest(reply(kReporter, in_reply_to(acknowledgement_), "Before the drop box."));
  EXPECT_NE(last_mail_on_timeline().find("Before the drop box."), std::string::npos);
  EXPECT_TRUE(thread_as_members_read_it().empty()) << "no drop box: the reply stays on the timeline";

  next_command();
  ASSERT_TRUE(write_to_reporter(context_, member_, case_.code_name, "Thank you for writing.").ok());
  auto thread = context_.store.find_thread_by_case(case_.id);
  ASSERT_TRUE(thread.ok() && thread->has_value());
  EXPECT_EQ((*thread)->inbox_public.size(), 32u);
  ingest(reply(kReporter, in_reply_to(acknowledgement_), "After the drop box."));

  const std::vector<ThreadMessage> messages = thread_as_members_read_it();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].text, "Thank you for writing.");
  EXPECT_EQ(messages[1].text, "After the drop box.");
  EXPECT_EQ(thread_on_the_portal().size(), 2u);
}

TEST_F(ReporterMailTest, AThreadMadeBeforeDropBoxesGetsOneWhenTheReporterWritesOnThePortal) {
  forget_drop_box();
  auto session = open_portal(context_, receipt_, "203.0.113.5");
  ASSERT_TRUE(session.ok()) << session.error().message;
  ASSERT_TRUE(portal_reply(context_, session->token, session->csrf_token, "On the portal.").ok());
  ingest(reply(kReporter, in_reply_to(acknowledgement_), "By mail."));

  const std::vector<ThreadMessage> messages = thread_on_the_portal();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].text, "On the portal.");
  EXPECT_EQ(messages[1].text, "By mail.");
}

TEST_F(ReporterMailTest, ADropBoxMessageMovedToAnotherRowDoesNotOpen) {
  ingest(reply(kReporter, in_reply_to(acknowledgement_), "First secret words."));
  ingest(reply(kReporter, in_reply_to(acknowledgement_), "Second secret words."));
  ASSERT_EQ(thread_as_members_read_it().size(), 2u);

  // Someone with the database swaps the two sealed bodies.
  auto rows = context_.store.list_thread_messages(case_.id);
  ASSERT_TRUE(rows.ok() && rows->size() == 2u);
  auto& db = store_.sqlite().database();
  for (const auto& [number, body] : {std::pair{1, (*rows)[1].body_sealed}, std::pair{2, (*rows)[0].body_sealed}}) {
    auto update = db.prepare("UPDATE thread_messages SET body_sealed = ? WHERE case_id = ? AND number = ?");
    ASSERT_TRUE(update.ok());
    ASSERT_TRUE(update->bind_blob(1, body).bind(2, case_.id).bind(3, number).run().ok());
  }

  next_command();
  auto read = read_reporter_thread(context_, chair_, case_.code_name);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(read.error().message.find("secret words"), std::string::npos) << read.error().message;
  auto session = open_portal(context_, receipt_, "203.0.113.5");
  ASSERT_TRUE(session.ok());
  auto view = portal_view(context_, session->token);
  ASSERT_FALSE(view.ok());
  EXPECT_EQ(view.error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(view.error().message.find("secret words"), std::string::npos) << view.error().message;
}

TEST_F(ReporterMailTest, ADropBoxFromAnotherThreadDoesNotOpen) {
  // A second report, and its thread's drop box copied over the first's.
  domain::PublicReport report;
  report.reporter_email = "lee@example.org";
  report.what_happened = "Another incident.";
  ASSERT_TRUE(submit_public_report(context_, "tidewater", report, ReportOrigin{"192.0.2.11", "en"}).ok());
  ingest(reply(kReporter, in_reply_to(acknowledgement_), "Sealed to the first box."));
  ASSERT_TRUE(store_.sqlite()
                  .database()
                  .execute("UPDATE reporter_threads SET (inbox_public, inbox_secret_sealed) = (SELECT inbox_public, "
                           "inbox_secret_sealed FROM reporter_threads WHERE case_id <> " +
                           std::to_string(case_.id) + ") WHERE case_id = " + std::to_string(case_.id))
                  .ok());
  next_command();
  auto read = read_reporter_thread(context_, chair_, case_.code_name);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, ErrorCode::PermissionDenied);
}

}  // namespace
}  // namespace conduct::app
