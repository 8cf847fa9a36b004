// Backups sealed under their own key (crypto/backup_stream.h): what is sealed opens
// with the same key and header; a byte changed anywhere, a different header, another
// key, a stream cut at a chunk boundary or extended past its last chunk does not.
#include "crypto/backup_stream.h"

#include <gtest/gtest.h>

#include <string>

namespace conduct::crypto {
namespace {

const std::string kHeader = "CONDUCTB header bytes";

// Two and a half chunks, every byte different from its neighbour's.
std::string large_dump() {
  std::string dump(kBackupChunkBytes * 5 / 2, '\0');
  for (std::size_t i = 0; i < dump.size(); ++i) dump[i] = static_cast<char>(i * 31 + 7);
  return dump;
}

void expect_refused(const Result<std::string>& opened, const char* what) {
  ASSERT_FALSE(opened.ok()) << what;
  EXPECT_EQ(opened.error().code, ErrorCode::PermissionDenied) << what;
}

TEST(BackupStreamTest, ASealedDumpOpensWithItsKeyAndHeader) {
  const SecretBytes key = new_backup_key();
  for (const std::string& dump :
       {std::string(), std::string("one small dump"), large_dump(), std::string(kBackupChunkBytes, 'x')}) {
    const std::string sealed = seal_backup(key, kHeader, dump);
    const std::size_t chunks = dump.empty() ? 1 : (dump.size() + kBackupChunkBytes - 1) / kBackupChunkBytes;
    EXPECT_EQ(sealed.size(), kBackupStreamHeaderBytes + dump.size() + chunks * kBackupChunkOverheadBytes);
    const Result<std::string> opened = open_backup(key, kHeader, sealed);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_EQ(*opened, dump);
  }
}

TEST(BackupStreamTest, EveryKeyIsFreshAndNoPlaintextShows) {
  EXPECT_FALSE(new_backup_key() == new_backup_key());
  const std::string dump = "a canary that must not show: 7f1c-canary-b3";
  const std::string sealed = seal_backup(new_backup_key(), kHeader, dump);
  EXPECT_EQ(sealed.find("canary"), std::string::npos);
}

TEST(BackupStreamTest, OneChangedByteAnywhereIsRefused) {
  const SecretBytes key = new_backup_key();
  const std::string sealed = seal_backup(key, kHeader, large_dump());
  for (const std::size_t offset : {std::size_t{0}, std::size_t{30}, kBackupChunkBytes + 100, sealed.size() - 1}) {
    std::string altered = sealed;
    altered[offset] = static_cast<char>(altered[offset] ^ 0x01);
    expect_refused(open_backup(key, kHeader, altered), "a flipped bit");
  }
}

TEST(BackupStreamTest, AnotherHeaderOrKeyIsRefused) {
  const SecretBytes key = new_backup_key();
  const std::string sealed = seal_backup(key, kHeader, "the dump");
  expect_refused(open_backup(key, "CONDUCTB header bytez", sealed), "another header");
  expect_refused(open_backup(new_backup_key(), kHeader, sealed), "another key");
}

TEST(BackupStreamTest, AStreamCutShortOrExtendedIsRefused) {
  const SecretBytes key = new_backup_key();
  const std::string sealed = seal_backup(key, kHeader, large_dump());
  const std::size_t two_chunks = kBackupStreamHeaderBytes + 2 * (kBackupChunkBytes + kBackupChunkOverheadBytes);
  expect_refused(open_backup(key, kHeader, sealed.substr(0, two_chunks)), "cut at a chunk boundary");
  expect_refused(open_backup(key, kHeader, sealed.substr(0, sealed.size() - 1)), "cut by a byte");
  expect_refused(open_backup(key, kHeader, sealed + std::string(40, 'x')), "extended");

  const Result<std::string> tiny = open_backup(key, kHeader, sealed.substr(0, 20));
  ASSERT_FALSE(tiny.ok());
  EXPECT_EQ(tiny.error().code, ErrorCode::InvalidArgument);
}

// A backup sealed a piece at a time is a backup: it opens to what was pushed, and has the
// length (the chunks) of the same bytes sealed at once, whatever the pieces.
TEST(BackupStreamTest, SealedPieceByPieceItOpensAsSealedWhole) {
  const SecretBytes key = new_backup_key();
  const std::string associated = "CONDUCTB header";
  for (const std::size_t size : {std::size_t{0}, std::size_t{1}, kBackupChunkBytes - 1, kBackupChunkBytes,
                                 kBackupChunkBytes + 1, 2 * kBackupChunkBytes + 5}) {
    SCOPED_TRACE(size);
    std::string plaintext(size, '\0');
    for (std::size_t i = 0; i < size; ++i) plaintext[i] = static_cast<char>((i * 7919) >> 5);
    BackupSealer sealer(key, associated);
    std::string sealed = sealer.stream_header();
    for (std::size_t at = 0, piece = 1; at < size; at += piece, piece = piece * 3 + 1)
      sealed += sealer.push(std::string_view(plaintext).substr(at, piece));
    sealed += sealer.finish();
    EXPECT_EQ(sealed.size(), seal_backup(key, associated, plaintext).size());
    auto opened = open_backup(key, associated, sealed);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_EQ(*opened, plaintext);
  }
}

}  // namespace
}  // namespace conduct::crypto
