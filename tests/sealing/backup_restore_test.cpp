// Backup → wipe → restore on real SQLite files (docs/administration.md: "Backup → wipe → restore
// reproduces every record"; app/backup.h). A community with a sealed case, a note and a
// multi-chunk evidence file is backed up while its store is open; the data directory is
// then removed, and the restore must give every table back row for row, value for value
// (same type, same bytes), the case must open for its members and the file download
// identical. A backup without its key, altered in one byte, or restored over a database
// is refused and leaves no database behind; the backup file and its key hold no
// plaintext of the case.
#include <gmock/gmock.h>

#include <map>
#include <string>
#include <vector>

#include "app/backup.h"
#include "app/backup_journal.h"
#include "app/backup_keys.h"
#include "app/cases.h"
#include "app/evidence.h"
#include "app/intake.h"
#include "app/mail_intake.h"
#include "app/reporter_thread.h"
#include "crypto/secret_bytes.h"
#include "domain/code_name.h"
#include "domain/receipt.h"
#include "sqlite_community.h"
#include "store/sqlite/migrations.h"

namespace conduct::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr char kReportCanary[] = "canary-7Q2 repeated messages after the meetup";
constexpr char kNoteCanary[] = "canary-K8d the reporter asked for no contact";
constexpr char kFileNameCanary[] = "canary-R4x-screenshot.png";

// Every row of every table, in rowid order, each value as its storage class and its
// bytes: what "byte-identical" is checked against. Read with plain SQL, not with the
// snapshot code under test.
using TableRows = std::map<std::string, std::vector<std::string>>;

TableRows every_row(const fs::path& database) {
  TableRows tables;
  auto db = store::sqlite::Database::open(database.string());
  EXPECT_TRUE(db.ok());
  if (!db.ok()) return tables;
  auto names = db->prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  EXPECT_TRUE(names.ok());
  for (auto more = names->step(); more.ok() && *more; more = names->step()) {
    const std::string table = names->text(0);
    std::vector<std::string>& rows = tables[table];
    auto select = db->prepare("SELECT * FROM \"" + table + "\" ORDER BY rowid");
    EXPECT_TRUE(select.ok()) << table;
    if (!select.ok()) continue;
    for (auto row = select->step(); row.ok() && *row; row = select->step()) {
      std::string line;
      for (int column = 0; column < select->column_count(); ++column) {
        const int type = select->column_type(column);
        line += std::to_string(type) + ":";
        if (type == SQLITE_INTEGER)
          line += std::to_string(select->int64(column));
        else if (type == SQLITE_FLOAT)
          line += std::to_string(select->real(column));
        else if (type == SQLITE_TEXT)
          line += crypto::to_hex(select->text(column));
        else if (type == SQLITE_BLOB)
          line += crypto::to_hex(select->blob(column));
        line += "|";
      }
      rows.push_back(line);
    }
  }
  return tables;
}

std::string evidence_bytes() {
  std::string bytes(150 * 1024, '\0');  // three chunks
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 131) >> 3);
  return bytes;
}

// A community with a sealed case, a note and an evidence file, on a real database file
// in DIR/data, with backups going to DIR/backups and keys to DIR/keys.
class BackupRestoreTest : public ::testing::Test {
 protected:
  BackupRestoreTest()
      : directory_("backup"), data_(directory_.path() / "data"), world_(data_ / "conduct.db", StoreSealing::CaseKeys) {}

  void SetUp() override {
    fs::create_directories(data_);
    fs::create_directories(directory_.path() / "backups");
    const Status started = world_.start();
    ASSERT_TRUE(started.ok()) << started.error().message;
    auto noor = world_.add_holder("noor@tidewater.example", "Noor Haddad", "member");
    ASSERT_TRUE(noor.ok()) << noor.error().message;
    noor_ = noor->actor;
    const app::Actor chair = world_.chair().actor;

    domain::NewCaseCommand command;
    command.report.report_text = kReportCanary;
    command.report.channel = "email";
    command.categories = {"harassment", "retaliation"};
    auto opened = app::open_case(world_.context(), chair, command);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    url_ = domain::url_form(opened->summary.code_name);
    world_.keyring().forget_all();
    ASSERT_TRUE(app::add_note(world_.context(), chair, url_, {"note", kNoteCanary, std::nullopt}).ok());
    world_.keyring().forget_all();
    const std::string bytes = evidence_bytes();
    auto attached = app::attach_evidence(world_.context(), chair, url_, {kFileNameCanary, "", bytes});
    ASSERT_TRUE(attached.ok()) << attached.error().message;
    world_.keyring().forget_all();
  }

