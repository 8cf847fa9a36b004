// Drafts and their review (app/drafts.h): a draft that holds the reporter's address, in
// any disguise, is held; one that needs review is sent only by a second member; each
// recipient gets the message alone, with the case's tag and the group copied; a change
// of recipients heads the next message.
#include "app/drafts.h"

#include <gtest/gtest.h>

#include "app/cases.h"
#include "app/mail_queue.h"
#include "app_fixture.h"
#include "support/mail_reading.h"

namespace conduct::app {
namespace {

using conduct::testing::mail_body;
using conduct::testing::mail_header;

class DraftsTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    domain::NewCaseCommand command;
    command.report.report_text = "Insults in the forum after the release.";
    command.report.channel = "email";
    command.report.parties = {{"reporter", "Noor Haddad", "noor@example.net", "", ""},
                              {"witness", "", "@quiet_fox", "", ""},
                              {"reported", "", "@drift_wood", "", ""}};
    auto record = open_case(context_, chair_, command);
    ASSERT_TRUE(record.ok()) << record.error().message;
    code_ = record->summary.code_name;
    next_command();
  }

  domain::DraftContent letter(const std::string& behaviour) {
    domain::DraftContent content;
    content.to = {"drift@example.org"};
    content.subject = "About your posts in the forum";
    content.text = "Hello,";
    content.behaviour = behaviour;
    content.impact = "Several newcomers stopped posting.";
    content.changes_expected = "Do not reply to newcomers' threads for the next month.";
    content.consequences = "A further report would lead to a suspension.";
    return content;
  }

  std::vector<std::pair<std::vector<std::string>, std::string>> queued_drafts() {
    std::vector<std::pair<std::vector<std::string>, std::string>> mail;
    auto due = context_.store.due_mail(clock_.now(), 100);
    EXPECT_TRUE(due.ok());
    for (const store::QueuedMailRow& row : *due)
      if (row.kind == "draft") {
        auto opened = open_queued_mail(context_, row);
        EXPECT_TRUE(opened.ok());
        mail.push_back({opened->recipients, opened->text});
      }
    return mail;
  }

  std::string code_;
};

TEST_F(DraftsTest, ADraftHoldingTheReportersAddressInAnyDisguiseIsHeld) {
  for (const std::string& disguise :
       {std::string("noor@example.net"), std::string("NOOR+coc@Example.NET"), std::string("mailto:noor%40example.net"),
        std::string("\xEF\xBD\x8E\xEF\xBD\x8F\xEF\xBD\x8F\xEF\xBD\x92@example.net"), std::string("Noor\nHaddad"),
        std::string("quiet_fox")}) {
    SCOPED_TRACE(disguise);
    next_command();
    auto written = write_draft(context_, member_, code_, "reported-person",
                               letter("You replied to " + disguise + " with insults."));
    ASSERT_TRUE(written.ok()) << written.error().message;
    EXPECT_TRUE(written->held);
    next_command();
    auto sent = send_draft(context_, chair_, code_, written->draft.number);
    ASSERT_FALSE(sent.ok());
    EXPECT_EQ(sent.error().code, ErrorCode::FailedPrecondition);
    EXPECT_NE(sent.error().message.find("held"), std::string::npos) << sent.error().message;
    EXPECT_EQ(sent.error().message.find("noor"), std::string::npos) << "the reason repeats no identifier";
  }
  EXPECT_TRUE(queued_drafts().empty());
}

