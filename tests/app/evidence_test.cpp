// Evidence files through the use cases: attaching (sealed in chunks, with its timeline
// entry, all or nothing), listing and reading back, who may, and what a stored file
// that has been tampered with answers. The fixture's members hold keys; the store
// seals for real with the context's keyring.
#include "app/evidence.h"

#include <gmock/gmock.h>

#include <set>
#include <string>
#include <vector>

#include "app/case_keys.h"
#include "app/cases.h"
#include "app/communities.h"
#include "app/conflicts.h"
#include "app_fixture.h"
#include "crypto/evidence_stream.h"
#include "domain/code_name.h"

namespace conduct::app {
namespace {

using testing::AppTest;
using ::testing::HasSubstr;

// A distinctive line, repeated so the file spans several chunks.
std::string canary_content(std::size_t size) {
  const std::string line = "EVIDENCE-CANARY: the messages as the reporter exported them.\n";
  std::string content;
  while (content.size() < size) content += line;
  content.resize(size);
  return content;
}

class EvidenceTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    domain::NewCaseCommand command;
    command.report.report_text = "Repeated unwanted messages after being asked to stop.";
    command.space = "forum";
    command.categories = {"harassment"};
    command.report.parties = {{"reported", "", "@drift_wood", ""}};
    auto record = open_case(context_, chair_, command);
    ASSERT_TRUE(record.ok()) << record.error().message;
    summary_ = record->summary;
    code_ = domain::url_form(summary_.code_name);
    next_command();
  }

  domain::EvidenceFile attach(const Actor& actor, const std::string& name, const std::string& description,
                              const std::string& content) {
    auto attached = attach_evidence(context_, actor, code_, {name, description, content});
    EXPECT_TRUE(attached.ok()) << attached.error().message;
    next_command();
    return attached.ok() ? *attached : domain::EvidenceFile{};
  }

  std::vector<domain::EvidenceFile> listed(const Actor& actor) {
    auto files = list_evidence(context_, actor, code_);
    EXPECT_TRUE(files.ok()) << files.error().message;
    next_command();
    return files.ok() ? *files : std::vector<domain::EvidenceFile>{};
  }

  domain::CaseRecord record() {
    auto shown = show_case(context_, chair_, code_);
    EXPECT_TRUE(shown.ok()) << shown.error().message;
    next_command();
    return shown.ok() ? *shown : domain::CaseRecord{};
  }

  domain::Case summary_;
  std::string code_;  // URL form
};

TEST_F(EvidenceTest, AFileIsAttachedListedAndReadBackWithItsTimelineEntry) {
  const std::string content = canary_content(2 * crypto::kEvidenceChunkBytes + 100);
  const std::size_t entries_before = record().timeline.size();
  const domain::EvidenceFile first = attach(member_, "chat export.txt", "The messages, as exported.", content);
  EXPECT_EQ(first.number, 1);
  EXPECT_EQ(first.size_bytes, static_cast<std::int64_t>(content.size()));
  EXPECT_EQ(first.chunk_count, 3);
  EXPECT_EQ(first.author_id, member_.member.id);
  EXPECT_EQ(first.created_at, clock_.now());
  const domain::EvidenceFile second = attach(chair_, "photo.png", "", "\x89PNG\r\n\x1a\n");
  EXPECT_EQ(second.number, 2);
  EXPECT_EQ(second.chunk_count, 1);

  const std::vector<domain::EvidenceFile> files = listed(member_);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].name, "chat export.txt");
  EXPECT_EQ(files[0].description, "The messages, as exported.");
  EXPECT_EQ(files[1].name, "photo.png");
  EXPECT_EQ(files[1].description, "");

  const auto read = read_evidence(context_, chair_, code_, 1);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read->bytes, content);
  EXPECT_EQ(read->file.name, "chat export.txt");
  next_command();
  const auto binary = read_evidence(context_, member_, code_, 2);
  ASSERT_TRUE(binary.ok()) << binary.error().message;
  EXPECT_EQ(binary->bytes, "\x89PNG\r\n\x1a\n");

  const domain::CaseRecord after = record();
  ASSERT_EQ(after.timeline.size(), entries_before + 2);
  const domain::TimelineEntry& described = after.timeline[entries_before];
  EXPECT_EQ(described.kind, domain::EntryKind::Evidence);
  EXPECT_EQ(described.body, "The messages, as exported.");
  EXPECT_EQ(described.author_id, member_.member.id);
  EXPECT_EQ(after.timeline.back().kind, domain::EntryKind::Evidence);
  EXPECT_EQ(after.timeline.back().body, "Evidence file 2 attached");
}