  app::BackupRequest backup_request(const std::string& name = "first.backup") const {
    return {world_.database().string(), data_.string(), (directory_.path() / "backups" / name).string(), keys()};
  }
  std::string keys() const { return (directory_.path() / "keys").string(); }
  fs::path restored_directory() const { return directory_.path() / "restored"; }
  app::RestoreRequest restore_request(const std::string& backup_file) const {
    return {backup_file, keys(), (restored_directory() / "conduct.db").string()};
  }

  // Takes a backup with the store open, as of a running server.
  app::BackupSummary take() {
    auto taken = app::take_backup(store::sqlite::open_store, backup_request(), world_.clock());
    EXPECT_TRUE(taken.ok()) << taken.error().message;
    return taken.ok() ? *taken : app::BackupSummary{};
  }

  void expect_no_database_restored() {
    EXPECT_FALSE(fs::exists(restored_directory() / "conduct.db"));
    EXPECT_FALSE(fs::exists(restored_directory() / "conduct.db.restoring"));
    EXPECT_FALSE(fs::exists(restored_directory() / "conduct.db.restoring-wal"));
  }

  TempDirectory directory_;
  fs::path data_;
  SqliteCommunity world_;
  app::Actor noor_;
  std::string url_;
};

TEST_F(BackupRestoreTest, BackupWipeRestoreGivesBackEveryRowByteForByteAndTheCaseStillOpens) {
  const app::BackupSummary taken = take();
  ASSERT_FALSE(taken.backup_id.empty());
  EXPECT_EQ(taken.backup_id.size(), 32u);
  EXPECT_EQ(taken.schema_version, store::sqlite::latest_schema_version());
  EXPECT_EQ(taken.created_at, world_.clock().now());
  EXPECT_EQ(fs::file_size(taken.backup_file), taken.size_bytes);
  EXPECT_EQ(taken.key_file, app::backup_key_path(keys(), taken.backup_id));

  world_.close();
  const TableRows before = every_row(world_.database());
  ASSERT_GT(before.at("evidence_chunks").size(), 2u);
  ASSERT_EQ(before.at("case_categories").size(), 2u);
  fs::remove_all(data_);  // the wipe

  auto restored = app::restore_backup(store::sqlite::open_store, restore_request(taken.backup_file));
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ(restored->backup_id, taken.backup_id);
  EXPECT_EQ(restored->tables.size(), before.size());
  EXPECT_FALSE(fs::exists(restored_directory() / "conduct.db-wal"));
  const TableRows after = every_row(restored_directory() / "conduct.db");
  ASSERT_EQ(after.size(), before.size());
  for (const auto& [table, rows] : before) {
    ASSERT_TRUE(after.contains(table)) << table;
    EXPECT_EQ(after.at(table), rows) << "table " << table;
  }

  // The restored database serves the same members with the same keys.
  crypto::CaseKeyring keyring;
  auto store = store::sqlite::SqliteStore::open((restored_directory() / "conduct.db").string(), keyring);
  ASSERT_TRUE(store.ok()) << store.error().message;
  app::Context context = world_.context_over(**store, keyring);
  auto record = app::show_case(context, noor_, url_);
  ASSERT_TRUE(record.ok()) << record.error().message;
  EXPECT_EQ(record->timeline.front().body, kReportCanary);
  EXPECT_EQ(record->summary.categories.size(), 2u);
  keyring.forget_all();
  auto file = app::read_evidence(context, world_.chair().actor, url_, 1);
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_EQ(file->file.name, kFileNameCanary);
  EXPECT_TRUE(file->bytes == evidence_bytes());
}