TEST_F(DraftsTest, ALetterToAReportedPersonGoesOnlyWhenASecondMemberApprovesIt) {
  auto written = write_draft(context_, member_, code_, "reported-person",
                             letter("In the forum you replied to several newcomers with insults."));
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_FALSE(written->held);
  EXPECT_TRUE(written->needs_review);
  next_command();
  auto own = send_draft(context_, member_, code_, written->draft.number);
  ASSERT_FALSE(own.ok());
  EXPECT_NE(own.error().message.find("second member"), std::string::npos);
  next_command();
  auto approved = send_draft(context_, chair_, code_, written->draft.number);
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  EXPECT_EQ(approved->draft.status, domain::DraftStatus::Sent);
  const auto mail = queued_drafts();
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].first, (std::vector<std::string>{"drift@example.org", "conduct@tidewater.example"}));
  EXPECT_NE(mail_header(mail[0].second, "Subject").find("[ref "), std::string::npos);
  const std::string body = mail_body(mail[0].second);
  EXPECT_EQ(body.rfind("Hello,\n\nIn the forum you replied", 0), 0u) << body;
  EXPECT_NE(body.find("A further report would lead to a suspension."), std::string::npos);
  // On the timeline, with its recipients and who approved it; and never sent twice.
  next_command();
  auto record = show_case(context_, chair_, code_);
  ASSERT_TRUE(record.ok());
  const domain::TimelineEntry& entry = record->timeline.back();
  EXPECT_EQ(entry.kind, domain::EntryKind::CommunicationOut);
  EXPECT_NE(entry.body.find("approved and sent by Robin Achterberg"), std::string::npos) << entry.body;
  EXPECT_NE(entry.body.find("To: drift@example.org (copied to conduct@tidewater.example)"), std::string::npos);
  next_command();
  EXPECT_EQ(send_draft(context_, chair_, code_, written->draft.number).error().code, ErrorCode::FailedPrecondition);
}

TEST_F(DraftsTest, RecipientsGetItAloneAndAChangeOfRecipientsHeadsTheNextMessage) {
  domain::DraftContent first;
  first.to = {"alex@example.org", "maya@example.org"};
  first.subject = "A report from the meetup";
  first.text = "We are looking into an incident at the meetup and will come back to you.";
  auto one = write_draft(context_, member_, code_, "moderators", first);
  ASSERT_TRUE(one.ok()) << one.error().message;
  next_command();
  ASSERT_TRUE(send_draft(context_, chair_, code_, one->draft.number).ok());
  auto mail = queued_drafts();
  ASSERT_EQ(mail.size(), 2u);  // one message each: neither sees the other's address
  for (const auto& [recipients, text] : mail) EXPECT_EQ(recipients.size(), 2u);  // the one, and the group's copy
  EXPECT_EQ(mail_header(mail[0].second, "To"), "alex@example.org");
  EXPECT_EQ(mail_header(mail[1].second, "To"), "maya@example.org");

  domain::DraftContent second = first;
  second.to = {"maya@example.org", "sam@example.org"};
  second.recipients_see_each_other = true;
  second.text = "An update: the case is closed.";
  next_command();
  auto two = write_draft(context_, member_, code_, "moderators", second);
  ASSERT_TRUE(two.ok());
  next_command();
  ASSERT_TRUE(send_draft(context_, chair_, code_, two->draft.number).ok());
  mail = queued_drafts();
  ASSERT_EQ(mail.size(), 3u);
  EXPECT_EQ(mail_header(mail[2].second, "To"), "maya@example.org, sam@example.org");
  EXPECT_EQ(mail_body(mail[2].second).rfind("[+ sam@example.org] [- alex@example.org]\n\nAn update", 0), 0u)
      << mail_body(mail[2].second);
}

