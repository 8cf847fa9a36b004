// The Store conformance suite for evidence files (store/evidence_rows.h): a second
// typed suite beside StoreConformance, on the same fixture and helpers, so a backend
// joins it with one more line:
//
//   INSTANTIATE_TYPED_TEST_SUITE_P(Memory, EvidenceConformance, MemoryBackend);
//
// Every test uses the TaggingSealer, so each round trip also proves that a file's
// name, description and key are stored sealed under the case's context, and that the
// chunks are kept exactly as given.
#pragma once

#include "store_conformance.h"

namespace conduct::store::conformance {

inline domain::EvidenceFile sample_evidence(int number, std::optional<std::int64_t> author = {}) {
  domain::EvidenceFile file;
  file.number = number;
  file.size_bytes = 70'000 + number;
  file.chunk_count = 2;
  file.created_at = Timestamp{1'700'005'000 + number};
  file.author_id = author;
  file.name = "screenshot " + std::to_string(number) + ".png";
  file.description = "What the reporter sent, part " + std::to_string(number);
  return file;
}

// A file key as the app makes it: 32 bytes, some of which a text column would mangle.
inline std::string sample_file_key(int number) {
  return binary("file key " + std::to_string(number)) + std::string(17, '\x80');
}

inline void expect_same_evidence(const domain::EvidenceFile& actual, const domain::EvidenceFile& expected) {
  EXPECT_EQ(actual.number, expected.number);
  EXPECT_EQ(actual.size_bytes, expected.size_bytes);
  EXPECT_EQ(actual.chunk_count, expected.chunk_count);
  EXPECT_EQ(actual.created_at.seconds, expected.created_at.seconds);
  EXPECT_EQ(actual.author_id, expected.author_id);
  EXPECT_EQ(actual.name, expected.name);
  EXPECT_EQ(actual.description, expected.description);
}

template <typename Backend>
class EvidenceConformance : public StoreConformance<Backend> {
 protected:
  // A community, an author and a case to attach files to.
  domain::Case evidence_case() {
    community_ = must(this->store().insert_community(sample_community("tidewater")));
    author_ = must(this->store().insert_member(sample_member(community_, "sam@example.org")));
    return this->add_case(sample_case(community_, "home shelf"));
  }

  EvidenceRow sample_row(int number) { return EvidenceRow{sample_evidence(number, author_), sample_file_key(number)}; }

  std::int64_t community_ = 0;
  std::int64_t author_ = 0;
};

TYPED_TEST_SUITE_P(EvidenceConformance);

TYPED_TEST_P(EvidenceConformance, FilesRoundTripEveryFieldInNumberOrder) {
  Store& store = this->store();
  const domain::Case summary = this->evidence_case();
  EXPECT_TRUE(must(store.list_evidence(summary)).empty());
  EXPECT_EQ(must(store.next_evidence_number(summary)), 1);

  EvidenceRow minimal = this->sample_row(1);
  minimal.file.description = "";
  minimal.file.author_id.reset();
  // Inserted out of number order: listing comes back ordered by number.
  for (const EvidenceRow& row : {this->sample_row(3), minimal, this->sample_row(2)})
    must(store.insert_evidence(summary, row));
  EXPECT_EQ(must(store.next_evidence_number(summary)), 4);

  const std::vector<domain::EvidenceFile> listed = must(store.list_evidence(summary));
  const std::vector<domain::EvidenceFile> expected = {minimal.file, this->sample_row(2).file, this->sample_row(3).file};
  ASSERT_EQ(listed.size(), expected.size());
  std::set<std::int64_t> ids;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE("file " + std::to_string(expected[i].number));
    expect_same_evidence(listed[i], expected[i]);
    ids.insert(listed[i].id);
  }
  EXPECT_EQ(ids, (std::set<std::int64_t>{1, 2, 3}));

  for (const EvidenceRow& row : {minimal, this->sample_row(2)}) {
    SCOPED_TRACE("find " + std::to_string(row.file.number));
    const EvidenceRow found = must(store.find_evidence(summary, row.file.number));
    expect_same_evidence(found.file, row.file);
    EXPECT_EQ(found.file_key, row.file_key);
  }
}

TYPED_TEST_P(EvidenceConformance, NamesDescriptionsAndKeysAreSealedAndOnlyFindingOpensTheKey) {
  Store& store = this->store();
  TaggingSealer& sealer = this->sealer();
  const domain::Case summary = this->evidence_case();
  const EvidenceRow row = this->sample_row(4);
  sealer.sealed_contexts.clear();
  must(store.insert_evidence(summary, row));

  const auto context = [&](std::string field) {
    return crypto::SealContext{summary.community_id, "home shelf", "evidence:4", std::move(field), "case"};
  };
  EXPECT_EQ(sealer.sealed_contexts,
            (std::set<std::string>{TaggingSealer::tag(context("name")), TaggingSealer::tag(context("description")),
                                   TaggingSealer::tag(context("file_key"))}));
  const std::string sealed_key = TaggingSealer::stored_form(context("file_key"), row.file_key);
  EXPECT_TRUE(sealer.sealed_values.count(sealed_key));

  // Listing opens the names and descriptions, never the key, and leaves it empty.
  sealer.opened_values.clear();
  const std::vector<domain::EvidenceFile> listed = must(store.list_evidence(summary));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].name, row.file.name);
  EXPECT_EQ(sealer.opened_values,
            (std::set<std::string>{TaggingSealer::stored_form(context("name"), row.file.name),
                                   TaggingSealer::stored_form(context("description"), row.file.description)}));
  // Finding opens all three, from exactly the forms the sealer handed out.
  sealer.opened_values.clear();
  EXPECT_EQ(must(store.find_evidence(summary, 4)).file_key, row.file_key);
  EXPECT_TRUE(sealer.opened_values.count(sealed_key));
  EXPECT_EQ(sealer.opened_values.size(), 3u);
}