// A reporter's thread keeps its drop box and the replies mail intake sealed to it: the
// columns of migration 22 come back as they were, and the thread opens from the restore.
TEST_F(BackupRestoreTest, AThreadsDropBoxAndTheRepliesInItSurviveARestore) {
  domain::PublicReport report;
  report.reporter_email = "sam@example.org";
  report.what_happened = "Slurs in the meetup chat.";
  auto submitted =
      app::submit_public_report(world_.context(), "tidewater", report, app::ReportOrigin{"192.0.2.1", "en"});
  ASSERT_TRUE(submitted.ok()) << submitted.error().message;
  auto thread = world_.store().find_thread_by_receipt(domain::parse_receipt(submitted->receipt).receipt->id);
  ASSERT_TRUE(thread.ok() && thread->has_value());
  const std::int64_t case_id = (*thread)->case_id;
  auto sent = world_.store().mail_of_case(case_id);
  ASSERT_TRUE(sent.ok());
  std::string acknowledgement;
  for (const store::QueuedMailRow& row : *sent)
    if (row.kind == "acknowledgement") acknowledgement = row.message_id;
  world_.keyring().forget_all();
  auto ingested = app::ingest_mail(world_.context(),
                                   "From: sam@example.org\r\nSubject: Re\r\nMessage-ID: <r@example.org>\r\n"
                                   "In-Reply-To: <" +
                                       acknowledgement + ">\r\n\r\nIt happened again.\r\n",
                                   std::nullopt, {});
  ASSERT_TRUE(ingested.ok()) << ingested.error().message;
  const app::BackupSummary taken = take();
  world_.close();
  const TableRows before = every_row(world_.database());
  ASSERT_EQ(before.at("thread_messages").size(), 1u);
  EXPECT_NE(before.at("thread_messages").front().find(crypto::to_hex("inbox")), std::string::npos);
  fs::remove_all(data_);

  auto restored = app::restore_backup(store::sqlite::open_store, restore_request(taken.backup_file));
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  const TableRows after = every_row(restored_directory() / "conduct.db");
  for (const char* table : {"reporter_threads", "thread_messages"})
    EXPECT_EQ(after.at(table), before.at(table)) << table;
  crypto::CaseKeyring keyring;
  auto store = store::sqlite::SqliteStore::open((restored_directory() / "conduct.db").string(), keyring);
  ASSERT_TRUE(store.ok()) << store.error().message;
  app::Context context = world_.context_over(**store, keyring);
  auto summary = (*store)->find_case_by_id(case_id);
  ASSERT_TRUE(summary.ok());
  auto read = app::read_reporter_thread(context, world_.chair().actor, summary->code_name);
  ASSERT_TRUE(read.ok()) << read.error().message;
  ASSERT_EQ(read->messages.size(), 1u);
  EXPECT_EQ(read->messages[0].text, "It happened again.");
}

TEST_F(BackupRestoreTest, TheBackupAndItsKeyHoldNoPlaintextOfTheCase) {
  const app::BackupSummary taken = take();
  for (const fs::path& path : {fs::path(taken.backup_file), fs::path(taken.key_file)}) {
    const std::string bytes = read_bytes(path);
    ASSERT_FALSE(bytes.empty()) << path;
    for (const char* canary : {"canary-7Q2", "canary-K8d", "canary-R4x", "tidewater"})
      EXPECT_EQ(bytes.find(canary), std::string::npos) << canary << " in " << path;
  }
}

TEST_F(BackupRestoreTest, AWriteInProgressIsNotInTheSnapshotAndDoesNotBlockIt) {
  auto writer = store::sqlite::Database::open(world_.database().string());
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(writer
                  ->execute("BEGIN IMMEDIATE; INSERT INTO throttles (key, failures, last_failure, forgiven_at) "
                            "VALUES ('uncommitted', 1, 1, 2)")
                  .ok());
  const app::BackupSummary taken = take();
  ASSERT_TRUE(writer->execute("COMMIT").ok());
  world_.close();
  const TableRows live = every_row(world_.database());
  ASSERT_EQ(live.at("throttles").size(), 1u);  // committed after the snapshot began
  auto restored = app::restore_backup(store::sqlite::open_store, restore_request(taken.backup_file));
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  const TableRows after = every_row(restored_directory() / "conduct.db");
  for (const std::string& row : after.at("throttles"))
    EXPECT_EQ(row.find(crypto::to_hex("uncommitted")), std::string::npos);
}