TEST_F(DraftsTest, AMessageToTheReporterItsAuthorSendsAndAWithdrawnDraftIsFinal) {
  domain::DraftContent content;
  content.to = {"noor@example.net"};
  content.subject = "Your report";
  content.text = "We have spoken with the moderators.";
  auto written = write_draft(context_, member_, code_, "reporter", content);
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_FALSE(written->needs_review);
  EXPECT_FALSE(written->held) << "the checks read what the message says, not where it goes";
  next_command();
  ASSERT_TRUE(send_draft(context_, member_, code_, written->draft.number).ok());
  // Other kinds of message: the author sends them; a withdrawn one stays withdrawn.
  content.to = {"help@example.org"};
  next_command();
  auto other = write_draft(context_, member_, code_, "other", content);
  ASSERT_TRUE(other.ok());
  next_command();
  ASSERT_TRUE(send_draft(context_, member_, code_, other->draft.number).ok());
  next_command();
  auto third = write_draft(context_, member_, code_, "other", content);
  ASSERT_TRUE(third.ok());
  next_command();
  ASSERT_TRUE(withdraw_draft(context_, member_, code_, third->draft.number).ok());
  next_command();
  EXPECT_EQ(send_draft(context_, member_, code_, third->draft.number).error().code, ErrorCode::FailedPrecondition);
  next_command();
  auto listed = list_drafts(context_, chair_, code_);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ((*listed)[0].draft.status, domain::DraftStatus::Sent);
  EXPECT_EQ((*listed)[1].draft.status, domain::DraftStatus::Sent);
  EXPECT_EQ((*listed)[2].draft.status, domain::DraftStatus::Withdrawn);
}

TEST_F(DraftsTest, BadFieldsAreNamedAndAnAdviserNotInvitedSeesNothing) {
  domain::DraftContent content;
  content.to = {"not an address"};
  content.behaviour = "Only for letters to a reported person.";
  auto refused = write_draft(context_, member_, code_, "moderators", content);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
  for (const char* field : {"to", "subject", "behaviour"})
    EXPECT_NE(refused.error().message.find(field), std::string::npos) << refused.error().message;
  EXPECT_EQ(write_draft(context_, member_, code_, "the press", content).error().code, ErrorCode::InvalidArgument);
  next_command();
  EXPECT_EQ(list_drafts(context_, adviser_, code_).error().code, ErrorCode::NotFound);
}

}  // namespace
}  // namespace conduct::app

namespace conduct::app {
namespace {

class DraftsToReviewTest : public testing::AppTest {};

TEST_F(DraftsToReviewTest, TheIntakeQueueListsWhatAnotherMemberMayApprove) {
  domain::NewCaseCommand command;
  command.report.report_text = "Insults in the forum after the release.";
  command.report.channel = "email";
  command.report.parties = {{"reporter", "Noor Haddad", "noor@example.net", "", ""}};
  auto record = open_case(context_, chair_, command);
  ASSERT_TRUE(record.ok()) << record.error().message;
  const std::string code = record->summary.code_name;
  next_command();
  domain::DraftContent content;
  content.to = {"mods@example.org"};
  content.subject = "An incident in the forum";
  content.text = "We are looking into an incident in the forum.";
  auto to_moderators = write_draft(context_, chair_, code, "moderators", content);
  ASSERT_TRUE(to_moderators.ok()) << to_moderators.error().message;
  next_command();
  auto to_someone = write_draft(context_, chair_, code, "other", content);  // needs no second member
  ASSERT_TRUE(to_someone.ok());
  next_command();

  auto for_member = drafts_awaiting_review(context_, member_);
  ASSERT_TRUE(for_member.ok()) << for_member.error().message;
  ASSERT_EQ(for_member->size(), 1u);
  EXPECT_EQ((*for_member)[0].code_name, code);
  EXPECT_EQ((*for_member)[0].number, to_moderators->draft.number);
  EXPECT_EQ((*for_member)[0].recipient, domain::DraftRecipient::Moderators);
  EXPECT_EQ((*for_member)[0].author_id, chair_.member.id);
  EXPECT_TRUE(drafts_awaiting_review(context_, chair_)->empty()) << "the author never approves their own";
  EXPECT_TRUE(drafts_awaiting_review(context_, adviser_)->empty()) << "an adviser not invited does not reach the case";
  const Actor events = add("events@harbour-days.example", "Harbour Days CoC team", "local-representative");
  EXPECT_EQ(drafts_awaiting_review(context_, events).error().code, ErrorCode::PermissionDenied);

  ASSERT_TRUE(send_draft(context_, member_, code, to_moderators->draft.number).ok());
  next_command();
  EXPECT_TRUE(drafts_awaiting_review(context_, member_)->empty()) << "a sent draft waits no more";
}

}  // namespace
}  // namespace conduct::app
