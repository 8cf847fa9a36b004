// The mail corpus (tests/mail/corpus): messages of every shape mail takes, each ingested
// into one community in file order, and each checked against expected.toml: the case it
// opens or joins, with the text and files it must leave there, or the quarantine and its
// reason. A 20 MiB attachment, over the evidence limit, is made here rather than kept in
// the tree. The test prints the outcome of every message, so the corpus's results can
// be read off a run.
#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "app/cases.h"
#include "app/evidence.h"
#include "app/mail_intake.h"
#include "app/mail_queue.h"
#include "app/mail_threads.h"
#include "app/quarantine.h"
#include "app/reporter_thread.h"
#include "app_fixture.h"
#include "domain/code_name.h"

namespace conduct::app {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

std::vector<std::string> strings_of(const toml::node_view<const toml::node>& node) {
  std::vector<std::string> values;
  if (const toml::array* array = node.as_array())
    for (const toml::node& item : *array) values.push_back(item.value_or(std::string()));
  return values;
}

class MailCorpusTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    representative_ = add("events@lisbon.example.org", "Lisbon Events", "local-representative");
    settings_.trusted_authserv_id = "mx.tidewater.example";
  }

  std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
  }

  // {{ack:FILE}}, {{tag:FILE}}, {{tag-lower:FILE}} and {{code:FILE}} filled in from the
  // cases earlier messages opened.
  std::string fill_in(std::string raw) {
    for (const auto& [file, case_id] : opened_) {
      auto found = context_.store.find_case_by_id(case_id);
      if (!found.ok()) continue;
      const std::string tag = case_tag_secret(context_, case_id);
      std::string ack;
      auto mail = context_.store.mail_of_case(case_id);
      if (mail.ok())
        for (const store::QueuedMailRow& row : *mail)
          if (row.kind == "acknowledgement") ack = row.message_id;
      const std::vector<std::pair<std::string, std::string>> values = {
          {"{{ack:" + file + "}}", ack},
          {"{{tag:" + file + "}}", tag},
          {"{{tag-lower:" + file + "}}", lower(tag)},
          {"{{code:" + file + "}}", domain::url_form(found->code_name)}};
      for (const auto& [placeholder, value] : values)
        for (std::size_t at; (at = raw.find(placeholder)) != std::string::npos;)
          raw.replace(at, placeholder.size(), value);
    }
    return raw;
  }

  // The text the message left: the report of a new case, or the case's newest
  // communication-in entry; with the names of the files added since `files_before`.
  struct Left {
    std::string text;
    std::string channel;
    std::vector<std::string> files;
  };
  Left left_on(std::int64_t case_id, std::size_t files_before, bool opened) {
    Left left;
    next_command();
    auto summary = context_.store.find_case_by_id(case_id);
    EXPECT_TRUE(summary.ok());
    if (!summary.ok()) return left;
    auto record = show_case(context_, chair_, summary->code_name);
    EXPECT_TRUE(record.ok()) << record.error().message;
    if (!record.ok()) return left;
    if (opened && !record->reports.empty()) {
      left.text = record->reports.front().text;
      left.channel = std::string(domain::to_string(record->reports.front().channel));
    }
    if (!opened)
      for (const domain::TimelineEntry& entry : record->timeline)
        if (entry.kind == domain::EntryKind::CommunicationIn) left.text = entry.body;
    auto files = list_evidence(context_, chair_, summary->code_name);
    EXPECT_TRUE(files.ok());
    if (files.ok())
      for (std::size_t i = files_before; i < files->size(); ++i) left.files.push_back((*files)[i].name);
    return left;
  }

  // The messages of the case's reporter's thread, as the chair reads them.
  std::vector<ThreadMessage> thread_of(std::optional<std::int64_t> case_id) {
    if (!case_id) return {};
    next_command();
    auto summary = context_.store.find_case_by_id(*case_id);
    if (!summary.ok()) return {};
    auto thread = read_reporter_thread(context_, chair_, summary->code_name);
    EXPECT_TRUE(thread.ok()) << thread.error().message;
    return thread.ok() ? thread->messages : std::vector<ThreadMessage>{};
  }

  std::size_t file_count(std::optional<std::int64_t> case_id) {
    if (!case_id) return 0;
    next_command();
    auto summary = context_.store.find_case_by_id(*case_id);
    if (!summary.ok()) return 0;
    auto files = list_evidence(context_, chair_, summary->code_name);
    return files.ok() ? files->size() : 0;
  }

  Actor representative_;
  MailIntakeSettings settings_;
  std::map<std::string, std::int64_t> opened_;  // by file: the case the message opened
};

