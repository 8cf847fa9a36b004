// A thin RAII wrapper over the SQLite C API: a connection and prepared statements with
// typed binding and reading. Errors come back as Result values; SQLite's own messages
// are kept out of user-facing errors when they could echo data.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace conduct::store::sqlite {

class Statement;

class Database {
 public:
  // Opens (creating if needed) the database file at `path` with the settings the
  // store relies on: WAL, synchronous=FULL, foreign keys, secure_delete, a busy timeout.
  static Result<Database> open(const std::string& path);

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs one or more statements that return no rows.
  Status execute(std::string_view sql);
  // Runs `work` inside the savepoint `name`: released when it returns OK, rolled back
  // to (and released) when it fails or throws. All or nothing by itself, and nested
  // inside any transaction already open.
  Status in_savepoint(const std::string& name, const std::function<Status()>& work);
  Result<Statement> prepare(std::string_view sql);
  sqlite3* handle() const { return db_; }

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binding is 1-based, as in SQL.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, std::string_view text);
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // Advances to the next row: true when a row is ready, false when done.
  Result<bool> step();
  // Runs a statement that returns no rows (or ignores them).
  Status run();

  std::int64_t int64(int column) const;
  std::optional<std::int64_t> optional_int64(int column) const;
  std::string text(int column) const;
  std::optional<std::string> optional_text(int column) const;
  std::string blob(int column) const;

  // For reading rows of any table (the backup snapshot): the shape of the result and
  // each value's storage class (SQLITE_NULL, SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT,
  // SQLITE_BLOB).
  int column_count() const;
  std::string column_name(int column) const;
  int column_type(int column) const;
  double real(int column) const;
  Statement& bind_real(int index, double value);
  // Makes the statement ready to run again with new bindings (inserting many rows).
  void reset();

 private:
  friend class Database;
  Statement(sqlite3_stmt* statement, sqlite3* db) : statement_(statement), db_(db) {}
  sqlite3_stmt* statement_ = nullptr;
  sqlite3* db_ = nullptr;
};

}  // namespace conduct::store::sqlite
