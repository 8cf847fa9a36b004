// The SQLite backend: the conformance suite on a fresh database file per test, then
// what only this backend promises (file settings, the append-only trigger, reopening).
#include "store/sqlite/sqlite_store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "audit_conformance.h"
#include "evidence_conformance.h"
#include "retention_conformance.h"
#include "store/sqlite/migrations.h"
#include "store_conformance.h"

namespace conduct::store::conformance {
namespace {

using sqlite::SqliteStore;

// A database path in the temporary directory, unique to this process and test, and
// removed (with its WAL and shared-memory files) when the object goes away.
class TempDatabaseFile {
 public:
  TempDatabaseFile() {
    static std::atomic<int> counter = 0;
    path_ = (std::filesystem::temp_directory_path() /
             ("conduct-sqlite-store-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".db"))
                .string();
  }
  TempDatabaseFile(const TempDatabaseFile&) = delete;
  TempDatabaseFile& operator=(const TempDatabaseFile&) = delete;
  ~TempDatabaseFile() {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path_ + suffix, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The store opens (and so creates) the file; it is removed after the store is closed,
// because the fixture destroys the backend after the store.
class SqliteBackend {
 public:
  std::unique_ptr<Store> open(crypto::Sealer& sealer) {
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::open(file_.path(), sealer);
    if (!store.ok()) {
      ADD_FAILURE() << "cannot open " << file_.path() << ": " << store.error().message;
      return nullptr;
    }
    return std::move(store).value();
  }

 private:
  TempDatabaseFile file_;
};

INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, StoreConformance, SqliteBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, EvidenceConformance, SqliteBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, RetentionConformance, SqliteBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, AuditConformance, SqliteBackend);

// ---- Backend-specific behaviour ------------------------------------------------------

std::string query_text(sqlite::Database& db, const std::string& sql) {
  Result<sqlite::Statement> statement = db.prepare(sql);
  if (!statement.ok()) return "<" + statement.error().message + ">";
  Result<bool> row = statement->step();
  if (!row.ok()) return "<" + row.error().message + ">";
  return *row ? statement->text(0) : "<no row>";
}

std::string query_blob(sqlite::Database& db, const std::string& sql) {
  Result<sqlite::Statement> statement = db.prepare(sql);
  if (!statement.ok()) return "<" + statement.error().message + ">";
  Result<bool> row = statement->step();
  if (!row.ok()) return "<" + row.error().message + ">";
  return *row ? statement->blob(0) : "<no row>";
}

class SqliteStoreFile : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteStore> open_store() { return must(SqliteStore::open(file_.path(), sealer_)); }

  TempDatabaseFile file_;
  TaggingSealer sealer_;
};

TEST_F(SqliteStoreFile, OpensWithWalFullSynchronousAndForeignKeys) {
  const std::unique_ptr<SqliteStore> store = open_store();
  ASSERT_NE(store, nullptr);
  struct Row {
    std::string pragma;
    std::string expected;
  };
  const std::vector<Row> rows = {
      {"journal_mode", "wal"}, {"synchronous", "2"},                         // FULL
      {"foreign_keys", "1"},   {"secure_delete", "1"}, {"temp_store", "2"},  // MEMORY
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.pragma);
    EXPECT_EQ(query_text(store->database(), "PRAGMA " + row.pragma), row.expected);
  }
}

// The database, its WAL and shm are the owner's alone whatever the umask, and a file an
// earlier run left readable by others is narrowed when the store opens it.
TEST_F(SqliteStoreFile, TheDatabaseFilesAreOwnerOnlyWhateverTheUmask) {
  const mode_t saved = ::umask(0);
  {
    const std::unique_ptr<SqliteStore> store = open_store();
    ASSERT_NE(store, nullptr);
    ASSERT_NE(query_text(store->database(), "SELECT count(*) FROM schema_migrations"), "<no row>");
    for (const char* suffix : {"", "-wal", "-shm"}) {
      SCOPED_TRACE(suffix);
      struct stat info {};
      ASSERT_EQ(::stat((file_.path() + suffix).c_str(), &info), 0);
      EXPECT_EQ(info.st_mode & 0777, 0600u);
    }
  }
  ASSERT_EQ(::chmod(file_.path().c_str(), 0644), 0);
  {
    const std::unique_ptr<SqliteStore> store = open_store();
    struct stat info {};
    ASSERT_EQ(::stat(file_.path().c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
  }
  ::umask(saved);
}

TEST_F(SqliteStoreFile, TimelineEntriesCannotBeUpdated) {
  const std::unique_ptr<SqliteStore> store = open_store();
  ASSERT_NE(store, nullptr);
  const std::int64_t community = must(store->insert_community(sample_community("tidewater")));
  domain::Case summary = sample_case(community, "home shelf");
  summary.id = must(store->insert_case(summary));
  const domain::TimelineEntry entry = sample_entry(1, "what was said");
  must(store->append_entry(summary, entry));

  for (const char* assignment : {"body_sealed = X'00'", "kind = 'evidence'", "created_at = 0", "number = 7"}) {
    SCOPED_TRACE(assignment);
    const Status updated = store->database().execute(std::string("UPDATE entries SET ") + assignment);
    ASSERT_TRUE(FailsWith(updated, ErrorCode::Internal));
    EXPECT_THAT(updated.error().message, ::testing::HasSubstr("append-only"));
  }
  const domain::CaseRecord record = must(store->load_case_record(summary));
  ASSERT_EQ(record.timeline.size(), 1u);
  expect_same_entry(record.timeline[0], entry);
}

TEST_F(SqliteStoreFile, SealedColumnsHoldOnlyTheSealedForm) {
  const std::unique_ptr<SqliteStore> store = open_store();
  ASSERT_NE(store, nullptr);
  const std::int64_t community = must(store->insert_community(sample_community("tidewater")));
  domain::Case summary = sample_case(community, "home shelf");
  summary.location = "the venue's back room";
  summary.id = must(store->insert_case(summary));
  const domain::Party party = sample_party(1, domain::PartyRole::Reporter);
  const PartyIndexes indexes{binary("contact index"), binary("name index"), ""};
  must(store->insert_party(summary, party, indexes));
  must(store->append_entry(summary, sample_entry(1, "the report body")));

  struct Row {
    std::string column_query;
    std::string record;
    std::string field;
    std::string plaintext;
  };
  const std::vector<Row> rows = {
      {"SELECT location_sealed FROM cases", "case", "location", summary.location},
      {"SELECT name_sealed FROM parties", "party:1", "name", party.name},
      {"SELECT contact_sealed FROM parties", "party:1", "contact", party.contact},
      {"SELECT body_sealed FROM entries", "entry:1", "body", "the report body"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.column_query);
    const crypto::SealContext context{community, "home shelf", row.record, row.field, "case"};
    const std::string stored = query_text(store->database(), row.column_query);
    EXPECT_EQ(stored, TaggingSealer::stored_form(context, row.plaintext));
    EXPECT_THAT(stored, ::testing::Not(::testing::HasSubstr(row.plaintext)));
  }

  // Blind indexes are stored as given, as BLOBs (never through the sealer).
  EXPECT_EQ(query_blob(store->database(), "SELECT contact_index FROM parties"), indexes.contact);
  EXPECT_EQ(query_blob(store->database(), "SELECT name_index FROM parties"), indexes.name);
  EXPECT_EQ(query_text(store->database(), "SELECT typeof(employer_index) || length(employer_index) FROM parties"),
            "blob0");
}

TEST_F(SqliteStoreFile, ReopeningKeepsDataAndDoesNotMigrateAgain) {
  {
    const std::unique_ptr<SqliteStore> store = open_store();
    ASSERT_NE(store, nullptr);
    const std::int64_t community = must(store->insert_community(sample_community("tidewater")));
    must(store->insert_case(sample_case(community, "home shelf")));
    // Mark every applied migration; a migration run again would add or replace rows.
    must(store->database().execute("UPDATE schema_migrations SET applied_at = 1"));
  }
  const std::unique_ptr<SqliteStore> store = open_store();
  ASSERT_NE(store, nullptr);
  const CommunityRow community = must(store->find_community("tidewater"));
  EXPECT_EQ(community.community.id, 1);
  const domain::Case found = must(store->find_case(community.community.id, "home shelf"));
  EXPECT_EQ(must(store->load_case_record(found)).summary.location, "the hallway track");
  EXPECT_EQ(query_text(store->database(), "SELECT COUNT(*) FROM schema_migrations"),
            std::to_string(sqlite::migrations().size()));
  EXPECT_EQ(query_text(store->database(), "SELECT COUNT(*) FROM schema_migrations WHERE applied_at <> 1"), "0");
  EXPECT_EQ(must(sqlite::schema_version(store->database())), sqlite::latest_schema_version());
}

TEST_F(SqliteStoreFile, CasesWrittenBeforeSealedRecordsAreListedWithoutKeys) {
  const std::unique_ptr<SqliteStore> store = open_store();
  ASSERT_NE(store, nullptr);
  const std::int64_t community = must(store->insert_community(sample_community("tidewater")));
  const std::int64_t other = must(store->insert_community(sample_community("riverbend")));
  const std::int64_t sealed = must(store->insert_case(sample_case(community, "sealed", 100)));
  EXPECT_EQ(query_text(store->database(), "SELECT key_version || ' ' || rotation_due FROM cases"), "1 0");

  // Rows as a release without per-case keys wrote them: the columns' defaults.
  must(store->database().execute(
      "INSERT INTO cases (community_id, code_name, state, opened_at, updated_at, location_sealed) VALUES "
      "(1, 'late', 'received', 300, 300, X''), (1, 'early', 'received', 200, 200, X''), "
      "(1, 'same second', 'received', 300, 300, X''), (2, 'elsewhere', 'received', 50, 50, X'')"));
  EXPECT_EQ(code_names_of(must(store->cases_without_keys(community))),
            (std::vector<std::string>{"early", "late", "same second"}));
  EXPECT_EQ(code_names_of(must(store->cases_without_keys(other))), std::vector<std::string>{"elsewhere"});
  const domain::Case late = must(store->find_case(community, "late"));
  expect_same_key_state(must(store->find_case_key_state(late.id)), CaseKeyState{late.id, 0, false});
  expect_same_key_state(must(store->find_case_key_state(sealed)), CaseKeyState{sealed, 1, false});
}

TEST_F(SqliteStoreFile, WrapHoldersAreSpeltOutAndMustMatchTheMember) {
  const std::unique_ptr<SqliteStore> store = open_store();
  ASSERT_NE(store, nullptr);
  const std::int64_t community = must(store->insert_community(sample_community("tidewater")));
  const std::int64_t sam = must(store->insert_member(sample_member(community, "sam@example.org")));
  const std::int64_t case_id = must(store->insert_case(sample_case(community, "home shelf")));
  must(store->save_case_key_wrap({case_id, 1, sam, binary("box"), binary("wrap"), Timestamp{1}}));
  must(store->save_case_key_wrap({case_id, 1, std::nullopt, binary("box"), binary("wrap"), Timestamp{1}}));
  must(store->save_case_key_wrap({case_id, 1, std::nullopt, binary("box"), binary("wrap-2"), Timestamp{2}}));
  EXPECT_EQ(query_text(store->database(),
                       "SELECT group_concat(holder, ',') FROM (SELECT holder FROM case_key_wraps ORDER BY holder)"),
            "member:" + std::to_string(sam) + ",recovery");

  // The holder and the member cannot disagree, whoever writes the row.
  for (const char* values : {"(1, 3, 'recovery', 1, X'', X'', 0)", "(1, 3, 'member:2', 1, X'', X'', 0)",
                             "(1, 3, 'member:1', NULL, X'', X'', 0)", "(1, 3, '1', 1, X'', X'', 0)"}) {
    SCOPED_TRACE(values);
    const Status inserted = store->database().execute(
        std::string("INSERT INTO case_key_wraps (case_id, key_version, holder, member_id, recipient_public, "
                    "wrapped_key, created_at) VALUES ") +
        values);
    ASSERT_TRUE(FailsWith(inserted, ErrorCode::Internal));
    EXPECT_THAT(inserted.error().message, ::testing::HasSubstr("CHECK constraint failed"));
  }
  EXPECT_EQ(query_text(store->database(), "SELECT COUNT(*) FROM case_key_wraps"), "2");
}

// Resealing is the one write that changes timeline entries in place: it lifts the
// append-only trigger inside its own savepoint and puts back exactly the same trigger,
// whether it succeeds or fails, inside a transaction or on its own.
TEST_F(SqliteStoreFile, ResealingPutsTheAppendOnlyTriggerBackExactly) {
  const std::unique_ptr<SqliteStore> store = open_store();
  ASSERT_NE(store, nullptr);
  const ResealWorld world = make_reseal_world(*store);
  const std::string trigger_query =
      "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'entries_are_append_only'";
  const std::string trigger = query_text(store->database(), trigger_query);
  ASSERT_THAT(trigger, ::testing::HasSubstr("RAISE(ABORT, 'timeline entries are append-only')"));
  const std::string body_query =
      "SELECT body_sealed FROM entries WHERE case_id = " + std::to_string(world.summary.id) + " AND number = 1";
  const crypto::SealContext body_context{world.community, "home shelf", "entry:1", "body", "case"};
  const auto expect_append_only = [&] {
    EXPECT_EQ(query_text(store->database(), trigger_query), trigger);
    const Status updated = store->database().execute("UPDATE entries SET body_sealed = X'00'");
    ASSERT_TRUE(FailsWith(updated, ErrorCode::Internal));
    EXPECT_THAT(updated.error().message, ::testing::HasSubstr("append-only"));
  };

  // A failure after the entries were rewritten (the grant's reason comes last) undoes
  // them and keeps the trigger.
  BracketSealer moved;
  moved.refuse_field = "reason";
  ASSERT_TRUE(FailsWith(store->reseal_case(world.summary, sealer_, moved, test_indexes_of), ErrorCode::Internal));
  expect_append_only();
  EXPECT_EQ(query_blob(store->database(), body_query), TaggingSealer::stored_form(body_context, "the report body"));

  // So does a transaction that fails after resealing.
  moved.refuse_field.clear();
  ASSERT_TRUE(FailsWith(store->in_transaction([&]() -> Status {
    TRY(store->reseal_case(world.summary, sealer_, moved, test_indexes_of));
    return failed_precondition("refused after all");
  }),
                        ErrorCode::FailedPrecondition));
  expect_append_only();
  EXPECT_EQ(query_blob(store->database(), body_query), TaggingSealer::stored_form(body_context, "the report body"));

  // Done: the entries hold the new form, and are append-only again.
  must(store->reseal_case(world.summary, sealer_, moved, test_indexes_of));
  EXPECT_EQ(query_blob(store->database(), body_query), BracketSealer::stored_form(body_context, "the report body"));
  expect_append_only();
  EXPECT_EQ(query_text(store->database(),
                       "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'entries'"),
            "1");
}

}  // namespace
}  // namespace conduct::store::conformance
