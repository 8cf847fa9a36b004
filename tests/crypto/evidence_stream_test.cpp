#include "crypto/evidence_stream.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace conduct::crypto {
namespace {

EvidencePlace place(int file_number = 2, std::string code = "home shelf", std::int64_t community = 1) {
  return EvidencePlace{community, std::move(code), file_number};
}

// Content of `size` bytes that differs from chunk to chunk, so a swapped chunk cannot
// pass for the right one by accident.
std::string content_of(std::size_t size) {
  std::string content(size, '\0');
  for (std::size_t i = 0; i < size; ++i) content[i] = static_cast<char>((i * 131 + i / kEvidenceChunkBytes) % 251);
  return content;
}

TEST(EvidenceStreamTest, ChunkCountsFollowTheChunkSize) {
  const std::pair<std::size_t, std::size_t> rows[] = {
      {0, 0},
      {1, 1},
      {kEvidenceChunkBytes - 1, 1},
      {kEvidenceChunkBytes, 1},
      {kEvidenceChunkBytes + 1, 2},
      {3 * kEvidenceChunkBytes, 3},
      {10 * 1024 * 1024, 160},
  };
  for (const auto& [size, chunks] : rows) EXPECT_EQ(evidence_chunk_count(size), chunks) << size;
}

TEST(EvidenceStreamTest, ContentRoundTripsInChunksOfTheDocumentedSizes) {
  const SecretBytes key = new_evidence_key();
  for (const std::size_t size : {std::size_t{1}, kEvidenceChunkBytes, 2 * kEvidenceChunkBytes + 5}) {
    SCOPED_TRACE(size);
    const std::string content = content_of(size);
    const std::vector<std::string> chunks = seal_evidence(key, place(), content);
    ASSERT_EQ(chunks.size(), evidence_chunk_count(size));
    // The header rides on the first chunk; every chunk carries 17 bytes of overhead.
    std::size_t plaintext_left = size;
    for (std::size_t i = 0; i < chunks.size(); ++i) {
      const std::size_t plaintext = std::min(plaintext_left, kEvidenceChunkBytes);
      plaintext_left -= plaintext;
      EXPECT_EQ(chunks[i].size(), plaintext + kEvidenceChunkOverheadBytes + (i == 0 ? kEvidenceStreamHeaderBytes : 0));
    }
    EXPECT_EQ(*open_evidence(key, place(), chunks), content);
  }
}

TEST(EvidenceStreamTest, TheStoredChunksDoNotHoldThePlaintext) {
  const SecretBytes key = new_evidence_key();
  const std::string content = "CANARY-evidence-bytes: a distinctive line in the file " + std::string(200, 'x');
  for (const std::string& chunk : seal_evidence(key, place(), content)) {
    EXPECT_EQ(chunk.find("CANARY"), std::string::npos);
    EXPECT_EQ(chunk.find("xxxxxxxx"), std::string::npos);
  }
}

TEST(EvidenceStreamTest, TheSameContentSealsDifferentlyEachTime) {
  const SecretBytes key = new_evidence_key();
  EXPECT_NE(seal_evidence(key, place(), "same bytes"), seal_evidence(key, place(), "same bytes"));
}

TEST(EvidenceStreamTest, AnotherKeyOrPlaceOpensNothing) {
  const SecretBytes key = new_evidence_key();
  const std::vector<std::string> chunks = seal_evidence(key, place(), content_of(kEvidenceChunkBytes + 10));
  const std::pair<const char*, EvidencePlace> elsewhere[] = {
      {"another file", place(3)},
      {"another case", place(2, "home table")},
      {"another community", place(2, "home shelf", 7)},
  };
  for (const auto& [label, other] : elsewhere) {
    SCOPED_TRACE(label);
    const Result<std::string> opened = open_evidence(key, other, chunks);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, ErrorCode::PermissionDenied);
  }
  EXPECT_EQ(open_evidence(new_evidence_key(), place(), chunks).error().code, ErrorCode::PermissionDenied);
}