TYPED_TEST_P(EvidenceConformance, ChunksComeBackByIndexAsGiven) {
  Store& store = this->store();
  const domain::Case summary = this->evidence_case();
  const domain::Case other = this->add_case(sample_case(this->community_, "blue kettle"));
  must(store.insert_evidence(summary, this->sample_row(1)));
  must(store.insert_evidence(summary, this->sample_row(2)));
  must(store.insert_evidence(other, this->sample_row(1)));
  const std::string large(200'000, '\xA5');  // larger than a chunk ever is: stored whole
  // Out of index order, interleaved with chunks of other files.
  must(store.insert_evidence_chunk(summary, 1, 2, binary("third")));
  must(store.insert_evidence_chunk(summary, 2, 0, binary("other file")));
  must(store.insert_evidence_chunk(summary, 1, 0, binary("first")));
  must(store.insert_evidence_chunk(other, 1, 0, binary("other case")));
  must(store.insert_evidence_chunk(summary, 1, 1, large));

  EXPECT_EQ(must(store.evidence_chunks(summary, 1)),
            (std::vector<std::string>{binary("first"), large, binary("third")}));
  EXPECT_EQ(must(store.evidence_chunks(summary, 2)), std::vector<std::string>{binary("other file")});
  EXPECT_EQ(must(store.evidence_chunks(other, 1)), std::vector<std::string>{binary("other case")});
  EXPECT_TRUE(must(store.evidence_chunks(summary, 3)).empty());
  EXPECT_EQ(must(store.next_evidence_number(other)), 2);
}

TYPED_TEST_P(EvidenceConformance, FileNumbersAndChunkIndexesAreUnique) {
  Store& store = this->store();
  const domain::Case summary = this->evidence_case();
  must(store.insert_evidence(summary, this->sample_row(1)));
  must(store.insert_evidence_chunk(summary, 1, 0, binary("first")));

  EvidenceRow again = this->sample_row(1);
  again.file.name = "another name.png";
  EXPECT_TRUE(FailsWith(store.insert_evidence(summary, again), ErrorCode::AlreadyExists));
  EXPECT_TRUE(FailsWith(store.insert_evidence_chunk(summary, 1, 0, binary("again")), ErrorCode::AlreadyExists));
  EXPECT_EQ(must(store.list_evidence(summary)).size(), 1u);
  EXPECT_EQ(must(store.list_evidence(summary))[0].name, this->sample_row(1).file.name);
  EXPECT_EQ(must(store.evidence_chunks(summary, 1)), std::vector<std::string>{binary("first")});
}

TYPED_TEST_P(EvidenceConformance, MissingFilesAreNotFound) {
  Store& store = this->store();
  const domain::Case summary = this->evidence_case();
  const domain::Case other = this->add_case(sample_case(this->community_, "blue kettle"));
  must(store.insert_evidence(other, this->sample_row(1)));
  const Result<EvidenceRow> missing = store.find_evidence(summary, 1);
  ASSERT_TRUE(FailsWith(missing, ErrorCode::NotFound));
  EXPECT_EQ(missing.error().message, "no evidence file 1 in this case");
  EXPECT_TRUE(must(store.list_evidence(summary)).empty());
}

TYPED_TEST_P(EvidenceConformance, ReferencesToMissingRecordsAreRefused) {
  Store& store = this->store();
  const domain::Case summary = this->evidence_case();
  domain::Case never_stored = sample_case(this->community_, "quiet harbour");
  never_stored.id = 42;
  EvidenceRow unknown_author = this->sample_row(1);
  unknown_author.file.author_id = 99;

  EXPECT_TRUE(FailsWith(store.insert_evidence(never_stored, this->sample_row(1)), ErrorCode::Internal));
  EXPECT_TRUE(FailsWith(store.insert_evidence(summary, unknown_author), ErrorCode::Internal));
  EXPECT_TRUE(FailsWith(store.insert_evidence_chunk(summary, 1, 0, binary("orphan")), ErrorCode::Internal));
  EXPECT_TRUE(must(store.list_evidence(summary)).empty());
  EXPECT_TRUE(must(store.evidence_chunks(summary, 1)).empty());
}

TYPED_TEST_P(EvidenceConformance, EvidenceWritesRollBackWithAFailedTransaction) {
  Store& store = this->store();
  const domain::Case summary = this->evidence_case();
  must(store.insert_evidence(summary, this->sample_row(1)));
  must(store.insert_evidence_chunk(summary, 1, 0, binary("kept")));

  const Status result = store.in_transaction([&]() -> Status {
    TRY(store.insert_evidence(summary, this->sample_row(2)));
    TRY(store.insert_evidence_chunk(summary, 2, 0, binary("gone")));
    TRY(store.insert_evidence_chunk(summary, 1, 1, binary("gone too")));
    return invalid_argument("the upload was refused");
  });
  ASSERT_TRUE(FailsWith(result, ErrorCode::InvalidArgument));

  EXPECT_EQ(must(store.list_evidence(summary)).size(), 1u);
  EXPECT_TRUE(FailsWith(store.find_evidence(summary, 2), ErrorCode::NotFound));
  EXPECT_TRUE(must(store.evidence_chunks(summary, 2)).empty());
  EXPECT_EQ(must(store.evidence_chunks(summary, 1)), std::vector<std::string>{binary("kept")});
  EXPECT_EQ(must(store.next_evidence_number(summary)), 2);
}

TYPED_TEST_P(EvidenceConformance, SealerErrorsReachTheCallerAndStoreNothing) {
  Store& store = this->store();
  TaggingSealer& sealer = this->sealer();
  const domain::Case summary = this->evidence_case();
  must(store.insert_evidence(summary, this->sample_row(1)));

  sealer.refuse_to_seal = true;
  EXPECT_TRUE(FailsWith(store.insert_evidence(summary, this->sample_row(2)), ErrorCode::Internal));
  sealer.refuse_to_seal = false;
  EXPECT_EQ(must(store.next_evidence_number(summary)), 2);

  sealer.refuse_to_open = true;
  EXPECT_TRUE(FailsWith(store.list_evidence(summary), ErrorCode::PermissionDenied));
  EXPECT_TRUE(FailsWith(store.find_evidence(summary, 1), ErrorCode::PermissionDenied));
}

// clang-format off
REGISTER_TYPED_TEST_SUITE_P(
    EvidenceConformance,
    FilesRoundTripEveryFieldInNumberOrder,
    NamesDescriptionsAndKeysAreSealedAndOnlyFindingOpensTheKey,
    ChunksComeBackByIndexAsGiven,
    FileNumbersAndChunkIndexesAreUnique,
    MissingFilesAreNotFound,
    ReferencesToMissingRecordsAreRefused,
    EvidenceWritesRollBackWithAFailedTransaction,
    SealerErrorsReachTheCallerAndStoreNothing);
// clang-format on

}  // namespace conduct::store::conformance
