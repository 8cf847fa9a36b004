// Rotation after a holder leaves (docs/security.md "Granting and revoking"; app/case_keys.h):
// a member who read a case before declaring a conflict cannot read a note added
// afterwards from a copy of the database taken later. The member keeps every case key
// they could unlock while they held the case (copied out of a keyring of their own, as
// a member who saved them would); the copy is taken from the running server's files,
// WAL included. The old entries still open with those keys, so the refusal of the new
// note is the rotation's doing and not a broken copy.
#include <gmock/gmock.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "app/case_keys.h"
#include "app/cases.h"
#include "app/conflicts.h"
#include "crypto/case_keys.h"
#include "domain/code_name.h"
#include "sqlite_community.h"
#include "store/sealing.h"

namespace conduct::testing {
namespace {

using ::testing::IsEmpty;

constexpr char kNoteBefore[] = "Spoke with the reporter; they want the messages to stop.";
constexpr char kNoteAfter[] = "The reported person's employer is now involved.";

struct StoredEntry {
  int number = 0;
  std::string body_sealed;
};

// The entries of a case as the file holds them, sealed.
std::vector<StoredEntry> stored_entries(store::sqlite::SqliteStore& store, std::int64_t case_id) {
  std::vector<StoredEntry> entries;
  auto rows = store.database().prepare("SELECT number, body_sealed FROM entries WHERE case_id = ? ORDER BY number");
  EXPECT_TRUE(rows.ok());
  if (!rows.ok()) return entries;
  rows->bind(1, case_id);
  for (auto more = rows->step(); more.ok() && *more; more = rows->step())
    entries.push_back({static_cast<int>(rows->int64(0)), rows->blob(1)});
  return entries;
}

TEST(KeyRotationTest, AMemberWhoDeclaredAConflictCannotOpenANoteAddedAfterItInALaterCopy) {
  TempDirectory directory("rotation");
  SqliteCommunity world(directory.path() / "conduct.db", StoreSealing::CaseKeys);
  const Status started = world.start();
  ASSERT_TRUE(started.ok()) << started.error().message;
  const app::Actor chair = world.chair().actor;
  auto signed_in = world.add_holder("noor@tidewater.example", "Noor Haddad", "member");
  ASSERT_TRUE(signed_in.ok()) << signed_in.error().message;
  const app::Actor noor = signed_in->actor;

  domain::NewCaseCommand command;
  command.report.report_text = "Repeated unwanted messages after being asked to stop.";
  command.report.channel = "email";
  command.categories = {"harassment"};
  auto opened = app::open_case(world.context(), chair, command);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  const domain::Case summary = opened->summary;
  const std::string url = domain::url_form(summary.code_name);
  world.keyring().forget_all();
  auto before = app::add_note(world.context(), chair, url, {"note", kNoteBefore, std::nullopt});
  ASSERT_TRUE(before.ok()) << before.error().message;
  world.keyring().forget_all();

  // Noor reads the case, and keeps a copy of every key version she can unlock.
  auto read = app::show_case(world.context(), noor, url);
  ASSERT_TRUE(read.ok()) << read.error().message;
  world.keyring().forget_all();
  crypto::CaseKeyring noor_keyring;
  app::Context noor_context = world.context_over(world.store(), noor_keyring);
  ASSERT_TRUE(app::unlock_case(noor_context, noor, summary).ok());
  const std::vector<std::uint32_t> noor_versions = noor_keyring.versions(summary.community_id, summary.code_name);
  ASSERT_EQ(noor_versions, std::vector<std::uint32_t>{1});
  std::map<std::uint32_t, crypto::SecretBytes> noor_keys;
  for (const std::uint32_t version : noor_versions)
    noor_keys.emplace(version, crypto::SecretBytes::copy_of(
                                   noor_keyring.key(summary.community_id, summary.code_name, version)->view()));

  // She declares a conflict; the chair adds a note afterwards, which rotates the key.
  ASSERT_TRUE(app::declare_conflict(world.context(), noor, url, "").ok());
  world.keyring().forget_all();
  auto due = world.store().find_case_key_state(summary.id);
  ASSERT_TRUE(due.ok());
  EXPECT_TRUE(due->rotation_due);
  auto after = app::add_note(world.context(), chair, url, {"note", kNoteAfter, std::nullopt});
  ASSERT_TRUE(after.ok()) << after.error().message;
  world.keyring().forget_all();
  auto rotated = world.store().find_case_key_state(summary.id);
  ASSERT_TRUE(rotated.ok());
  EXPECT_EQ(rotated->current_version, 2u);
  EXPECT_FALSE(rotated->rotation_due);

  // A copy of the running server's files, taken later: the WAL holds the recent writes.
  ASSERT_GT(read_bytes(world.wal()).size(), 0u);
  const std::filesystem::path copy_path = directory.path() / "copy.db";
  copy_database_files(world.database(), copy_path);
  auto copy = store::sqlite::SqliteStore::open(copy_path.string(), noor_keyring);
  ASSERT_TRUE(copy.ok()) << copy.error().message;

  // With only Noor's keys, the copy's case record does not open: the new note refuses.
  auto copied_summary = (*copy)->find_case(summary.community_id, summary.code_name);
  ASSERT_TRUE(copied_summary.ok()) << copied_summary.error().message;
  auto record = (*copy)->load_case_record(*copied_summary);
  ASSERT_FALSE(record.ok());
  EXPECT_EQ(record.error().code, ErrorCode::PermissionDenied) << record.error().message;

  // Entry by entry: the new note is sealed under a version Noor never had and opens
  // with none of her keys; every older entry with a body opens with her old key.
  int old_entries_opened = 0;
  bool new_note_seen = false;
  for (const StoredEntry& entry : stored_entries(**copy, summary.id)) {
    if (entry.body_sealed.empty()) continue;  // her conflict disclosure: the kind says it all
    const crypto::SealContext context =
        store::case_field_context(summary, "entry:" + std::to_string(entry.number), "body");
    auto version = crypto::sealed_key_version(entry.body_sealed);
    ASSERT_TRUE(version.ok()) << "entry " << entry.number << " is not sealed";
    if (entry.number == after->number) {
      new_note_seen = true;
      EXPECT_FALSE(noor_keys.count(*version)) << "the new note is sealed under a version Noor held";
      for (const auto& [held_version, key] : noor_keys) {
        auto opened_note = crypto::open_case_value(key, context, entry.body_sealed);
        ASSERT_FALSE(opened_note.ok()) << "Noor's version " << held_version << " opens the new note";
        EXPECT_EQ(opened_note.error().code, ErrorCode::PermissionDenied);
      }
      auto through_keyring = noor_keyring.open(context, entry.body_sealed);
      ASSERT_FALSE(through_keyring.ok());
      EXPECT_EQ(through_keyring.error().code, ErrorCode::PermissionDenied);
    } else {
      ASSERT_TRUE(noor_keys.count(*version)) << "entry " << entry.number << " has version " << *version;
      auto opened_old = crypto::open_case_value(noor_keys.at(*version), context, entry.body_sealed);
      ASSERT_TRUE(opened_old.ok()) << "entry " << entry.number << ": " << opened_old.error().message;
      if (entry.number == before->number) {
        EXPECT_EQ(*opened_old, kNoteBefore);
      }
      ++old_entries_opened;
    }
  }
  EXPECT_TRUE(new_note_seen) << "the copy does not hold the new note";
  EXPECT_EQ(old_entries_opened, 2) << "the report and the note before the conflict";

  // Noor's wraps are gone from the copy; the chair and the recovery key hold version 2.
  auto wraps = (*copy)->case_key_wraps(summary.id);
  ASSERT_TRUE(wraps.ok());
  bool chair_holds_new = false;
  bool recovery_holds_new = false;
  for (const store::CaseKeyWrapRow& wrap : *wraps) {
    EXPECT_NE(wrap.member_id, std::optional<std::int64_t>(noor.member.id)) << "version " << wrap.key_version;
    if (wrap.key_version == 2 && wrap.member_id == chair.member.id) chair_holds_new = true;
    if (wrap.key_version == 2 && !wrap.member_id) recovery_holds_new = true;
  }
  EXPECT_TRUE(chair_holds_new);
  EXPECT_TRUE(recovery_holds_new);
  crypto::CaseKeyring noor_in_copy;
  app::Context copy_as_noor = world.context_over(**copy, noor_in_copy);
  ASSERT_TRUE(app::unlock_case(copy_as_noor, noor, *copied_summary).ok());
  EXPECT_THAT(noor_in_copy.versions(summary.community_id, summary.code_name), IsEmpty());

  // The chair's wraps in the same copy open the new note: the copy is whole.
  crypto::CaseKeyring chair_in_copy;
  app::Context copy_as_chair = world.context_over(**copy, chair_in_copy);
  ASSERT_TRUE(app::unlock_case(copy_as_chair, chair, *copied_summary).ok());
  const crypto::SecretBytes* new_key = chair_in_copy.key(summary.community_id, summary.code_name, 2);
  ASSERT_NE(new_key, nullptr);
  for (const StoredEntry& entry : stored_entries(**copy, summary.id))
    if (entry.number == after->number) {
      auto opened_note = crypto::open_case_value(
          *new_key, store::case_field_context(summary, "entry:" + std::to_string(entry.number), "body"),
          entry.body_sealed);
      ASSERT_TRUE(opened_note.ok()) << opened_note.error().message;
      EXPECT_EQ(*opened_note, kNoteAfter);
    }
}

}  // namespace
}  // namespace conduct::testing