TEST_F(MailCorpusTest, EveryMessageEndsWhereItBelongs) {
  const std::filesystem::path corpus = CONDUCT_MAIL_CORPUS;
  const toml::table expected = toml::parse_file((corpus / "expected.toml").string());
  const toml::array* messages = expected["message"].as_array();
  ASSERT_NE(messages, nullptr);
  std::map<std::string, int> outcomes;
  int checked = 0;
  for (const toml::node& node : *messages) {
    const toml::table& message = *node.as_table();
    const std::string file = message["file"].value_or(std::string());
    SCOPED_TRACE(file);
    const std::string outcome = message["outcome"].value_or(std::string());
    const std::string raw = fill_in(read_file(corpus / file));
    ASSERT_FALSE(raw.empty()) << "missing corpus file";

    std::optional<std::int64_t> joined_case;
    if (const auto case_of = message["case_of"].value<std::string>()) joined_case = opened_.at(*case_of);
    const std::size_t files_before = file_count(joined_case);
    const std::size_t thread_before = thread_of(joined_case).size();
    next_command();
    auto ingested = ingest_mail(context_, raw, std::nullopt, settings_);
    ASSERT_TRUE(ingested.ok()) << ingested.error().message;
    const std::string got = std::string(to_string(ingested->outcome));
    std::cout << "  " << file << ": " << got
              << (ingested->quarantine_reason.empty() ? "" : " (" + ingested->quarantine_reason + ")") << "\n";
    ++outcomes[got];
    ++checked;
    EXPECT_EQ(got, outcome);
    if (got != outcome) continue;

    if (outcome == "quarantined") {
      EXPECT_EQ(ingested->quarantine_reason, message["reason"].value_or(std::string()));
      continue;
    }
    if (outcome == "already received") continue;
    ASSERT_TRUE(ingested->case_id);
    const bool opened = outcome == "opened a case";
    if (opened) opened_[file] = *ingested->case_id;
    if (joined_case) {
      EXPECT_EQ(*ingested->case_id, *joined_case) << "joined another case";
    }
    const Left left = left_on(*ingested->case_id, files_before, opened);
    for (const std::string& piece : strings_of(message["text"]))
      EXPECT_NE(left.text.find(piece), std::string::npos) << "'" << piece << "' is not in:\n" << left.text;
    for (const std::string& piece : strings_of(message["absent"]))
      EXPECT_EQ(left.text.find(piece), std::string::npos) << "'" << piece << "' should not be in:\n" << left.text;
    EXPECT_EQ(left.files, strings_of(message["files"]));
    if (const auto channel = message["channel"].value<std::string>()) {
      EXPECT_EQ(left.channel, *channel);
    }
    if (opened) continue;
    // Every reply says whether it joins the reporter's thread (mail intake holds no key:
    // it does so through the thread's drop box).
    EXPECT_TRUE(message["thread"].is_array()) << "a joined message must say what it leaves on the thread";
    const std::vector<std::string> on_thread = strings_of(message["thread"]);
    const std::vector<ThreadMessage> thread = thread_of(ingested->case_id);
    EXPECT_EQ(thread.size(), thread_before + (on_thread.empty() ? 0 : 1));
    if (on_thread.empty() || thread.empty()) continue;
    EXPECT_FALSE(thread.back().to_reporter);
    for (const std::string& piece : on_thread)
      EXPECT_NE(thread.back().text.find(piece), std::string::npos) << "'" << piece << "' is not on the thread:\n"
                                                                   << thread.back().text;
  }
  std::cout << "  corpus: " << checked << " messages;";
  for (const auto& [outcome, count] : outcomes) std::cout << " " << outcome << " " << count << ";";
  std::cout << "\n";
  EXPECT_GE(checked, 40);
}

