// The key directory of backups (app/backup_keys.h): key files are written readable by
// their owner only, read back by backup id, and destroyed by the creation time they
// hold (never the file's modification time) once it is before the cutoff.
#include "app/backup_keys.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

namespace conduct::app {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class KeyDirectory {
 public:
  KeyDirectory() {
    std::string pattern = (fs::temp_directory_path() / "conduct-backup-keys-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "cannot make " << pattern;
    root_ = pattern;
  }
  ~KeyDirectory() {
    std::error_code ignored;
    fs::remove_all(root_, ignored);
  }
  // A key directory that does not exist yet.
  std::string keys() const { return (root_ / "keys").string(); }
  const fs::path& root() const { return root_; }

 private:
  fs::path root_;
};

const Timestamp kMonday = *parse_timestamp("2026-11-23T08:00:00Z");

std::string id_of(char digit) { return std::string(32, digit); }

TEST(BackupKeysTest, AKeyIsWrittenOwnerOnlyAndReadBack) {
  KeyDirectory directory;
  const crypto::SecretBytes key = crypto::SecretBytes::random(32);
  ASSERT_TRUE(write_backup_key(directory.keys(), id_of('a'), kMonday, key).ok());
  EXPECT_EQ(fs::status(directory.keys()).permissions(), fs::perms::owner_all);
  const std::string path = backup_key_path(directory.keys(), id_of('a'));
  EXPECT_EQ(fs::status(path).permissions(), fs::perms::owner_read | fs::perms::owner_write);
  const Result<crypto::SecretBytes> read = read_backup_key(directory.keys(), id_of('a'));
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_TRUE(*read == key);

  const Status again = write_backup_key(directory.keys(), id_of('a'), kMonday, key);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::AlreadyExists);
}

TEST(BackupKeysTest, AMissingKeyIsNotFoundAndSaysWhy) {
  KeyDirectory directory;
  fs::create_directory(directory.keys());
  const Result<crypto::SecretBytes> read = read_backup_key(directory.keys(), id_of('b'));
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, ErrorCode::NotFound);
  EXPECT_EQ(read.error().message, "the key of backup " + id_of('b') + " is not in " + directory.keys() +
                                      " (destroyed after the backup horizon, or kept elsewhere)");
}

TEST(BackupKeysTest, AKeyDirectoryOpenToOthersIsRefused) {
  KeyDirectory directory;
  fs::create_directory(directory.keys());
  fs::permissions(directory.keys(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  const Status written = write_backup_key(directory.keys(), id_of('c'), kMonday, crypto::SecretBytes::random(32));
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code, ErrorCode::FailedPrecondition);
  EXPECT_THAT(written.error().message, HasSubstr("chmod 700"));
}

TEST(BackupKeysTest, KeysOfBackupsBeforeTheCutoffAreDestroyedByTheTimeTheyHold) {
  KeyDirectory directory;
  const Timestamp old_backup = Timestamp{kMonday.seconds - 91 * kSecondsPerDay};
  const Timestamp at_cutoff = Timestamp{kMonday.seconds - 90 * kSecondsPerDay};
  const Timestamp recent = Timestamp{kMonday.seconds - kSecondsPerDay};
  ASSERT_TRUE(write_backup_key(directory.keys(), id_of('1'), recent, crypto::SecretBytes::random(32)).ok());
  ASSERT_TRUE(write_backup_key(directory.keys(), id_of('2'), old_backup, crypto::SecretBytes::random(32)).ok());
  ASSERT_TRUE(write_backup_key(directory.keys(), id_of('3'), at_cutoff, crypto::SecretBytes::random(32)).ok());
  // A file the directory should not hold, and one named after another backup's id.
  std::ofstream(fs::path(directory.keys()) / "notes.key") << "not a key\n";
  fs::copy_file(backup_key_path(directory.keys(), id_of('1')), backup_key_path(directory.keys(), id_of('4')));

  const Timestamp cutoff = backup_key_cutoff(kMonday, 90);
  EXPECT_EQ(cutoff, at_cutoff);
  const Result<BackupKeyDestruction> pruned = destroy_backup_keys_before(directory.keys(), cutoff);
  ASSERT_TRUE(pruned.ok()) << pruned.error().message;
  ASSERT_EQ(pruned->destroyed.size(), 1u);
  EXPECT_EQ(pruned->destroyed[0].backup_id, id_of('2'));
  EXPECT_EQ(pruned->destroyed[0].created_at, old_backup);
  EXPECT_THAT(pruned->unreadable, ElementsAre(id_of('4') + ".key", "notes.key"));
  EXPECT_FALSE(fs::exists(backup_key_path(directory.keys(), id_of('2'))));
  EXPECT_TRUE(fs::exists(backup_key_path(directory.keys(), id_of('3'))));  // at the cutoff: kept
  EXPECT_EQ(read_backup_key(directory.keys(), id_of('2')).error().code, ErrorCode::NotFound);

  // A day later the key taken at the old cutoff goes too; the recent one stays.
  const Result<BackupKeyDestruction> next_day =
      destroy_backup_keys_before(directory.keys(), backup_key_cutoff(Timestamp{kMonday.seconds + kSecondsPerDay}, 90));
  ASSERT_TRUE(next_day.ok());
  ASSERT_EQ(next_day->destroyed.size(), 1u);
  EXPECT_EQ(next_day->destroyed[0].backup_id, id_of('3'));
  EXPECT_TRUE(fs::exists(backup_key_path(directory.keys(), id_of('1'))));
}

TEST(BackupKeysTest, AMissingKeyDirectoryIsNotFound) {
  KeyDirectory directory;
  const Result<BackupKeyDestruction> pruned = destroy_backup_keys_before(directory.keys(), kMonday);
  ASSERT_FALSE(pruned.ok());
  EXPECT_EQ(pruned.error().code, ErrorCode::NotFound);
}

}  // namespace
}  // namespace conduct::app