TEST_F(BackupRestoreTest, ABackupWhoseKeyWasDestroyedCannotBeOpened) {
  const app::BackupSummary taken = take();
  world_.clock().advance_seconds(91 * kSecondsPerDay);
  auto pruned = app::destroy_backup_keys_before(keys(), app::backup_key_cutoff(world_.clock().now(), 90));
  ASSERT_TRUE(pruned.ok()) << pruned.error().message;
  ASSERT_EQ(pruned->destroyed.size(), 1u);
  EXPECT_EQ(pruned->destroyed[0].backup_id, taken.backup_id);

  auto restored = app::restore_backup(store::sqlite::open_store, restore_request(taken.backup_file));
  ASSERT_FALSE(restored.ok());
  EXPECT_EQ(restored.error().code, ErrorCode::NotFound);
  EXPECT_EQ(restored.error().message, "the key of backup " + taken.backup_id + " is not in " + keys() +
                                          " (destroyed after the backup horizon, or kept elsewhere)");
  expect_no_database_restored();
}

TEST_F(BackupRestoreTest, ABackupAlteredInOneByteIsRefused) {
  const app::BackupSummary taken = take();
  const std::string original = read_bytes(taken.backup_file);
  // One byte of the plaintext header (the creation time), then one of the ciphertext.
  for (const std::size_t offset : {std::size_t{30}, original.size() / 2}) {
    std::string altered = original;
    altered[offset] = static_cast<char>(altered[offset] ^ 0x20);
    const fs::path path = directory_.path() / "backups" / ("altered-" + std::to_string(offset));
    std::ofstream(path, std::ios::binary) << altered;
    auto restored = app::restore_backup(store::sqlite::open_store, restore_request(path.string()));
    ASSERT_FALSE(restored.ok()) << offset;
    EXPECT_EQ(restored.error().code, ErrorCode::InvalidArgument);
    EXPECT_THAT(restored.error().message, HasSubstr("does not open"));
    expect_no_database_restored();
  }
}

TEST_F(BackupRestoreTest, ARestoreNeverReplacesADatabase) {
  const app::BackupSummary taken = take();
  auto first = app::restore_backup(store::sqlite::open_store, restore_request(taken.backup_file));
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto second = app::restore_backup(store::sqlite::open_store, restore_request(taken.backup_file));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::AlreadyExists);
}

// A backup killed at each point its journal can show is finished or undone by the next
// run (item 9 of the hardening: a kill used to leave <out>.partial and an orphan key,
// or a whole backup the audit log did not know).
TEST_F(BackupRestoreTest, AnInterruptedBackupIsFinishedOrUndoneByTheNextRun) {
  const app::BackupSummary taken = take();  // whole, keyed, journal removed, not recorded
  const std::string backup = backup_request().backup_file;
  world_.close();
  const auto backups_logged = [&] {
    std::size_t count = 0;
    auto db = store::sqlite::Database::open(world_.database().string());
    auto statement = db->prepare("SELECT count(*) FROM audit_log WHERE action = 'backup.take' AND digest = ?");
    statement->bind_blob(1, taken.digest);
    if (statement->step().ok()) count = static_cast<std::size_t>(statement->int64(0));
    return count;
  };
  const auto finish = [&] {
    auto done =
        app::finish_interrupted_backups(store::sqlite::open_store, world_.database().string(), keys(), world_.clock());
    EXPECT_TRUE(done.ok()) << done.error().message;
    return done.ok() ? *done : std::vector<std::string>{};
  };

  // Killed after the rename, before the log knew it: the next run records it, once.
  app::BackupJournal journal{taken.backup_id, backup, taken.created_at, true, taken.digest};
  ASSERT_TRUE(app::write_backup_journal(keys(), journal).ok());
  EXPECT_EQ(backups_logged(), 0u);
  EXPECT_THAT(finish(), ElementsAre(::testing::HasSubstr("recorded now")));
  EXPECT_EQ(backups_logged(), 1u);
  EXPECT_TRUE(app::backup_journals(keys()).empty());
  EXPECT_THAT(finish(), ::testing::IsEmpty());
  EXPECT_EQ(backups_logged(), 1u);

  // Killed between the written journal and the rename: put in place, already known.
  fs::rename(backup, backup + ".partial");
  ASSERT_TRUE(app::write_backup_journal(keys(), journal).ok());
  EXPECT_THAT(finish(), ElementsAre(::testing::HasSubstr("finished backup")));
  EXPECT_TRUE(fs::exists(backup));
  EXPECT_FALSE(fs::exists(backup + ".partial"));
  EXPECT_EQ(backups_logged(), 1u);

  // Killed while writing: the partial file and the key go, whatever they hold.
  fs::rename(backup, backup + ".partial");
  journal.written = false;
  journal.digest.clear();
  ASSERT_TRUE(app::write_backup_journal(keys(), journal).ok());
  EXPECT_THAT(finish(), ElementsAre(::testing::HasSubstr("removed what backup")));
  EXPECT_FALSE(fs::exists(backup + ".partial"));
  EXPECT_FALSE(fs::exists(backup));
  EXPECT_FALSE(fs::exists(app::backup_key_path(keys(), taken.backup_id)));
  EXPECT_TRUE(app::backup_journals(keys()).empty());
}