TEST_F(MailCorpusTest, AnAttachmentOverTheEvidenceLimitIsQuarantinedWhole) {
  const std::string big(20 * 1024 * 1024, 'x');
  std::string raw =
      "From: Ana <ana@example.org>\r\nTo: conduct@tidewater.example\r\nSubject: A recording\r\n"
      "Message-ID: <big@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"big\"\r\n\r\n"
      "--big\r\nContent-Type: text/plain\r\n\r\nThe recording of the call.\r\n"
      "--big\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; "
      "filename=\"call.bin\"\r\n\r\n";
  raw += big + "\r\n--big--\r\n";
  auto ingested = ingest_mail(context_, raw, std::nullopt, settings_);
  ASSERT_TRUE(ingested.ok()) << ingested.error().message;
  EXPECT_EQ(ingested->outcome, MailOutcome::Quarantined);
  EXPECT_EQ(ingested->quarantine_reason, "file-too-large");
  EXPECT_FALSE(ingested->case_id);

  // The chair reads it whole, and filing it into a new case keeps the text and says
  // which file was not kept.
  auto waiting = list_quarantine(context_, chair_);
  ASSERT_TRUE(waiting.ok());
  ASSERT_EQ(waiting->size(), 1u);
  EXPECT_EQ((*waiting)[0].size_bytes, static_cast<std::int64_t>(raw.size()));
  auto read = read_quarantined(context_, chair_, (*waiting)[0].id);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read->raw, raw);
  auto filed = file_quarantined(context_, chair_, (*waiting)[0].id, "");
  ASSERT_TRUE(filed.ok()) << filed.error().message;
  next_command();
  auto record = show_case(context_, chair_, *filed);
  ASSERT_TRUE(record.ok());
  EXPECT_NE(record->reports.front().text.find("The recording of the call."), std::string::npos);
  EXPECT_NE(record->reports.front().text.find("call.bin (20 MiB), was larger than the evidence limit"),
            std::string::npos);
  // The same message again is received already: filed once.
  auto again = ingest_mail(context_, raw, std::nullopt, settings_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->outcome, MailOutcome::AlreadyReceived);
}

// A community whose policy holds new reports for triage: a new message waits, unanswered,
// until a chair files it (which opens its case and acknowledges its sender); a reply to
// a case still joins it at once.
TEST_F(MailCorpusTest, APolicyOfTriageHoldsANewReportUntilAChairFilesIt) {
  std::string source = *shipped_policy_source("default");
  const std::string choice = "new_reports = \"case\"";
  ASSERT_NE(source.find(choice), std::string::npos);
  source.replace(source.find(choice), choice.size(), "new_reports = \"triage\"");
  auto created = init_community(
      context_,
      {source, {"harbour", "Harbour Users Group", "conduct@harbour.example"}, "hana@harbour.example", "Hana Berg"});
  ASSERT_TRUE(created.ok()) << created.error().message;
  auto chair = holders_.enrol_first_chair(*created);
  ASSERT_TRUE(chair.ok()) << chair.error().message;
  next_command();

  const std::string raw =
      "From: Ana <ana@example.org>\r\nTo: conduct@harbour.example\r\nSubject: Something happened\r\n"
      "Message-ID: <triage@example.org>\r\n\r\nSomeone kept writing to me after I asked them to stop.\r\n";
  auto ingested = ingest_mail(context_, raw, std::nullopt, settings_);
  ASSERT_TRUE(ingested.ok()) << ingested.error().message;
  EXPECT_EQ(ingested->outcome, MailOutcome::Quarantined);
  EXPECT_EQ(ingested->quarantine_reason, "awaiting-triage");
  EXPECT_TRUE(context_.store.list_cases(created->community.id, store::CaseFilter{})->empty());
  auto mail = context_.store.due_mail(clock_.now(), 100);
  ASSERT_TRUE(mail.ok());
  for (const store::QueuedMailRow& row : *mail) EXPECT_NE(row.kind, "acknowledgement") << "nobody is answered yet";

  auto waiting = list_quarantine(context_, *chair);
  ASSERT_TRUE(waiting.ok() && waiting->size() == 1u);
  auto filed = file_quarantined(context_, *chair, (*waiting)[0].id, "");
  ASSERT_TRUE(filed.ok()) << filed.error().message;
  auto cases = context_.store.list_cases(created->community.id, store::CaseFilter{});
  ASSERT_TRUE(cases.ok() && cases->size() == 1u);
  EXPECT_EQ(cases->front().state, domain::CaseState::Acknowledged) << "filing acknowledges the sender";
}

TEST_F(MailCorpusTest, AMessageLargerThanTheServerTakesIsRefusedForGood) {
  settings_.max_message_bytes = 1024;
  auto ingested =
      ingest_mail(context_, "From: a@example.org\r\n\r\n" + std::string(2000, 'x'), std::nullopt, settings_);
  ASSERT_FALSE(ingested.ok());
  EXPECT_EQ(ingested.error().code, ErrorCode::InvalidArgument);
  EXPECT_TRUE(context_.store.list_cases(chair_.community.id, store::CaseFilter{})->empty());
}

}  // namespace
}  // namespace conduct::app
