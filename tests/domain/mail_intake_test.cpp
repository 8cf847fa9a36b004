// The rules that place an incoming message (domain/mail_intake.h), as a table: each row
// the facts about a message and where it goes.
#include "domain/mail_intake.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace conduct::domain {
namespace {

using Kind = MailPlacement::Kind;

struct PlacementRow {
  const char* message;
  IncomingMailFacts facts;
  Kind kind;
  QuarantineReason reason;  // when quarantined
  bool acknowledge;
};

IncomingMailFacts facts(bool readable, bool sender, MachineMail machine, std::optional<std::int64_t> replied,
                        std::optional<std::int64_t> tagged, bool code_name, std::int64_t largest_file) {
  return {readable, sender, machine, replied, tagged, code_name, largest_file};
}

constexpr std::int64_t kLimit = kDefaultEvidenceMaxBytes;
const auto No = MachineMail::No;
const auto Q = QuarantineReason::Unreadable;  // not looked at

TEST(MailPlacement, FollowsTheRulesInTheirOrder) {
  const PlacementRow rows[] = {
      {"a new message", facts(true, true, No, {}, {}, false, 0), Kind::OpenCase, Q, true},
      {"a new message with a file at the limit", facts(true, true, No, {}, {}, false, kLimit), Kind::OpenCase, Q, true},
      {"unreadable", facts(false, false, No, {}, {}, false, 0), Kind::Quarantine, QuarantineReason::Unreadable, false},
      {"a file over the limit", facts(true, true, No, {}, {}, false, kLimit + 1), Kind::Quarantine,
       QuarantineReason::FileTooLarge, false},
      {"a reply over the limit", facts(true, true, No, 7, {}, false, kLimit + 1), Kind::Quarantine,
       QuarantineReason::FileTooLarge, false},
      {"a reply by its headers", facts(true, true, No, 7, {}, false, 0), Kind::JoinCase, Q, false},
      {"a reply by its tag", facts(true, true, No, {}, 8, false, 0), Kind::JoinCase, Q, false},
      {"headers win over the tag", facts(true, true, No, 7, 8, false, 0), Kind::JoinCase, Q, false},
      {"a bounce of our mail", facts(true, true, MachineMail::Bounce, 7, {}, false, 0), Kind::JoinCase, Q, false},
      {"a reply naming its code name too", facts(true, true, No, 7, {}, true, 0), Kind::JoinCase, Q, false},
      {"an auto-reply to nothing", facts(true, true, MachineMail::AutoReply, {}, {}, false, 0), Kind::Quarantine,
       QuarantineReason::MachineMail, false},
      {"list mail", facts(true, true, MachineMail::Bulk, {}, {}, false, 0), Kind::Quarantine,
       QuarantineReason::MachineMail, false},
      {"no sender", facts(true, false, No, {}, {}, false, 0), Kind::Quarantine, QuarantineReason::NoSender, false},
      {"a code name without the tag", facts(true, true, No, {}, {}, true, 0), Kind::Quarantine,
       QuarantineReason::CodeNameOnly, false},
  };
  const Policy policy;
  for (const PlacementRow& row : rows) {
    SCOPED_TRACE(row.message);
    const MailPlacement placement = place_incoming_mail(row.facts, policy);
    EXPECT_EQ(placement.kind, row.kind);
    if (row.kind == Kind::Quarantine) {
      EXPECT_EQ(placement.reason, row.reason);
    }
    if (row.kind == Kind::JoinCase) {
      EXPECT_EQ(placement.case_id, row.facts.replied_case.value_or(8));
    }
    EXPECT_EQ(placement.acknowledge, row.acknowledge);
  }
}

TEST(MailPlacement, ReasonsHaveNamesAndSentences) {
  for (const auto& [reason, name] : quarantine_reason_names()) {
    EXPECT_EQ(parse_quarantine_reason(name), reason);
    EXPECT_FALSE(describe(reason).empty());
  }
  EXPECT_FALSE(parse_quarantine_reason("spam"));
}

TEST(SenderStanding, ARepresentativeCountsOnlyWithDkimFromTheTrustedHost) {
  Member representative = testing::group_member(Role::LocalRepresentative);
  representative.id = 41;
  representative.email = "events@lisbon.example.org";
  const std::vector<Member> members = {testing::group_member(), representative};
  const DkimResult passing{"mx.tidewater.example", "dkim", "pass", "lisbon.example.org"};
  const auto standing = [&](std::string_view from, std::vector<DkimResult> results, std::string_view trusted) {
    return standing_of_sender(from, results, trusted, members, testing::test_now());
  };
  EXPECT_EQ(standing("Events@Lisbon.example.org", {passing}, "MX.tidewater.example").representative_id, 41);
  // Another host's word, a failing result, another domain, no trusted host: claimed only.
  for (const SenderStanding& claimed :
       {standing("events@lisbon.example.org", {{"mx.elsewhere.example", "dkim", "pass", "lisbon.example.org"}},
                 "mx.tidewater.example"),
        standing("events@lisbon.example.org", {{"mx.tidewater.example", "dkim", "fail", "lisbon.example.org"}},
                 "mx.tidewater.example"),
        standing("events@lisbon.example.org", {{"mx.tidewater.example", "dkim", "pass", "example.org"}},
                 "mx.tidewater.example"),
        standing("events@lisbon.example.org", {{"mx.tidewater.example", "spf", "pass", "lisbon.example.org"}},
                 "mx.tidewater.example"),
        standing("events@lisbon.example.org", {passing}, "")}) {
    EXPECT_FALSE(claimed.representative_id);
    EXPECT_EQ(claimed.claimed_representative_id, 41);
  }
  // Anyone else is neither.
  const SenderStanding stranger = standing("ana@example.org", {passing}, "mx.tidewater.example");
  EXPECT_FALSE(stranger.representative_id);
  EXPECT_FALSE(stranger.claimed_representative_id);
}

TEST(SubjectTags, AreFoundInAnyCaseAndOnlyWhole) {
  EXPECT_EQ(subject_tags_in("Re: report [ref K7Q2M9XA3T]"), std::vector<std::string>{"K7Q2M9XA3T"});
  EXPECT_EQ(subject_tags_in("[REF k7q2m9xa3t] more"), std::vector<std::string>{"K7Q2M9XA3T"});
  EXPECT_TRUE(subject_tags_in("[ref K7Q2M9XA3]").empty());    // nine characters
  EXPECT_TRUE(subject_tags_in("[ref K7Q2M9XA3TU]").empty());  // U is not of the alphabet
  EXPECT_TRUE(subject_tags_in("[ref K7Q2M9XA3T").empty());    // unclosed
  EXPECT_EQ(subject_tag("K7Q2M9XA3T"), "[ref K7Q2M9XA3T]");
}

TEST(SubjectCodeNames, AreWordPairsJoinedBySpaceOrDash) {
  EXPECT_EQ(code_names_in("About home-shelf"), (std::vector<std::string>{"about home", "home shelf"}));
  EXPECT_EQ(code_names_in("Re: Home Shelf!"), std::vector<std::string>{"home shelf"});
  EXPECT_TRUE(code_names_in("re: x1 y2").empty());
}

TEST(MailText, HoldsTheHeadersAndThePrintableText) {
  MailForCase mail;
  mail.sender_name = "Ana";
  mail.sender_address = "ana@example.org";
  mail.subject = "Line one\nline two";
  mail.sent_at = parse_timestamp("2026-12-03T18:00:00Z");
  mail.text = "Hello\r\nthere\x01!";
  mail.file_names = {"a.png"};
  const MailText text = mail_text_for_case(mail);
  EXPECT_EQ(text.text,
            "From: Ana <ana@example.org>\nDate: 2026-12-03T18:00:00Z\nSubject: Line one line two\nFiles: a.png\n\n"
            "Hello\nthere !");
  EXPECT_FALSE(text.text_cut);
}

TEST(MailText, IsCutAtALineAndSaysSo) {
  MailForCase mail;
  mail.sender_address = "ana@example.org";
  for (int i = 0; i < 2000; ++i) mail.text += "A line of the account, number " + std::to_string(i) + ".\n";
  const MailText text = mail_text_for_case(mail);
  EXPECT_TRUE(text.text_cut);
  EXPECT_LE(text.text.size(), kMailTextLimit);
  EXPECT_NE(text.text.find(".\n\n[The text is cut here; the whole message is kept as a file of the case.]"),
            std::string::npos);
}

TEST(ReporterReply, JoinsTheThreadOnlyWhenEveryFactHolds) {
  struct Row {
    const char* message;
    ReporterReplyFacts facts;
    bool joins;
  };
  const Row rows[] = {
      {"the reporter answering the group's mail", {No, true, true, true}, true},
      {"an auto-reply from the reporter's address", {MachineMail::AutoReply, true, true, true}, false},
      {"a bounce", {MachineMail::Bounce, true, true, true}, false},
      {"list mail", {MachineMail::Bulk, true, true, true}, false},
      {"answering no mail that went to the reporter", {No, false, true, true}, false},
      {"from another address", {No, true, false, true}, false},
      {"a thread without a drop box", {No, true, true, false}, false},
  };
  for (const Row& row : rows) EXPECT_EQ(joins_reporter_thread(row.facts), row.joins) << row.message;
}

TEST(ReporterReply, IsTheTextWithoutHeadersAndNamesItsFiles) {
  MailForCase mail;
  mail.sender_address = "ana@example.org";
  mail.subject = "Re: your report";
  mail.text = "  It happened\r\nagain\x01.\n\n";
  EXPECT_EQ(thread_message_of_reply(mail, ""), "It happened\nagain .");
  EXPECT_EQ(thread_message_of_reply(mail, "Files sent: a.png"), "It happened\nagain .\n\nFiles sent: a.png");
  mail.text = " \n";
  EXPECT_EQ(thread_message_of_reply(mail, "Files sent: a.png"), "Files sent: a.png");
  EXPECT_EQ(thread_message_of_reply(mail, ""), "(The message has no text.)");
}

TEST(ReporterReply, IsCutAtTheThreadsLimitRatherThanRefused) {
  MailForCase mail;
  for (int i = 0; i < 1000; ++i) mail.text += "A line of the account, number " + std::to_string(i) + ".\n";
  ASSERT_GT(mail.text.size(), kThreadMessageLimit);
  const std::string files = "Files sent: " + std::string(8000, 'f') + ".png";
  for (const std::string& files_line : {std::string(), files}) {
    const std::string message = thread_message_of_reply(mail, files_line);
    EXPECT_LE(message.size(), kThreadMessageLimit);
    EXPECT_TRUE(message.starts_with("A line of the account, number 0.\n"));
    EXPECT_NE(message.find(".\n[The message is cut here; the working group has all of it.]"), std::string::npos);
    if (!files_line.empty()) {
      EXPECT_TRUE(message.ends_with("f")) << "a files line past a quarter of the limit is cut too";
    }
  }
}

TEST(MailReport, OpensAnEmailCaseWithTheSenderAsReporter) {
  MailForCase mail;
  mail.sender_name = "Ana";
  mail.sender_address = "Ana@Example.org";
  mail.text = "Someone followed me.";
  auto plan = plan_mail_report(mail, testing::test_community());
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->command.report.channel, "email");
  EXPECT_EQ(plan->acknowledge_to, "ana@example.org");
  EXPECT_TRUE(plan->answer_by_email);
  ASSERT_EQ(plan->command.report.parties.size(), 1u);
  EXPECT_EQ(plan->command.report.parties[0].role, "reporter");
  EXPECT_EQ(plan->command.report.parties[0].contact, "ana@example.org");
  mail.standing.representative_id = 41;
  EXPECT_EQ(plan_mail_report(mail, testing::test_community())->command.report.channel, "local-representative");
  mail.sender_address = "not an address";
  EXPECT_FALSE(plan_mail_report(mail, testing::test_community())->acknowledge_to);
}

}  // namespace
}  // namespace conduct::domain

namespace conduct::domain {
namespace {

TEST(MailPlacement, APolicyOfTriageHoldsNewReportsButNotReplies) {
  Policy policy;
  policy.mail.new_reports = NewMailReports::AwaitTriage;
  IncomingMailFacts report;
  report.readable = true;
  report.has_sender = true;
  const MailPlacement held = place_incoming_mail(report, policy);
  EXPECT_EQ(held.kind, MailPlacement::Kind::Quarantine);
  EXPECT_EQ(held.reason, QuarantineReason::AwaitingTriage);
  EXPECT_FALSE(held.acknowledge) << "nobody is answered before a chair's triage";
  IncomingMailFacts reply = report;
  reply.tagged_case = 4;
  EXPECT_EQ(place_incoming_mail(reply, policy).kind, MailPlacement::Kind::JoinCase);
  IncomingMailFacts nameless = report;
  nameless.has_sender = false;
  EXPECT_EQ(place_incoming_mail(nameless, policy).reason, QuarantineReason::NoSender) << "the first reason found";
}

}  // namespace
}  // namespace conduct::domain