// Every way of rearranging the stored chunks fails, with the error that says why.
TEST(EvidenceStreamTest, ReorderedRepeatedDroppedTruncatedOrAlteredChunksAreRefused) {
  const SecretBytes key = new_evidence_key();
  const std::vector<std::string> chunks = seal_evidence(key, place(), content_of(3 * kEvidenceChunkBytes));
  ASSERT_EQ(chunks.size(), 3u);
  // The header belongs to chunk 0 only; moving the later chunks keeps it in front.
  const std::string& c0 = chunks[0];
  const std::string& c1 = chunks[1];
  const std::string& c2 = chunks[2];
  std::string altered = c1;
  altered[altered.size() / 2] ^= 0x01;
  std::string altered_header = c0;
  altered_header[3] ^= 0x01;

  struct Row {
    const char* name;
    std::vector<std::string> stored;
    const char* message;
  };
  const std::vector<Row> rows = {
      {"the middle chunks swapped", {c0, c2, c1}, "an evidence chunk does not open"},
      {"a chunk repeated", {c0, c1, c1, c2}, "an evidence chunk does not open"},
      {"a middle chunk dropped", {c0, c2}, "an evidence chunk does not open"},
      {"a chunk after the last", {c0, c1, c2, c2}, "an evidence chunk does not open"},
      {"the last chunk dropped", {c0, c1}, "the evidence file is truncated"},
      {"only the first chunk", {c0}, "the evidence file is truncated"},
      {"a byte altered", {c0, altered, c2}, "an evidence chunk does not open"},
      {"the header altered", {altered_header, c1, c2}, "an evidence chunk does not open"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const Result<std::string> opened = open_evidence(key, place(), row.stored);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, ErrorCode::PermissionDenied);
    EXPECT_EQ(opened.error().message, row.message);
  }
}

TEST(EvidenceStreamTest, ALastChunkTaggedAsMiddleLeavesTheFileTruncated) {
  const SecretBytes key = new_evidence_key();
  EvidenceStreamWriter writer(key, place());
  const std::vector<std::string> chunks = {writer.push("first part", ChunkPosition::Middle),
                                           writer.push("second part", ChunkPosition::Middle)};
  EXPECT_EQ(writer.chunks_sealed(), 2u);
  EvidenceStreamReader reader(key, place());
  EXPECT_EQ(*reader.pull(chunks[0]), "first part");
  EXPECT_EQ(*reader.pull(chunks[1]), "second part");
  EXPECT_EQ(reader.finish().error().message, "the evidence file is truncated");
}

TEST(EvidenceStreamTest, AFailedChunkFailsEveryLaterOne) {
  const SecretBytes key = new_evidence_key();
  const std::vector<std::string> chunks = seal_evidence(key, place(), content_of(2 * kEvidenceChunkBytes));
  EvidenceStreamReader reader(key, place());
  ASSERT_TRUE(reader.pull(chunks[0]).ok());
  EXPECT_EQ(reader.pull(chunks[0]).error().code, ErrorCode::PermissionDenied);  // out of order
  EXPECT_EQ(reader.pull(chunks[1]).error().code, ErrorCode::PermissionDenied);  // right chunk, too late
  EXPECT_EQ(reader.finish().error().message, "an evidence chunk does not open");
}

TEST(EvidenceStreamTest, ChunksTooShortToHoldTheirOverheadAreInvalid) {
  const SecretBytes key = new_evidence_key();
  const std::vector<std::string> chunks = seal_evidence(key, place(), content_of(kEvidenceChunkBytes + 1));
  EXPECT_EQ(open_evidence(key, place(), {chunks[0].substr(0, kEvidenceStreamHeaderBytes + 5)}).error().code,
            ErrorCode::InvalidArgument);
  EXPECT_EQ(open_evidence(key, place(), {chunks[0], "short"}).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(open_evidence(key, place(), {}).error().code, ErrorCode::InvalidArgument);
}

TEST(EvidenceStreamTest, AssociatedDataNamesEveryPartOfThePlaceUnambiguously) {
  EXPECT_NE(evidence_chunk_associated_data(place(12, "a"), 3), evidence_chunk_associated_data(place(1, "2a"), 3));
  EXPECT_NE(evidence_chunk_associated_data(place(), 1), evidence_chunk_associated_data(place(), 2));
  EXPECT_EQ(evidence_chunk_associated_data(place(), 0), evidence_chunk_associated_data(place(), 0));
}

}  // namespace
}  // namespace conduct::crypto
