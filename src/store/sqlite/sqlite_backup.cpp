#include "store/sqlite/sqlite_backup.h"

#include <algorithm>
#include <set>

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store.h"

namespace conduct::store::sqlite {
namespace {

// A table or column name as an SQL identifier: in double quotes, quotes doubled. The
// names come from sqlite_master or from a backup whose names were checked against the
// schema first, but quoting keeps any name a name.
std::string quoted(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

// The user tables of the database, by name (SQLite's own sqlite_* tables are left out).
Result<std::vector<std::string>> table_names(Database& db) {
  ASSIGN_OR_RETURN(Statement rows, db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' "
                                              "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"));
  std::vector<std::string> names;
  while (true) {
    ASSIGN_OR_RETURN(const bool row, rows.step());
    if (!row) return names;
    names.push_back(rows.text(0));
  }
}

Result<std::vector<std::string>> column_names(Database& db, const std::string& table) {
  ASSIGN_OR_RETURN(Statement rows, db.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid"));
  rows.bind(1, table);
  std::vector<std::string> names;
  while (true) {
    ASSIGN_OR_RETURN(const bool row, rows.step());
    if (!row) return names;
    names.push_back(rows.text(0));
  }
}

BackupValue read_value(const Statement& row, int column) {
  switch (row.column_type(column)) {
    case SQLITE_INTEGER:
      return BackupValue::of_integer(row.int64(column));
    case SQLITE_FLOAT:
      return BackupValue::of_real(row.real(column));
    case SQLITE_TEXT:
      return BackupValue::of_text(row.text(column));
    case SQLITE_BLOB:
      return BackupValue::of_blob(row.blob(column));
    default:
      return BackupValue::null();
  }
}

Result<BackupTable> snapshot_table(Database& db, const std::string& name) {
  // Rowid order keeps the order rows were inserted in; a WITHOUT ROWID table has no
  // rowid (the query does not prepare) and is read in its key's order.
  auto ordered = db.prepare("SELECT * FROM " + quoted(name) + " ORDER BY rowid");
  Result<Statement> rows = ordered.ok() ? std::move(ordered) : db.prepare("SELECT * FROM " + quoted(name));
  if (!rows.ok()) return std::move(rows).error();
  BackupTable table;
  table.name = name;
  const int column_count = rows->column_count();
  for (int column = 0; column < column_count; ++column) table.columns.push_back(rows->column_name(column));
  while (true) {
    ASSIGN_OR_RETURN(const bool more, rows->step());
    if (!more) return table;
    BackupRow row;
    row.reserve(static_cast<std::size_t>(column_count));
    for (int column = 0; column < column_count; ++column) row.push_back(read_value(*rows, column));
    table.rows.push_back(std::move(row));
  }
}

// The schema version of a snapshot, or FailedPrecondition for a database without one.
Result<int> snapshot_schema_version(Database& db, const std::vector<std::string>& names) {
  if (std::find(names.begin(), names.end(), "schema_migrations") == names.end())
    return failed_precondition("the database has no schema version: it is empty or not a Conduct database");
  ASSIGN_OR_RETURN(Statement version, db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  ASSIGN_OR_RETURN(const bool has_version, version.step());
  const int found = has_version ? static_cast<int>(version.int64(0)) : 0;
  if (found <= 0)
    return failed_precondition("the database has no schema version: it is empty or not a Conduct database");
  return found;
}

// One table's rows, read in the order snapshot_table reads them, into the encoder.
Result<std::uint64_t> encode_table(Database& db, const std::string& name, DumpEncoder& encoder) {
  ASSIGN_OR_RETURN(Statement count, db.prepare("SELECT count(*) FROM " + quoted(name)));
  ASSIGN_OR_RETURN(const bool counted, count.step());
  const std::uint64_t rows_expected = counted ? static_cast<std::uint64_t>(count.int64(0)) : 0;
  auto ordered = db.prepare("SELECT * FROM " + quoted(name) + " ORDER BY rowid");
  Result<Statement> rows = ordered.ok() ? std::move(ordered) : db.prepare("SELECT * FROM " + quoted(name));
  if (!rows.ok()) return std::move(rows).error();
  const int column_count = rows->column_count();
  std::vector<std::string> columns;
  for (int column = 0; column < column_count; ++column) columns.push_back(rows->column_name(column));
  TRY(encoder.begin_table(name, columns, rows_expected));
  std::uint64_t read = 0;
  BackupRow row;
  while (true) {
    ASSIGN_OR_RETURN(const bool more, rows->step());
    if (!more) break;
    row.clear();
    for (int column = 0; column < column_count; ++column) row.push_back(read_value(*rows, column));
    if (++read > rows_expected) return internal_error("table " + name + " grew while it was read");
    TRY(encoder.row(row));
  }
  if (read != rows_expected) return internal_error("table " + name + " shrank while it was read");
  return read;
}

Result<BackupDump> snapshot_in_transaction(Database& db) {
  ASSIGN_OR_RETURN(const std::vector<std::string> names, table_names(db));
  BackupDump dump;
  ASSIGN_OR_RETURN(dump.schema_version, snapshot_schema_version(db, names));
  for (const std::string& name : names) {
    ASSIGN_OR_RETURN(BackupTable table, snapshot_table(db, name));
    dump.tables.push_back(std::move(table));
  }
  return dump;
}

Error mismatch(const BackupDump& dump, const std::string& what) {
  return invalid_argument("the backup does not match schema version " + std::to_string(dump.schema_version) + ": " +
                          what);
}

// Every table of the schema is in the dump, with the same columns, and the dump has no
// other: a backup is loaded whole or not at all.
Status check_tables_match(Database& db, const BackupDump& dump) {
  ASSIGN_OR_RETURN(const std::vector<std::string> names, table_names(db));
  std::set<std::string> in_dump;
  for (const BackupTable& table : dump.tables) in_dump.insert(table.name);
  for (const std::string& name : names)
    if (!in_dump.contains(name)) return mismatch(dump, "it lacks table " + name);
  for (const BackupTable& table : dump.tables) {
    if (std::find(names.begin(), names.end(), table.name) == names.end())
      return mismatch(dump, "it has a table " + table.name + " the schema does not");
    ASSIGN_OR_RETURN(std::vector<std::string> expected, column_names(db, table.name));
    std::vector<std::string> given = table.columns;
    std::sort(expected.begin(), expected.end());
    std::sort(given.begin(), given.end());
    if (expected != given) return mismatch(dump, "the columns of table " + table.name + " differ");
  }
  return ok_status();
}

void bind_value(Statement& insert, int index, const BackupValue& value) {
  switch (value.type) {
    case BackupValue::Type::Null:
      insert.bind_null(index);
      break;
    case BackupValue::Type::Integer:
      insert.bind(index, value.integer);
      break;
    case BackupValue::Type::Real:
      insert.bind_real(index, value.real);
      break;
    case BackupValue::Type::Text:
      insert.bind(index, std::string_view(value.bytes));
      break;
    case BackupValue::Type::Blob:
      insert.bind_blob(index, value.bytes);
      break;
  }
}

// Rows a migration wrote (schema_migrations' own) make way for the dump's, then the
// dump's rows go in. The message names the table only, never a value.
Status load_table(Database& db, const BackupTable& table) {
  TRY(db.execute("DELETE FROM " + quoted(table.name)));
  if (table.rows.empty()) return ok_status();
  std::string columns;
  std::string placeholders;
  for (const std::string& column : table.columns) {
    columns += (columns.empty() ? "" : ", ") + quoted(column);
    placeholders += placeholders.empty() ? "?" : ", ?";
  }
  ASSIGN_OR_RETURN(Statement insert, db.prepare("INSERT INTO " + quoted(table.name) + " (" + columns + ") VALUES (" +
                                                placeholders + ")"));
  for (const BackupRow& row : table.rows) {
    if (row.size() != table.columns.size())
      return internal_error("a row of table " + table.name + " has the wrong number of values");
    insert.reset();
    for (std::size_t i = 0; i < row.size(); ++i) bind_value(insert, static_cast<int>(i) + 1, row[i]);
    const Status inserted = insert.run();
    if (!inserted.ok())
      return invalid_argument("a row of table " + table.name + " does not load: " + inserted.error().message);
  }
  return ok_status();
}

Status load_in_transaction(Database& db, const BackupDump& dump) {
  // Foreign keys are checked when the transaction commits, once every table is in.
  TRY(db.execute("PRAGMA defer_foreign_keys = ON"));
  for (const BackupTable& table : dump.tables) TRY(load_table(db, table));
  return ok_status();
}

}  // namespace

Result<BackupDump> snapshot_database(Database& db) {
  // A deferred transaction: its first read fixes the snapshot every later read sees.
  TRY(db.execute("BEGIN"));
  Result<BackupDump> dump = snapshot_in_transaction(db);
  (void)db.execute("ROLLBACK");  // nothing was written
  return dump;
}

Result<SnapshotCounts> snapshot_database_into(Database& db, const BackupFileHeader& header, DumpEncoder& encoder) {
  // A deferred transaction: its first read fixes the snapshot every later read sees, so
  // each table's count and its rows agree.
  TRY(db.execute("BEGIN"));
  const auto encoded = [&]() -> Result<SnapshotCounts> {
    ASSIGN_OR_RETURN(const std::vector<std::string> names, table_names(db));
    SnapshotCounts counts;
    ASSIGN_OR_RETURN(counts.schema_version, snapshot_schema_version(db, names));
    TRY(encoder.begin(header, counts.schema_version, static_cast<std::uint32_t>(names.size())));
    for (const std::string& name : names) {
      ASSIGN_OR_RETURN(const std::uint64_t rows, encode_table(db, name, encoder));
      counts.tables.emplace_back(name, rows);
    }
    TRY(encoder.end());
    return counts;
  }();
  (void)db.execute("ROLLBACK");  // nothing was written
  return encoded;
}

Status load_dump(Database& db, const BackupDump& dump) {
  ASSIGN_OR_RETURN(const int current, schema_version(db));
  ASSIGN_OR_RETURN(const std::vector<std::string> existing, table_names(db));
  if (current != 0 || existing.size() > 1)
    return failed_precondition("a backup is restored into an empty database only");
  if (dump.schema_version > latest_schema_version())
    return failed_precondition("the backup was taken at schema version " + std::to_string(dump.schema_version) +
                               ", newer than this program (" + std::to_string(latest_schema_version()) +
                               "); restore it with a newer conduct");
  TRY(migrate(db, dump.schema_version));
  TRY(check_tables_match(db, dump));
  TRY(db.execute("BEGIN IMMEDIATE"));
  const Status loaded = load_in_transaction(db, dump);
  if (!loaded.ok()) {
    (void)db.execute("ROLLBACK");
    return loaded;
  }
  if (!db.execute("COMMIT").ok()) {
    (void)db.execute("ROLLBACK");
    return invalid_argument("the backup's rows do not load together: a foreign key refers to a missing row");
  }
  return migrate(db);
}

Result<BackupDump> SqliteStore::snapshot() { return snapshot_database(db_); }

Result<SnapshotCounts> SqliteStore::snapshot_into(const BackupFileHeader& header, DumpEncoder& encoder) {
  return snapshot_database_into(db_, header, encoder);
}

Status SqliteStore::load_snapshot(const BackupDump& dump) {
  TRY(load_dump(db_, dump));
  // Folds the WAL into the file, so moving the file moves the whole database.
  return db_.execute("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;");
}

}  // namespace conduct::store::sqlite