TEST_F(EvidenceTest, TheStoreHoldsOnlySealedChunksAndASealedKey) {
  const std::string content = canary_content(crypto::kEvidenceChunkBytes + 1);
  attach(member_, "EVIDENCE-CANARY-NAME.txt", "EVIDENCE-CANARY description", content);
  // Read as the store holds them, with no case key unlocked: nothing opens.
  const auto chunks = store_->evidence_chunks(summary_, 1);
  ASSERT_TRUE(chunks.ok()) << chunks.error().message;
  ASSERT_EQ(chunks->size(), 2u);
  for (const std::string& chunk : *chunks) EXPECT_EQ(chunk.find("EVIDENCE-CANARY"), std::string::npos);
  const auto without_keys = store_->find_evidence(summary_, 1);
  ASSERT_FALSE(without_keys.ok());
  EXPECT_EQ(without_keys.error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(without_keys.error().message.find("CANARY"), std::string::npos);
}

struct BadUpload {
  const char* label;
  EvidenceUpload upload;
  std::set<std::string> fields;
};

TEST_F(EvidenceTest, BadInputNamesEveryFieldAndChangesNothing) {
  attach(member_, "first.txt", "", "kept");
  const std::size_t entries_before = record().timeline.size();
  Actor small_limit = member_;
  small_limit.community.policy.evidence_max_bytes = 10;
  const BadUpload rows[] = {
      {"an empty file", {"empty.txt", "", ""}, {"file"}},
      {"a name that is not UTF-8", {"bad\xff.txt", "", "content"}, {"name"}},
      {"no name", {"  ", "", "content"}, {"name"}},
      {"a path for a name", {"../secret.txt", "", "content"}, {"name"}},
      {"a description that is not UTF-8", {"ok.txt", "\xc3", "content"}, {"description"}},
      {"everything at once", {"a\nb", "\xff", ""}, {"name", "description", "file"}},
  };
  for (const BadUpload& row : rows) {
    SCOPED_TRACE(row.label);
    const auto refused = attach_evidence(context_, member_, code_, row.upload);
    next_command();
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
    std::set<std::string> fields;
    for (const auto& [field, problem] : refused.error().fields) fields.insert(field);
    EXPECT_EQ(fields, row.fields) << refused.error().message;
  }
  const auto too_large = attach_evidence(context_, small_limit, code_, {"big.txt", "", "eleven bytes"});
  next_command();
  ASSERT_FALSE(too_large.ok());
  EXPECT_EQ(too_large.error().fields.at("file"), "is larger than this community's limit of 10 bytes");

  EXPECT_EQ(listed(member_).size(), 1u);
  EXPECT_EQ(record().timeline.size(), entries_before);
  EXPECT_EQ(*store_->next_evidence_number(summary_), 2);
  EXPECT_EQ(*store_->evidence_chunks(summary_, 2), std::vector<std::string>{});
}

TEST_F(EvidenceTest, AHiddenCaseAnswersLikeAMissingOneAndAMissingFileIsNotFound) {
  attach(member_, "first.txt", "", "content");
  const std::string spaced = summary_.code_name;
  const auto expect_hidden = [&](const Error& error) {
    EXPECT_EQ(error.code, ErrorCode::NotFound);
    EXPECT_EQ(error.message, "no case '" + spaced + "'");
  };
  // The adviser has no invitation to the case.
  expect_hidden(attach_evidence(context_, adviser_, code_, {"x.txt", "", "x"}).error());
  expect_hidden(list_evidence(context_, adviser_, code_).error());
  expect_hidden(read_evidence(context_, adviser_, code_, 1).error());
  EXPECT_EQ(read_evidence(context_, adviser_, "amber-zebra", 1).error().message, "no case 'amber zebra'");

  const auto missing = read_evidence(context_, member_, code_, 7);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
  EXPECT_EQ(missing.error().message, "no evidence file 7 in this case");
  EXPECT_EQ(read_evidence(context_, member_, code_, 0).error().code, ErrorCode::NotFound);
  EXPECT_EQ(listed(member_).size(), 1u);
}

TEST_F(EvidenceTest, WithoutTheCaseKeyNothingIsReadOrWritten) {
  attach(member_, "first.txt", "", "content");
  const Actor keyless{member_.community, member_.member};  // signed in without a session's keys
  for (const Error& error :
       {attach_evidence(context_, keyless, code_, {"x.txt", "", "x"}).error(),
        list_evidence(context_, keyless, code_).error(), read_evidence(context_, keyless, code_, 1).error()}) {
    EXPECT_EQ(error.code, ErrorCode::FailedPrecondition);
    EXPECT_EQ(error.message, key_not_granted().message);
  }
  EXPECT_EQ(listed(member_).size(), 1u);
}

// The file key is a case value: after a conflict rotates the case key, new files are
// sealed under the new version, old ones still open, and a newcomer granted the case
// later reads both.
TEST_F(EvidenceTest, RotationAndLaterGrantsCoverFilesLikeEveryCaseValue) {
  attach(chair_, "before.txt", "", "sealed under version 1");
  ASSERT_TRUE(declare_conflict(context_, member_, code_, "").ok());
  next_command();
  attach(chair_, "after.txt", "", "sealed under version 2");
  EXPECT_EQ(store_->find_case_key_state(summary_.id)->current_version, 2u);
  EXPECT_EQ(list_evidence(context_, member_, code_).error().code, ErrorCode::NotFound);
  next_command();

  clock_.advance_seconds(kSecondsPerHour);
  const Actor newcomer = add("noor@tidewater.example", "Noor Haddad", "member");
  ASSERT_TRUE(clear_case(context_, newcomer, code_).ok());
  next_command();
  ASSERT_TRUE(approve_access(context_, chair_, code_, newcomer.member.email).ok());
  next_command();
  for (const int number : {1, 2}) {
    SCOPED_TRACE(number);
    const auto read = read_evidence(context_, newcomer, code_, number);
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_EQ(read->bytes, number == 1 ? "sealed under version 1" : "sealed under version 2");
    next_command();
  }
}

// Files written straight into the store, as someone with write access to the database
// might leave them: each is refused as a broken record, naming only its number.
TEST_F(EvidenceTest, AStoredFileThatDoesNotVerifyIsAnInternalError) {
  const std::string content = canary_content(2 * crypto::kEvidenceChunkBytes + 7);
  struct Tampered {
    const char* label;
    std::vector<int> chunk_order;  // indexes of the sealed chunks, as stored
    int recorded_chunks;
    std::int64_t recorded_size;
    const char* why;
  };
  const std::int64_t size = static_cast<std::int64_t>(content.size());
  const Tampered rows[] = {
      {"a chunk missing", {0, 1}, 3, size, "it has a different number of chunks than recorded"},
      {"the last chunk missing, the count too", {0, 1}, 2, size, "the evidence file is truncated"},
      {"two chunks swapped", {0, 2, 1}, 3, size, "an evidence chunk does not open"},
      {"a chunk repeated over the last", {0, 1, 1}, 3, size, "an evidence chunk does not open"},
      {"a size that differs", {0, 1, 2}, 3, size + 1, "its content differs in size from the recorded size"},
  };
  int number = 0;
  for (const Tampered& row : rows) {
    SCOPED_TRACE(row.label);
    ++number;
    ASSERT_TRUE(list_evidence(context_, chair_, code_).ok());  // unlocks the case key for the store
    const crypto::SecretBytes key = crypto::new_evidence_key();
    const std::vector<std::string> sealed =
        crypto::seal_evidence(key, {summary_.community_id, summary_.code_name, number}, content);
    domain::EvidenceFile file;
    file.number = number;
    file.size_bytes = row.recorded_size;
    file.chunk_count = row.recorded_chunks;
    file.name = "tampered.txt";
    ASSERT_TRUE(store_->insert_evidence(summary_, {file, std::string(key.view())}).ok());
    for (std::size_t i = 0; i < row.chunk_order.size(); ++i)
      ASSERT_TRUE(
          store_->insert_evidence_chunk(summary_, number, static_cast<int>(i), sealed[row.chunk_order[i]]).ok());
    next_command();

    const auto read = read_evidence(context_, chair_, code_, number);
    next_command();
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, ErrorCode::Internal);
    EXPECT_EQ(read.error().message, "evidence file " + std::to_string(number) + " does not verify: " + row.why);
  }
}

TEST_F(EvidenceTest, TheLargestLimitAmongTheCommunitiesBoundsRequestBodies) {
  EXPECT_EQ(*largest_evidence_limit(context_), 10u * 1024 * 1024);
  ASSERT_TRUE(init_community(context_, {"evidence_max_bytes = 52428800\n",
                                        {"harbour", "Harbour", "conduct@harbour.example"},
                                        "chair@harbour.example",
                                        "Chair"})
                  .ok());
  EXPECT_EQ(*largest_evidence_limit(context_), 50u * 1024 * 1024);
}

}  // namespace
}  // namespace conduct::app
