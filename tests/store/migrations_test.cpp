// The SQLite schema migrations. Every migration in migrations() goes through the same
// table-driven steps, so adding a migration needs no edit here: it must take a database
// from the version before it to its own version and leave it consistent.
#include "store/sqlite/migrations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "crypto/sealer.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace conduct::store::sqlite {

// Names the parameter in test output ("migration 1") instead of dumping its bytes.
void PrintTo(const Migration& migration, std::ostream* out) { *out << "migration " << migration.version; }

namespace {

// A fresh database path, removed with its WAL and shared-memory files afterwards.
class TempDatabase {
 public:
  TempDatabase() {
    static std::atomic<int> counter = 0;
    path_ = (std::filesystem::temp_directory_path() /
             ("conduct-migrations-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".db"))
                .string();
  }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;
  ~TempDatabase() {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path_ + suffix, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

::testing::AssertionResult IsOk(const Status& status) {
  if (status.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << error_code_name(status.error().code) << ": " << status.error().message;
}

// The first column of every row a query returns, as text.
std::vector<std::string> first_column(Database& db, const std::string& sql) {
  std::vector<std::string> values;
  Result<Statement> statement = db.prepare(sql);
  if (!statement.ok()) {
    ADD_FAILURE() << sql << ": " << statement.error().message;
    return values;
  }
  while (true) {
    Result<bool> row = statement->step();
    if (!row.ok()) {
      ADD_FAILURE() << sql << ": " << row.error().message;
      return values;
    }
    if (!*row) return values;
    values.push_back(statement->text(0));
  }
}

int version_of(Database& db) {
  Result<int> version = schema_version(db);
  if (!version.ok()) {
    ADD_FAILURE() << version.error().message;
    return -1;
  }
  return *version;
}

// What migrating may change: the schema and the record of applied migrations.
std::vector<std::string> schema_and_history(Database& db) {
  std::vector<std::string> state =
      first_column(db, "SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master ORDER BY name");
  for (const std::string& applied :
       first_column(db,
                    "SELECT version || ' ' || description || ' ' || applied_at FROM schema_migrations "
                    "ORDER BY version"))
    state.push_back(applied);
  return state;
}

TEST(Migrations, AreNumberedFromOneWithoutGaps) {
  ASSERT_FALSE(migrations().empty());
  for (std::size_t i = 0; i < migrations().size(); ++i) {
    EXPECT_EQ(migrations()[i].version, static_cast<int>(i + 1));
    EXPECT_FALSE(migrations()[i].description.empty());
  }
  EXPECT_EQ(latest_schema_version(), static_cast<int>(migrations().size()));
}

class EachMigration : public ::testing::TestWithParam<Migration> {};

TEST_P(EachMigration, TakesTheDatabaseFromThePreviousVersionToItsOwn) {
  const Migration& migration = GetParam();
  TempDatabase file;
  Result<Database> opened = Database::open(file.path());
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  Database& db = *opened;

  ASSERT_TRUE(IsOk(migrate(db, migration.version - 1)));
  ASSERT_EQ(version_of(db), migration.version - 1);

  ASSERT_TRUE(IsOk(migrate(db, migration.version)));
  EXPECT_EQ(version_of(db), migration.version);
  EXPECT_EQ(first_column(db, "PRAGMA integrity_check"), std::vector<std::string>{"ok"});
  EXPECT_EQ(first_column(db, "PRAGMA foreign_key_check"), std::vector<std::string>{});
  EXPECT_EQ(first_column(
                db, "SELECT description FROM schema_migrations WHERE version = " + std::to_string(migration.version)),
            std::vector<std::string>{std::string(migration.description)});
}

INSTANTIATE_TEST_SUITE_P(AllMigrations, EachMigration, ::testing::ValuesIn(migrations()),
                         [](const ::testing::TestParamInfo<Migration>& info) {
                           return "version_" + std::to_string(info.param.version);
                         });

// Version 5 (sealed records) on a database written before it: existing cases are
// plaintext, so they keep key version 0 (and wait to be sealed); existing parties have
// no blind indexes yet. New cases start at version 1.
TEST(Migrations, Version5KeepsExistingCasesAtKeyVersionZero) {
  TempDatabase file;
  {
    Result<Database> opened = Database::open(file.path());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    Database& db = *opened;
    ASSERT_TRUE(IsOk(migrate(db, 4)));
    ASSERT_TRUE(IsOk(
        db.execute("INSERT INTO communities (id, slug, name, contact_email, policy_source, created_at) "
                   "VALUES (1, 'tidewater', 'Tidewater', 'conduct@tidewater.example', '', 0);"
                   "INSERT INTO members (id, community_id, email, display_name, role, term_start, status, joined_at) "
                   "VALUES (1, 1, 'sam@example.org', 'Sam', 'chair', 0, 'active', 0);"
                   "INSERT INTO cases (id, community_id, code_name, state, opened_at, updated_at, location_sealed) "
                   "VALUES (1, 1, 'home shelf', 'received', 200, 200, CAST('the hallway track' AS BLOB)),"
                   " (2, 1, 'blue kettle', 'resolved', 100, 100, X'');"
                   "INSERT INTO parties (id, case_id, number, role, name_sealed, contact_sealed) "
                   "VALUES (1, 1, 1, 'reporter', CAST('Ada' AS BLOB), CAST('ada@example.org' AS BLOB));")));

    ASSERT_TRUE(IsOk(migrate(db, 5)));
    EXPECT_EQ(first_column(db, "SELECT key_version || ' ' || rotation_due FROM cases ORDER BY id"),
              (std::vector<std::string>{"0 0", "0 0"}));
    EXPECT_EQ(first_column(db,
                           "SELECT typeof(contact_index) || length(contact_index) || typeof(name_index) || "
                           "length(name_index) || typeof(employer_index) || length(employer_index) FROM parties"),
              std::vector<std::string>{"blob0blob0blob0"});
    EXPECT_EQ(first_column(db, "SELECT COUNT(*) FROM case_key_wraps"), std::vector<std::string>{"0"});
    EXPECT_EQ(first_column(db, "SELECT COUNT(*) FROM recovery_keys"), std::vector<std::string>{"0"});
    EXPECT_EQ(first_column(db, "PRAGMA foreign_key_check"), std::vector<std::string>{});
  }

  // The store reads them as plaintext cases waiting for keys, without any key.
  crypto::PassThroughSealer sealer;
  Result<std::unique_ptr<SqliteStore>> opened = SqliteStore::open(file.path(), sealer);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  SqliteStore& store = **opened;
  Result<std::vector<domain::Case>> waiting = store.cases_without_keys(1);
  ASSERT_TRUE(waiting.ok()) << waiting.error().message;
  ASSERT_EQ(waiting->size(), 2u);
  EXPECT_EQ((*waiting)[0].code_name, "blue kettle");  // oldest first
  EXPECT_EQ((*waiting)[1].code_name, "home shelf");
  Result<CaseKeyState> state = store.find_case_key_state(1);
  ASSERT_TRUE(state.ok()) << state.error().message;
  EXPECT_EQ(state->current_version, 0u);
  EXPECT_FALSE(state->rotation_due);
  Result<std::vector<PartyIndexRow>> indexes = store.list_party_indexes(1);
  ASSERT_TRUE(indexes.ok()) << indexes.error().message;
  ASSERT_EQ(indexes->size(), 1u);
  EXPECT_EQ((*indexes)[0].case_id, 1);
  EXPECT_EQ((*indexes)[0].role, domain::PartyRole::Reporter);
  EXPECT_EQ((*indexes)[0].indexes.contact, "");
  EXPECT_EQ((*indexes)[0].indexes.name, "");
  EXPECT_EQ((*indexes)[0].indexes.employer, "");
  Result<domain::CaseRecord> record = store.load_case_record((*waiting)[1]);
  ASSERT_TRUE(record.ok()) << record.error().message;
  EXPECT_EQ(record->summary.location, "the hallway track");
  ASSERT_EQ(record->parties.size(), 1u);
  EXPECT_EQ(record->parties[0].contact, "ada@example.org");

  domain::Case added;
  added.community_id = 1;
  added.code_name = "quiet harbour";
  added.opened_at = Timestamp{300};
  added.updated_at = Timestamp{300};
  Result<std::int64_t> added_id = store.insert_case(added);
  ASSERT_TRUE(added_id.ok()) << added_id.error().message;
  Result<CaseKeyState> added_state = store.find_case_key_state(*added_id);
  ASSERT_TRUE(added_state.ok()) << added_state.error().message;
  EXPECT_EQ(added_state->current_version, 1u);
  EXPECT_EQ(store.cases_without_keys(1)->size(), 2u);
}

// Version 6 (evidence files) on a database written before it: existing cases keep
// every row and simply have no files; files attach to them afterwards, and both new
// tables refuse updates.
TEST(Migrations, Version6AddsEmptyEvidenceTablesToExistingCases) {
  TempDatabase file;
  {
    Result<Database> opened = Database::open(file.path());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    Database& db = *opened;
    ASSERT_TRUE(IsOk(migrate(db, 5)));
    ASSERT_TRUE(IsOk(
        db.execute("INSERT INTO communities (id, slug, name, contact_email, policy_source, created_at) "
                   "VALUES (1, 'tidewater', 'Tidewater', 'conduct@tidewater.example', '', 0);"
                   "INSERT INTO members (id, community_id, email, display_name, role, term_start, status, joined_at) "
                   "VALUES (1, 1, 'sam@example.org', 'Sam', 'chair', 0, 'active', 0);"
                   "INSERT INTO cases (id, community_id, code_name, state, opened_at, updated_at, location_sealed, "
                   "key_version) VALUES (1, 1, 'home shelf', 'received', 200, 200, X'', 1);"
                   "INSERT INTO entries (id, case_id, number, kind, author_id, created_at, body_sealed) "
                   "VALUES (1, 1, 1, 'report', NULL, 200, CAST('sealed report' AS BLOB));")));

    ASSERT_TRUE(IsOk(migrate(db, 6)));
    EXPECT_EQ(first_column(db, "SELECT COUNT(*) FROM evidence_files"), std::vector<std::string>{"0"});
    EXPECT_EQ(first_column(db, "SELECT COUNT(*) FROM evidence_chunks"), std::vector<std::string>{"0"});
    EXPECT_EQ(first_column(db, "SELECT code_name || ' ' || key_version FROM cases"),
              std::vector<std::string>{"home shelf 1"});
    EXPECT_EQ(first_column(db, "SELECT COUNT(*) FROM entries"), std::vector<std::string>{"1"});
    EXPECT_EQ(first_column(db, "PRAGMA foreign_key_check"), std::vector<std::string>{});
  }

  crypto::PassThroughSealer sealer;
  Result<std::unique_ptr<SqliteStore>> opened = SqliteStore::open(file.path(), sealer);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  SqliteStore& store = **opened;
  Result<domain::Case> found = store.find_case(1, "home shelf");
  ASSERT_TRUE(found.ok()) << found.error().message;
  Result<int> next = store.next_evidence_number(*found);
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(*next, 1);
  domain::EvidenceFile attached;
  attached.number = 1;
  attached.size_bytes = 3;
  attached.chunk_count = 1;
  attached.created_at = Timestamp{300};
  attached.author_id = 1;
  attached.name = "log.txt";
  ASSERT_TRUE(IsOk(store.insert_evidence(*found, EvidenceRow{attached, "key"})));
  ASSERT_TRUE(IsOk(store.insert_evidence_chunk(*found, 1, 0, "chunk")));
  Result<std::vector<std::string>> chunks = store.evidence_chunks(*found, 1);
  ASSERT_TRUE(chunks.ok()) << chunks.error().message;
  EXPECT_EQ(*chunks, std::vector<std::string>{"chunk"});

  for (const char* update : {"UPDATE evidence_files SET size_bytes = 4", "UPDATE evidence_chunks SET sealed = X'00'"}) {
    SCOPED_TRACE(update);
    const Status refused = store.database().execute(update);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Internal);
    EXPECT_THAT(refused.error().message, ::testing::HasSubstr("append-only"));
  }
  EXPECT_EQ(first_column(store.database(), "SELECT typeof(sealed) || length(sealed) FROM evidence_chunks"),
            std::vector<std::string>{"blob5"});
}

TEST(Migrations, EmptyDatabaseIsAtVersionZero) {
  TempDatabase file;
  Result<Database> opened = Database::open(file.path());
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(version_of(*opened), 0);
}

TEST(Migrations, DatabaseNewerThanTheProgramIsRefused) {
  TempDatabase file;
  {
    Result<Database> opened = Database::open(file.path());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    Database& db = *opened;
    ASSERT_TRUE(IsOk(migrate(db)));
    ASSERT_TRUE(IsOk(db.execute("INSERT INTO schema_migrations (version, description, applied_at) VALUES (" +
                                std::to_string(latest_schema_version() + 1) + ", 'from the future', 0)")));

    const Status migrated = migrate(db);
    ASSERT_FALSE(migrated.ok());
    EXPECT_EQ(migrated.error().code, ErrorCode::FailedPrecondition) << migrated.error().message;
    EXPECT_EQ(version_of(db), latest_schema_version() + 1);
  }
  crypto::PassThroughSealer sealer;
  const Result<std::unique_ptr<SqliteStore>> store = SqliteStore::open(file.path(), sealer);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, ErrorCode::FailedPrecondition) << store.error().message;
}

TEST(Migrations, MigratingTwiceIsANoOp) {
  TempDatabase file;
  Result<Database> opened = Database::open(file.path());
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  Database& db = *opened;
  ASSERT_TRUE(IsOk(migrate(db)));
  const std::vector<std::string> before = schema_and_history(db);
  ASSERT_FALSE(before.empty());

  for (const int target : {-1, latest_schema_version()}) {
    SCOPED_TRACE("target " + std::to_string(target));
    ASSERT_TRUE(IsOk(migrate(db, target)));
    EXPECT_EQ(schema_and_history(db), before);
    EXPECT_EQ(version_of(db), latest_schema_version());
  }
}

}  // namespace
}  // namespace conduct::store::sqlite

namespace conduct::store::sqlite {
namespace {

// An expunge deletes a case's rows table by table: a table added with a case_id column
// and left off the list would make every expunge of such a case fail on its foreign
// key, or keep a row of a case that should be gone.
TEST(Migrations, EveryTableHoldingCaseRowsIsExpunged) {
  TempDatabase file;
  Result<Database> opened = Database::open(file.path());
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  ASSERT_TRUE(IsOk(migrate(*opened)));
  const std::vector<std::string_view> expunged = tables_expunged_by_case();
  int tables_with_case_rows = 0;
  for (const std::string& table : first_column(*opened, "SELECT name FROM sqlite_master WHERE type = 'table'")) {
    const std::vector<std::string> columns =
        first_column(*opened, "SELECT name FROM pragma_table_info('" + table + "') WHERE name = 'case_id'");
    if (columns.empty()) continue;
    ++tables_with_case_rows;
    EXPECT_NE(std::find(expunged.begin(), expunged.end(), table), expunged.end())
        << table << " holds rows of a case but an expunge leaves them";
  }
  EXPECT_GT(tables_with_case_rows, 15);
}

}  // namespace
}  // namespace conduct::store::sqlite