TEST_F(BackupRestoreTest, TheKeyDirectoryMustBeKeptApart) {
  struct Placement {
    const char* what;
    fs::path key_dir;
  };
  const std::vector<Placement> placements = {
      {"the backup's directory", directory_.path() / "backups"},
      {"below the backup's directory", directory_.path() / "backups" / "keys"},
      {"above the backup's directory", directory_.path()},
      {"inside the data directory", data_ / "keys"},
  };
  for (const Placement& placement : placements) {
    app::BackupRequest request = backup_request();
    request.key_dir = placement.key_dir.string();
    auto taken = app::take_backup(store::sqlite::open_store, request, world_.clock());
    ASSERT_FALSE(taken.ok()) << placement.what;
    EXPECT_EQ(taken.error().code, ErrorCode::InvalidArgument) << placement.what;
    EXPECT_TRUE(taken.error().fields.contains("key-dir")) << placement.what;
    EXPECT_FALSE(fs::exists(request.backup_file)) << placement.what;
  }
  auto existing = app::take_backup(store::sqlite::open_store, backup_request(), world_.clock());
  ASSERT_TRUE(existing.ok());
  auto again = app::take_backup(store::sqlite::open_store, backup_request(), world_.clock());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::AlreadyExists);
}

// A backup taken at an earlier schema version is loaded at that version, then migrated:
// migration 4's data step (screenings recorded before it count as approved) runs on the
// restored rows.
TEST(BackupRestoreOlderSchemaTest, ABackupOfAnEarlierSchemaIsMigratedAfterLoading) {
  TempDirectory directory("backup-old");
  const fs::path data = directory.path() / "data";
  fs::create_directories(data);
  fs::create_directories(directory.path() / "backups");
  {
    auto db = store::sqlite::Database::open((data / "conduct.db").string());
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(store::sqlite::migrate(*db, 3).ok());
    ASSERT_TRUE(db->execute("INSERT INTO communities VALUES (1, 'tidewater', 'Tidewater', 'c@t.example', '', 0);"
                            "INSERT INTO members (id, community_id, email, display_name, role, term_start, status, "
                            "joined_at) VALUES (7, 1, 'a@t.example', 'A', 'member', 0, 'active', 0);"
                            "INSERT INTO cases (id, community_id, code_name, state, opened_at, updated_at, "
                            "location_sealed) VALUES (3, 1, 'home shelf', 'received', 0, 0, X'');"
                            "INSERT INTO screenings VALUES (3, 7, 42);")
                    .ok());
  }
  FixedClock clock(*parse_timestamp("2026-11-25T08:00:00Z"));
  auto taken =
      app::take_backup(store::sqlite::open_store,
                       {(data / "conduct.db").string(), data.string(),
                        (directory.path() / "backups" / "old.backup").string(), (directory.path() / "keys").string()},
                       clock);
  ASSERT_TRUE(taken.ok()) << taken.error().message;
  EXPECT_EQ(taken->schema_version, 3);

  const fs::path restored = directory.path() / "restored" / "conduct.db";
  auto loaded = app::restore_backup(store::sqlite::open_store,
                                    {taken->backup_file, (directory.path() / "keys").string(), restored.string()});
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  auto db = store::sqlite::Database::open(restored.string());
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(*store::sqlite::schema_version(*db), store::sqlite::latest_schema_version());
  auto screening = db->prepare("SELECT screened_at, approved_by, approved_at FROM screenings");
  ASSERT_TRUE(screening.ok());
  ASSERT_TRUE(*screening->step());
  EXPECT_EQ(screening->int64(0), 42);
  EXPECT_EQ(screening->int64(1), 7);
  EXPECT_EQ(screening->int64(2), 42);
}

}  // namespace
}  // namespace conduct::testing
